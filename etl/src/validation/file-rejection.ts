import type { Finding } from '../types';

/**
 * The finding that rejects a whole file, and the run's plain reason for it: one wording for
 * extracts and the census alike.
 */
export function fileRejection(
  file: { dataset: string; fileName: string },
  rule: string,
  detail: string,
  column: string | null,
  line: number | null = null,
): { finding: Finding; reason: string } {
  const reason = `${file.fileName} ${detail}`;
  return {
    finding: {
      kind: 'file_rejected',
      dataset: file.dataset,
      fileName: file.fileName,
      line,
      column,
      value: null,
      rule,
      message: `${reason} (rule: ${rule})`,
    },
    reason: `${reason}.`,
  };
}
