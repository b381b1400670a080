/** Why a file could not be read at all; the file is rejected with `message`. */
export type FileReadProblem = 'not_utf8' | 'unreadable';

export class FileReadError extends Error {
  constructor(
    readonly problem: FileReadProblem,
    message: string,
  ) {
    super(message);
    this.name = 'FileReadError';
  }
}
