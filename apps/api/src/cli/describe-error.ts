/** One plain line for an error that stops a command (no stack trace). */
export function describeCliError(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const first = message.split('\n')[0] ?? message;
  if (
    error instanceof Error &&
    ['ConfigError', 'DataDirInUseError', 'DatabaseUnavailableError'].includes(error.name)
  )
    return first;
  return `Failed: ${first}`;
}
