/** One plain line for an error that stops a command (no stack trace). */
export function describeCliError(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const first = message.split('\n')[0] ?? message;
  const name = error instanceof Error ? error.name : '';
  if (name === 'DataDirInUseError') {
    return `${first} With the embedded database only one process may use it: start the run from the dashboard, or stop the server first.`;
  }
  if (name === 'ConfigError' || name === 'DatabaseUnavailableError') return first;
  return `Failed: ${first}`;
}
