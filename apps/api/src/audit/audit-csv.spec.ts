import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { auditCsvLines } from './audit-csv';

describe('auditCsvLines', () => {
  it('writes a header and one line per entry, with formula-like cells made inert', () => {
    const csv = auditCsvLines(
      [
        {
          id: '1',
          at: '2025-01-01T00:00:00.000Z',
          actorId: null,
          actorEmail: '=cmd|calc@evil.example',
          action: 'user.created',
          target: '@SUM(A1)',
          detail: { email: 'a@b.c' },
          ip: '127.0.0.1',
        },
      ],
      true,
    );
    const rows = parse(csv) as string[][];
    expect(rows[0]).toEqual(['id', 'at', 'actor_id', 'actor_email', 'action', 'target', 'detail', 'ip']);
    expect(rows[1]?.[3]).toBe("'=cmd|calc@evil.example");
    expect(rows[1]?.[5]).toBe("'@SUM(A1)");
    expect(rows[1]?.[6]).toBe('{"email":"a@b.c"}');
  });
});
