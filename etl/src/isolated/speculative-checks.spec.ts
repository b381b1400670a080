import { spawnSync } from 'node:child_process';
import {
  appendFileSync,
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sqlString, withWarehouse } from '@oscp/warehouse';
import { sha256File } from '../inbox';
import type { ValidateSubmissionInput } from '../types';
import { validateSubmission } from '../validation';
import { IsolatedWorker } from './run-isolated';
import { checkAheadFolder, removeLeftoverCheckAheadFolders, SpeculativeChecks } from './speculative-checks';

const CONTACTS = [
  'contact_id,child_id,contact_datetime,source,decision_datetime,outcome',
  'CT1,C1,2024-07-01T10:00,6,2024-07-01T12:00,NFA',
  'CT2,C2,2024-07-02 09:30,3F,2024-07-03 16:00,ADVICE',
  'CT3,C3,not a date,6,2024-07-03 16:00,NFA',
  'CT4,C4,02/07/2024 11:15,5A,,',
].join('\n');

let dir = '';
let inbox = '';
let submissions = '';
let worker: IsolatedWorker;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'oscp-ahead-'));
  inbox = join(dir, 'inbox');
  submissions = join(dir, 'submissions');
  mkdirSync(join(inbox, 'contacts'), { recursive: true });
  mkdirSync(join(inbox, 'referrals'), { recursive: true });
  mkdirSync(submissions);
  writeFileSync(join(inbox, 'contacts', 'contacts_20240801.csv'), `${CONTACTS}\n`);
  writeFileSync(
    join(inbox, 'referrals', 'referrals_20240801.csv'),
    'referral_id,child_id,referral_date,source,contact_id\nR1,C1,2024-07-01,6,CT1\n',
  );
  worker = new IsolatedWorker({ memoryMb: 512, timeLimitMs: 60_000 });
});

afterEach(() => {
  worker.close();
  rmSync(dir, { recursive: true, force: true });
});

/** What the run does for a new file: keeps a copy under its hash and validates the copy. */
async function runInput(
  inboxPath: string,
  name: string,
): Promise<{ input: ValidateSubmissionInput; sha256: string }> {
  const sha256 = await sha256File(inboxPath);
  const kept = join(submissions, `${sha256}.csv`);
  copyFileSync(inboxPath, kept);
  return {
    sha256,
    input: {
      path: kept,
      fileName: 'contacts_20240801.csv',
      dataset: 'contacts',
      extractDate: '2024-08-01',
      format: 'csv',
      outputPath: join(submissions, `${name}.pending.parquet`),
      rejectThresholdPct: 50,
    },
  };
}

async function parquetRows(path: string): Promise<unknown[]> {
  return withWarehouse({ path: ':memory:' }, (warehouse) =>
    warehouse.all(`select * from read_parquet(${sqlString(path)}) order by _line`),
  );
}

const start = (maxBytes?: number): Promise<SpeculativeChecks> =>
  SpeculativeChecks.start(worker, {
    inboxDir: inbox,
    outputDir: checkAheadFolder(submissions),
    rejectThresholdPct: 50,
    maxBytes,
  });

describe('checks sent ahead of a run', () => {
  it('gives a claimed file the findings and Parquet the run would have made, moved into place', async () => {
    const contacts = join(inbox, 'contacts', 'contacts_20240801.csv');
    const ahead = await start();
    const { input, sha256 } = await runInput(contacts, 'claimed');

    const claimed = await ahead.claim(contacts, sha256, input);
    const own = await validateSubmission({ ...input, outputPath: join(submissions, 'own.pending.parquet') });

    expect(claimed).not.toBeNull();
    expect(claimed?.status).toBe('accepted');
    expect(claimed?.rowsQuarantined).toBe(1);
    expect({ ...claimed, outputPath: null }).toEqual({ ...own, outputPath: null });
    expect(claimed?.outputPath).toBe(input.outputPath);
    expect(await parquetRows(input.outputPath)).toEqual(
      await parquetRows(join(submissions, 'own.pending.parquet')),
    );
    // Claimed once: a second claim of the same file is the run's own check.
    expect(await ahead.claim(contacts, sha256, input)).toBeNull();
    await ahead.discard();
    expect(existsSync(checkAheadFolder(submissions))).toBe(false);
    expect(existsSync(input.outputPath)).toBe(true);
  });

  it('does not use a check of bytes that changed after it was made', async () => {
    const contacts = join(inbox, 'contacts', 'contacts_20240801.csv');
    const ahead = await start();
    // Tasks run in order: once this one is done, the checks sent before it have been made.
    await worker.run({ kind: 'prepare', input: { laCode: 353 } });
    // The check is of the file as it was; the run reads it with one more row.
    appendFileSync(contacts, 'CT5,C5,2024-07-05T10:00,6,2024-07-05T12:00,NFA\n');
    const { input, sha256 } = await runInput(contacts, 'changed');

    expect(await ahead.claim(contacts, sha256, input)).toBeNull();
    await ahead.discard();
    expect(existsSync(checkAheadFolder(submissions))).toBe(false);
  });

  it('does not use a check made with other settings', async () => {
    const contacts = join(inbox, 'contacts', 'contacts_20240801.csv');
    const ahead = await start();
    const { input, sha256 } = await runInput(contacts, 'strict');

    expect(await ahead.claim(contacts, sha256, { ...input, rejectThresholdPct: 5 })).toBeNull();
    await ahead.discard();
  });

  it('drops the checks of files the run does not take in, and removes what unclaimed checks wrote', async () => {
    const contacts = join(inbox, 'contacts', 'contacts_20240801.csv');
    const referrals = join(inbox, 'referrals', 'referrals_20240801.csv');
    const ahead = await start();
    ahead.keepOnly(new Set([contacts]));
    const { input, sha256 } = await runInput(referrals, 'referrals');

    expect(
      await ahead.claim(referrals, sha256, {
        ...input,
        fileName: 'referrals_20240801.csv',
        dataset: 'referrals',
      }),
    ).toBeNull();
    await ahead.discard();
    expect(existsSync(checkAheadFolder(submissions))).toBe(false);
  });

  it('checks nothing ahead for an inbox over the size limit', async () => {
    const contacts = join(inbox, 'contacts', 'contacts_20240801.csv');
    const ahead = await start(100);
    const { input, sha256 } = await runInput(contacts, 'large');

    expect(existsSync(checkAheadFolder(submissions))).toBe(false);
    expect(await ahead.claim(contacts, sha256, input)).toBeNull();
  });

  it('removes the check folders of processes no longer running, and only those', async () => {
    const ended = spawnSync(process.execPath, ['-e', 'process.pid']).pid;
    expect(ended).toBeGreaterThan(0);
    mkdirSync(checkAheadFolder(submissions, ended ?? 0));
    mkdirSync(checkAheadFolder(submissions, process.pid));
    writeFileSync(join(submissions, 'kept.parquet'), '');

    await removeLeftoverCheckAheadFolders(submissions);

    expect(readdirSync(submissions).sort()).toEqual([`ahead-${process.pid}`, 'kept.parquet']);
  });
});
