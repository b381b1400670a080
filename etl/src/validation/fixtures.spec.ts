import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DATASETS, type Dataset } from '../types';
import { validateSubmission } from './validate-submission';

interface ExpectedFinding {
  line: number | null;
  column: string | null;
  rule: string;
  kind?: string;
}

interface FixtureCase {
  name: string;
  description: string;
  dataset: string;
  file: string;
  format: 'csv' | 'xlsx';
  expected:
    | { status: 'rejected'; rule: string; column: string | null; reasonIncludes: string[] }
    | { status: 'accepted'; rowsRead?: number; rowsQuarantined: number; findings: ExpectedFinding[] };
}

const notOkDir = resolve(__dirname, '..', '..', '..', 'test', 'fixtures', 'not-ok');
const manifest = JSON.parse(readFileSync(join(notOkDir, 'expected.json'), 'utf8')) as {
  rejectThresholdPct: number;
  fixtures: FixtureCase[];
};

function asDataset(name: string): Dataset {
  const dataset = DATASETS.find((known) => known === name);
  if (!dataset) throw new Error(`The manifest names an unknown dataset ${name}`);
  return dataset;
}

let workDir = '';
beforeAll(async () => {
  workDir = await mkdtemp(join(tmpdir(), 'oscp-fixtures-'));
});
afterAll(async () => {
  await rm(workDir, { recursive: true, force: true });
});

describe('the not-ok fixtures give exactly the outcome their manifest states', () => {
  it.each(manifest.fixtures.map((fixture) => [fixture.name, fixture] as const))(
    '%s',
    async (_name, fixture) => {
      const result = await validateSubmission({
        path: join(notOkDir, fixture.file),
        fileName: basename(fixture.file),
        dataset: asDataset(fixture.dataset),
        extractDate: '2025-05-01',
        format: fixture.format,
        outputPath: join(workDir, `${fixture.name}.parquet`),
        rejectThresholdPct: manifest.rejectThresholdPct,
      });
      const expected = fixture.expected;
      expect(result.status).toBe(expected.status);
      if (expected.status === 'rejected') {
        const rejection = result.findings.find((finding) => finding.kind === 'file_rejected');
        expect(rejection?.rule).toBe(expected.rule);
        if (expected.column !== null) expect(rejection?.column).toBe(expected.column);
        for (const fragment of expected.reasonIncludes) expect(result.reason).toContain(fragment);
        expect(result.outputPath).toBeNull();
        expect(result.rowsAccepted).toBe(0);
      } else {
        expect(result.findings.map(({ line, column, rule }) => ({ line, column, rule }))).toEqual(
          expected.findings.map(({ line, column, rule }) => ({ line, column, rule })),
        );
        for (const [i, finding] of expected.findings.entries()) {
          if (finding.kind) expect(result.findings[i]?.kind).toBe(finding.kind);
        }
        expect(result.rowsQuarantined).toBe(expected.rowsQuarantined);
        if (expected.rowsRead !== undefined) expect(result.rowsRead).toBe(expected.rowsRead);
        expect(result.rowsAccepted).toBe(result.rowsRead - result.rowsQuarantined);
      }
    },
  );

  it('covers every row rule the contracts declare', () => {
    const rules = new Set(
      manifest.fixtures.flatMap((fixture) =>
        'findings' in fixture.expected
          ? fixture.expected.findings.map((f) => f.rule)
          : [fixture.expected.rule],
      ),
    );
    for (const rule of [
      'required',
      'id_format',
      'date_format',
      'datetime_format',
      'flag_format',
      'code_list',
      'int_format',
      'number_format',
      'period_format',
      'year_format',
      'financial_year_format',
      'min',
      'greater_than',
      'max_length',
      'not_before',
      'required_when',
      'requires',
      'not_together',
      'numerator_le_denominator',
      'denominator_required_for',
      'indicator_source',
      'duplicate_key',
      'column_count',
      'unknown_column',
      'personal_data_column',
      'missing_column',
      'duplicate_column',
      'not_utf8',
      'unreadable',
      'empty_file',
      'too_many_failing_rows',
    ]) {
      expect(rules, rule).toContain(rule);
    }
  });
});
