import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Scorecard } from '@oscp/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runOscp } from '../support/cli';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

const RUN_DATE = '2025-04-30';

describe('oscp demo-data and oscp etl run', () => {
  let database: TestDatabase;
  let work: string;

  beforeAll(async () => {
    database = await createTestDatabase();
    work = mkdtempSync(join(tmpdir(), 'oscp-etl-cli-'));
  });

  afterAll(async () => {
    rmSync(work, { recursive: true, force: true });
    await database?.drop();
  });

  it('fails with exit 1 and a reason when there is nothing accepted to build from', async () => {
    const empty = join(work, 'empty-inbox');
    mkdirSync(empty);
    const result = await runOscp(['etl', 'run', '--inbox', empty, '--run-date', RUN_DATE], database.env);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('failed');
    expect(result.stdout).toContain('no accepted files yet');
  });

  it('writes a demo inbox, publishes it, and a second run loads nothing new', async () => {
    const inbox = join(work, 'inbox');
    const demo = await runOscp(
      ['demo-data', '--out', inbox, '--seed', '3', '--scale', '0.2', '--as-of', RUN_DATE],
      {},
    );
    expect(demo.code).toBe(0);
    expect(demo.stdout).toMatch(/^Wrote \d+ files/);

    const first = await runOscp(['etl', 'run', '--inbox', inbox, '--run-date', RUN_DATE], database.env);
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(
      /^accepted {2}contacts\/contacts_\d{8}\.csv: \d+ rows loaded, \d+ quarantined$/m,
    );
    const published = /Published snapshot ([0-9a-f-]{36})\./.exec(first.stdout);
    expect(published).not.toBeNull();

    const second = await runOscp(['etl', 'run', '--inbox', inbox, '--run-date', RUN_DATE], database.env);
    expect(second.code).toBe(0);
    expect(second.stdout).toContain('Nothing new to load: the published snapshot stands.');
    expect(second.stdout).not.toMatch(/^accepted/m);

    const scorecard = await runOscp(['scorecard', '--format', 'json'], {
      ...database.env,
      OSCP_RUN_DATE: RUN_DATE,
    });
    expect(scorecard.code).toBe(0);
    expect((JSON.parse(scorecard.stdout) as Scorecard).snapshotId).toBe(published?.[1]);
  });

  it('treats bad arguments as usage errors (exit 2)', async () => {
    expect((await runOscp(['etl', 'run', '--run-date', '2025-02-30'], database.env)).code).toBe(2);
    expect((await runOscp(['etl', 'walk'], database.env)).code).toBe(2);
    expect((await runOscp(['demo-data'], {})).code).toBe(2);
    const help = await runOscp(['--help'], {});
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('etl');
  });
});
