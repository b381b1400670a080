import { mkdirSync, mkdtempSync, rmSync, statSync, utimesSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Repository } from 'typeorm';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { AppConfig } from '../config/app-config';
import { InboxIntake } from './inbox-intake';
import type { SubmissionEntity } from './submission.entity';

const hashed = vi.hoisted(() => [] as string[]);
vi.mock('@oscp/etl', async (importOriginal) => {
  const original = await importOriginal<typeof import('@oscp/etl')>();
  return {
    ...original,
    sha256File: async (path: string) => {
      hashed.push(path);
      return original.sha256File(path);
    },
  };
});

type KnownRow = Pick<
  SubmissionEntity,
  'id' | 'sha256' | 'inboxPath' | 'status' | 'fileName' | 'fileSize' | 'fileModifiedMs'
>;

/** The submissions table as intake sees it: rows to find, and the stats it updates. */
function submissionsTable(rows: KnownRow[]) {
  const updates: { id: string; fields: Partial<SubmissionEntity> }[] = [];
  const repository = {
    find: async () => rows,
    update: async (id: string, fields: Partial<SubmissionEntity>) => {
      updates.push({ id, fields });
    },
  };
  return { repository: repository as unknown as Repository<SubmissionEntity>, updates };
}

describe('InboxIntake', () => {
  let work: string;
  let inbox: string;
  let dataDir: string;

  beforeEach(() => {
    hashed.length = 0;
    work = mkdtempSync(join(tmpdir(), 'oscp-intake-'));
    inbox = join(work, 'inbox');
    dataDir = join(work, 'data');
    mkdirSync(join(inbox, 'contacts'), { recursive: true });
    mkdirSync(join(dataDir, 'submissions'), { recursive: true });
  });

  afterEach(() => rmSync(work, { recursive: true, force: true }));

  const config = (): AppConfig => ({ dataDir }) as AppConfig;

  function putFile(name: string, content: string): { path: string; size: number; modifiedMs: number } {
    const path = join(inbox, 'contacts', name);
    writeFileSync(path, content);
    const stats = statSync(path);
    return { path, size: stats.size, modifiedMs: stats.mtimeMs };
  }

  it('hashes and takes in a file it has not seen, and reports badly named entries', async () => {
    putFile('contacts_20250401.csv', 'contact_id\nC1\n');
    writeFileSync(join(inbox, 'stray.csv'), 'x');
    const { repository } = submissionsTable([]);
    const scan = await new InboxIntake(config(), repository).scan(inbox);
    expect(scan.incoming.map((item) => item.inboxPath)).toEqual(['contacts/contacts_20250401.csv']);
    expect(scan.incoming[0]?.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(scan.filesAlreadyLoaded).toBe(0);
    expect(scan.problems.map((problem) => problem.fileName)).toEqual(['stray.csv']);
    expect(hashed).toHaveLength(1);
  });

  it('does not read a file again whose path, size and modification time match a submission', async () => {
    const file = putFile('contacts_20250401.csv', 'contact_id\nC1\n');
    const { repository } = submissionsTable([
      {
        id: 'sub-1',
        sha256: 'a'.repeat(64),
        inboxPath: 'contacts/contacts_20250401.csv',
        status: 'accepted',
        fileName: 'contacts_20250401.csv',
        fileSize: file.size,
        fileModifiedMs: file.modifiedMs,
      },
    ]);
    const scan = await new InboxIntake(config(), repository).scan(inbox);
    expect(scan.incoming).toEqual([]);
    expect(scan.filesAlreadyLoaded).toBe(1);
    expect(hashed).toEqual([]);
  });

  it('hashes a touched file, counts it as loaded when its bytes are the same, and remembers its new time', async () => {
    const first = putFile('contacts_20250401.csv', 'contact_id\nC1\n');
    const { repository: empty } = submissionsTable([]);
    const sha256 = (await new InboxIntake(config(), empty).scan(inbox)).incoming[0]?.sha256 ?? '';
    utimesSync(first.path, new Date('2030-01-01T00:00:00Z'), new Date('2030-01-01T00:00:00Z'));
    hashed.length = 0;
    const { repository, updates } = submissionsTable([
      {
        id: 'sub-1',
        sha256,
        inboxPath: 'contacts/contacts_20250401.csv',
        status: 'accepted',
        fileName: 'contacts_20250401.csv',
        fileSize: first.size,
        fileModifiedMs: first.modifiedMs,
      },
    ]);
    const scan = await new InboxIntake(config(), repository).scan(inbox);
    expect(scan.incoming).toEqual([]);
    expect(scan.filesAlreadyLoaded).toBe(1);
    expect(hashed).toHaveLength(1);
    expect(updates).toEqual([
      { id: 'sub-1', fields: { fileSize: first.size, fileModifiedMs: Date.parse('2030-01-01T00:00:00Z') } },
    ]);
  });

  it('takes in a file whose bytes changed at the same path, and knows the accepted copies by content', async () => {
    putFile('contacts_20250401.csv', 'contact_id\nC2\n');
    putFile('contacts_20250501.csv', 'contact_id\nC1\n');
    const { repository: empty } = submissionsTable([]);
    const before = await new InboxIntake(config(), empty).scan(inbox);
    const copyOfAccepted = before.incoming.find((item) => item.inboxPath.endsWith('20250501.csv'));
    const { repository } = submissionsTable([
      {
        id: 'sub-1',
        sha256: copyOfAccepted?.sha256 ?? '',
        inboxPath: 'contacts/contacts_20250401.csv',
        status: 'accepted',
        fileName: 'contacts_20250401.csv',
        fileSize: null,
        fileModifiedMs: null,
      },
    ]);
    const scan = await new InboxIntake(config(), repository).scan(inbox);
    expect(scan.incoming.map((item) => item.inboxPath)).toEqual([
      'contacts/contacts_20250401.csv',
      'contacts/contacts_20250501.csv',
    ]);
    expect(scan.acceptedFiles.duplicateOf(copyOfAccepted?.sha256 ?? '', 'contacts_20250501.csv')).toBe(
      'contacts_20250401.csv',
    );
    expect(scan.acceptedFiles.duplicateOf(copyOfAccepted?.sha256 ?? '', 'contacts_20250501.xlsx')).toBe(
      undefined,
    );
  });

  it('keeps one copy of each content in the data folder, named by its SHA-256', async () => {
    putFile('contacts_20250401.csv', 'contact_id\nC1\n');
    const { repository } = submissionsTable([]);
    const intake = new InboxIntake(config(), repository);
    const [incoming] = (await intake.scan(inbox)).incoming;
    if (!incoming) throw new Error('no incoming file');
    const kept = await intake.archive(incoming);
    expect(kept).toBe(join(dataDir, 'submissions', `${incoming.sha256}.csv`));
    expect(existsSync(kept)).toBe(true);
  });
});
