import { stringify } from 'csv-stringify/sync';
import type { AuditEntry } from '@oscp/contracts';
import { safeCsvRow } from '../security/csv-safety';

export const AUDIT_CSV_HEADER = ['id', 'at', 'actor_id', 'actor_email', 'action', 'target', 'detail', 'ip'];

/** CSV lines for audit entries; every text cell passes the formula-injection guard. */
export function auditCsvLines(entries: readonly AuditEntry[], withHeader: boolean): string {
  const rows = entries.map((entry) =>
    safeCsvRow([
      entry.id,
      entry.at,
      entry.actorId,
      entry.actorEmail,
      entry.action,
      entry.target,
      JSON.stringify(entry.detail),
      entry.ip,
    ]),
  );
  return stringify(withHeader ? [AUDIT_CSV_HEADER, ...rows] : rows, {
    cast: { date: (value) => value.toISOString() },
  });
}
