import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  statSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Repository } from 'typeorm';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { AppConfig } from '../config/app-config';
import { ArchiveAhead, InboxIntake, type IncomingFile } from './inbox-intake';
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
    expect(readFileSync(kept, 'utf8')).toBe('contact_id\nC1\n');
    expect(readdirSync(join(dataDir, 'submissions'))).toEqual([`${incoming.sha256}.csv`]);
  });

  it('removes at start-up a copy a stopped run left unfinished, never taking it as kept', async () => {
    putFile('contacts_20250401.csv', 'contact_id\nC1\n');
    const { repository } = submissionsTable([]);
    const intake = new InboxIntake(config(), repository);
    const [incoming] = (await intake.scan(inbox)).incoming;
    if (!incoming) throw new Error('no incoming file');
    const unfinished = join(dataDir, 'submissions', `${incoming.sha256}.csv.copying`);
    writeFileSync(unfinished, 'contact_id\n');
    await intake.removePendingFiles();
    expect(existsSync(unfinished)).toBe(false);
    const kept = await intake.archive(incoming);
    expect(readFileSync(kept, 'utf8')).toBe('contact_id\nC1\n');
  });
  it('removes at start-up what a stopped check left: its output, rows, residue and spill folder', async () => {
    const { repository } = submissionsTable([]);
    const folder = join(dataDir, 'submissions');
    const output = `${'c'.repeat(64)}.run-1.pending.parquet`;
    for (const name of [output, `${output}.rows.csv`, `${output}.residue.csv`, 'submission-1.parquet'])
      writeFileSync(join(folder, name), 'x');
    mkdirSync(join(folder, `${output}.tmp`));
    writeFileSync(join(folder, `${output}.tmp`, 'duckdb_temp_block'), 'x');
    await new InboxIntake(config(), repository).removePendingFiles();
    expect(readdirSync(folder)).toEqual(['submission-1.parquet']);
  });

  it('removes at start-up a kept copy no submission records, and keeps recorded ones and the Parquet', async () => {
    const recordedSha = 'a'.repeat(64);
    const unrecordedSha = 'b'.repeat(64);
    const { repository } = submissionsTable([
      {
        id: 'submission-1',
        sha256: recordedSha,
        inboxPath: 'contacts/contacts_20250401.csv',
        status: 'accepted',
        fileName: 'contacts_20250401.csv',
        fileSize: 1,
        fileModifiedMs: 1,
      },
    ]);
    const folder = join(dataDir, 'submissions');
    for (const name of [`${recordedSha}.csv`, `${unrecordedSha}.xlsx`, 'submission-1.parquet'])
      writeFileSync(join(folder, name), 'x');
    await new InboxIntake(config(), repository).removePendingFiles();
    expect(readdirSync(folder).sort()).toEqual([`${recordedSha}.csv`, 'submission-1.parquet']);
  });
});

describe('ArchiveAhead', () => {
  const incoming = (name: string): IncomingFile => ({ inboxPath: name }) as IncomingFile;

  it('starts the next copy ahead and hands it over when its turn comes, once', async () => {
    const started: string[] = [];
    const ahead = new ArchiveAhead(async (file) => {
      started.push(file.inboxPath);
      return `kept/${file.inboxPath}`;
    });
    const [first, second] = [incoming('a.csv'), incoming('b.csv')];
    const firstKept = ahead.take(first);
    ahead.start(second);
    ahead.start(second);
    ahead.start(undefined);
    expect(started).toEqual(['a.csv', 'b.csv']);
    expect(await firstKept).toBe('kept/a.csv');
    expect(await ahead.take(second)).toBe('kept/b.csv');
    expect(started).toEqual(['a.csv', 'b.csv']);
  });

  it('fails a copy started ahead when its file is taken, not before', async () => {
    const unhandled = vi.fn();
    process.on('unhandledRejection', unhandled);
    try {
      const ahead = new ArchiveAhead(() => Promise.reject(new Error('the disk is full')));
      const file = incoming('a.csv');
      ahead.start(file);
      await new Promise((resolve) => setTimeout(resolve, 10));
      expect(unhandled).not.toHaveBeenCalled();
      await expect(ahead.take(file)).rejects.toThrow('the disk is full');
    } finally {
      process.off('unhandledRejection', unhandled);
    }
  });
});
