/**
 * What of an error may go to the log: its name, the first line of its message (cut to 300
 * characters) and its stack frames. Not its other properties: a database error carries the
 * query's parameters, which can be row contents.
 */
export function loggableError(error: unknown): { errorName: string; errorMessage: string; stack?: string } {
  if (!(error instanceof Error))
    return { errorName: typeof error, errorMessage: 'a non-Error value was thrown' };
  const firstLine = (error.message.split('\n')[0] ?? '').slice(0, 300);
  const frames = error.stack
    ?.split('\n')
    .filter((line) => line.trimStart().startsWith('at '))
    .join('\n');
  return { errorName: error.name, errorMessage: firstLine, ...(frames ? { stack: frames } : {}) };
}
