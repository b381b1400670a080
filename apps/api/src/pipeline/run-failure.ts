/** A run failure whose message is already plain English for the run record. */
export class RunFailure extends Error {}

/** The first line of an error's message, ending with a full stop. */
export function firstLine(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const line = (message.split('\n')[0] ?? message).trim();
  return /[.!?]$/.test(line) ? line : `${line}.`;
}

export function plainFailure(error: unknown): string {
  return `The run stopped: ${firstLine(error)} Nothing was published; the published snapshot stands.`;
}
