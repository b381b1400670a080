/**
 * The three parts of a run, each on its own against real PostgreSQL and DuckDB: intake finds and
 * keeps files, validation recording records a file and its findings, build-and-publish makes a
 * snapshot current in one transaction.
 */
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EtlRunEntity } from '../../apps/api/src/pipeline/etl-run.entity';
import { InboxIntake } from '../../apps/api/src/pipeline/inbox-intake';
import { PipelineService } from '../../apps/api/src/pipeline/pipeline.service';
import { inputsFingerprint } from '../../apps/api/src/pipeline/inputs-fingerprint';
import { SnapshotPublisher } from '../../apps/api/src/pipeline/snapshot-publisher';
import { SubmissionEntity } from '../../apps/api/src/pipeline/submission.entity';
import { FindingSequence, ValidationRecorder } from '../../apps/api/src/pipeline/validation-recorder';
import { ScorecardService } from '../../apps/api/src/scorecard/scorecard.service';
import { startTestApp, type TestApp } from '../support/test-app';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

const OK_INBOX = resolve(__dirname, '..', 'fixtures', 'ok');
// One file without a required column: rejected as a whole.
const NOT_OK_INBOX = resolve(__dirname, '..', 'fixtures', 'not-ok', 'contacts_missing_required_column');
const RUN_DATE = '2025-04-30';

describe('the parts of a run', () => {
  let database: TestDatabase;
  let testApp: TestApp;

  beforeAll(async () => {
    database = await createTestDatabase();
    testApp = await startTestApp({ env: database.env });
  });

  afterAll(async () => {
    await testApp?.close();
    await database?.drop();
  });

  const newRun = async (): Promise<EtlRunEntity> => {
    const runs = testApp.app.get(DataSource).getRepository(EtlRunEntity);
    return runs.save(runs.create({ trigger: 'manual', status: 'running', runDate: RUN_DATE }));
  };

  it('records each file it validates with its findings, then publishes a snapshot built from them', async () => {
    const intake = testApp.app.get(InboxIntake);
    const recorder = testApp.app.get(ValidationRecorder);
    const publisher = testApp.app.get(SnapshotPublisher);
    const run = await newRun();
    await intake.prepareFolders(OK_INBOX);
    const scan = await intake.scan(OK_INBOX);
    expect(scan.incoming.length).toBeGreaterThan(10);
    const sequence = new FindingSequence();
    const accepted: SubmissionEntity[] = [];
    for (const [index, incoming] of scan.incoming.entries()) {
      const kept = await intake.archive(incoming);
      const id = `00000000-0000-4000-8000-${String(index).padStart(12, '0')}`;
      const saved = await recorder.validateAndRecord(run.id, id, incoming, kept, sequence);
      expect(saved.status, saved.reason ?? '').toBe('accepted');
      expect(saved.fileSize).toBe(incoming.size);
      accepted.push(saved);
    }
    // Record-level extracts are children's social care's, but early help's; reference data is no agency's.
    const agencyOf = (dataset: string) => accepted.find((row) => row.dataset === dataset)?.agency;
    expect(agencyOf('contacts')).toBe('CSC');
    expect(agencyOf('conference_participation')).toBe('CSC');
    expect(agencyOf('early_help')).toBe('EARLY_HELP');
    expect(agencyOf('population')).toBeNull();
    // A second look at the same inbox reads none of the files again.
    const again = await intake.scan(OK_INBOX);
    expect(again.incoming).toEqual([]);
    expect(again.filesAlreadyLoaded).toBe(scan.incoming.length);

    const inputs = inputsFingerprint({
      submissionIds: accepted.map((row) => row.id),
      overrides: [],
      laCode: testApp.config.laCode,
      runDate: RUN_DATE,
    });
    expect(await publisher.publishedIsBuiltFrom(inputs)).toBe(false);
    const published = await publisher.buildAndPublish({
      run,
      accepted,
      overrides: [],
      inputsSha256: inputs,
      counts: { filesAccepted: accepted.length, filesRejected: 0, rowsQuarantined: 0 },
      sequence,
    });
    expect(published.run.status).toBe('published');
    expect(published.run.snapshotId).toBe(published.snapshotId);
    expect(await publisher.publishedIsBuiltFrom(inputs)).toBe(true);
    expect(await publisher.publishedIsBuiltFrom('0'.repeat(64))).toBe(false);
  });

  it('records a rejected file with findings that name the file and the rule, numbered in order', async () => {
    const intake = testApp.app.get(InboxIntake);
    const recorder = testApp.app.get(ValidationRecorder);
    const run = await newRun();
    await intake.prepareFolders(NOT_OK_INBOX);
    const scan = await intake.scan(NOT_OK_INBOX);
    const sequence = new FindingSequence();
    const statuses: string[] = [];
    for (const [index, incoming] of scan.incoming.entries()) {
      const kept = await intake.archive(incoming);
      const id = `00000000-0000-4000-9000-${String(index).padStart(12, '0')}`;
      statuses.push((await recorder.validateAndRecord(run.id, id, incoming, kept, sequence)).status);
    }
    expect(statuses).toEqual(['rejected']);
    const findings = (await testApp.app
      .get(DataSource)
      .query('select file_name, rule, message, seq from quality_finding where run_id = $1 order by seq', [
        run.id,
      ])) as { file_name: string; rule: string; message: string; seq: number }[];
    expect(findings.length).toBeGreaterThan(0);
    expect(findings.map((finding) => Number(finding.seq))).toEqual(findings.map((_, index) => index + 1));
    expect(findings.map((finding) => finding.rule)).toContain('missing_column');
    for (const finding of findings) {
      expect(finding.file_name).toBe('contacts_20250501.csv');
      expect(finding.message).not.toBe('');
    }
  });
});

describe('a run with a rejected file', () => {
  let database: TestDatabase;
  let testApp: TestApp;
  let inbox: string;

  beforeAll(async () => {
    inbox = mkdtempSync(join(tmpdir(), 'oscp-rejected-inbox-'));
    cpSync(OK_INBOX, inbox, { recursive: true });
    cpSync(NOT_OK_INBOX, inbox, { recursive: true });
    database = await createTestDatabase();
    testApp = await startTestApp({ env: database.env });
  });

  afterAll(async () => {
    await testApp?.close();
    await database?.drop();
    if (inbox) rmSync(inbox, { recursive: true, force: true });
  });

  it("still publishes, and the snapshot's data quality counts the file it rejected", async () => {
    const outcome = await testApp.app.get(PipelineService).run('cli', { inboxDir: inbox, runDate: RUN_DATE });
    expect(outcome.run.status, outcome.run.error ?? '').toBe('published');
    expect(outcome.run.filesRejected).toBe(1);
    const snapshotId = outcome.run.snapshotId ?? '';
    const notes = await testApp.app.get(ScorecardService).snapshotDataQuality(snapshotId);
    const rejected = Object.fromEntries(notes.map((note) => [note.dataset, note.rejectedFiles]));
    expect(rejected.contacts).toBe(1);
    expect(rejected.referrals).toBe(0);
  });
});
