import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadContracts } from '../contracts';
import { DEMO_DATASET_HEADERS, generateDemoInbox, type DemoInboxResult } from './generate';

const AS_OF = '2025-04-10';
const LAST_DAY = '2025-03-31';

/** Headers as the data contract files list them (the demo writes no comparators file). */
const CONTRACT_HEADERS: Record<string, string[]> = Object.fromEntries(
  Object.entries(loadContracts().datasets)
    .filter(([dataset]) => dataset !== 'comparators')
    .map(([dataset, contract]) => [dataset, contract.columns.map((column) => column.name)]),
);

type Rows = Record<string, string>[];

async function readRows(result: DemoInboxResult, dataset: string): Promise<Rows> {
  const file = result.files.find((f) => f.dataset === dataset);
  if (!file) throw new Error(`no ${dataset} file`);
  const rows: unknown = parse(await readFile(file.path), { columns: true });
  return rows as Rows;
}

/** `YYYY-MM-DD` of a contract date or datetime cell, or null when it is not a valid one. */
function isoDateOf(cell: string): string | null {
  const iso = /^(\d{4})-(\d{2})-(\d{2})/.exec(cell);
  const dmy = /^(\d{2})\/(\d{2})\/(\d{4})/.exec(cell);
  const [y, m, d] = iso ? [iso[1], iso[2], iso[3]] : dmy ? [dmy[3], dmy[2], dmy[1]] : [];
  if (!y || !m || !d) return null;
  const date = new Date(Date.UTC(Number(y), Number(m) - 1, Number(d)));
  return date.getUTCDate() === Number(d) && date.getUTCMonth() === Number(m) - 1 ? `${y}-${m}-${d}` : null;
}

describe('generateDemoInbox', () => {
  let dir: string;
  let small: DemoInboxResult;
  let smallAgain: DemoInboxResult;
  let doubled: DemoInboxResult;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'oscp-demo-'));
    small = await generateDemoInbox({ outDir: join(dir, 'a'), seed: 7, scale: 0.05, asOf: AS_OF });
    smallAgain = await generateDemoInbox({ outDir: join(dir, 'b'), seed: 7, scale: 0.05, asOf: AS_OF });
    doubled = await generateDemoInbox({ outDir: join(dir, 'c'), seed: 7, scale: 0.1, asOf: AS_OF });
  });

  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it("writes every dataset to <dataset>/<dataset>_<extract date>.csv with the contract's header", async () => {
    expect(Object.keys(DEMO_DATASET_HEADERS).sort()).toEqual(Object.keys(CONTRACT_HEADERS).sort());
    for (const [dataset, header] of Object.entries(CONTRACT_HEADERS)) {
      const file = small.files.find((f) => f.dataset === dataset);
      // The quarter 2024-25 Q4 ends on 31 March; the extract is dated a week later.
      expect(file?.path).toBe(join(dir, 'a', dataset, `${dataset}_20250407.csv`));
      const text = await readFile(file?.path ?? '', 'utf8');
      expect(text.split('\n')[0]).toBe(header.join(','));
    }
  });

  it('gives byte-identical files for the same seed, scale and as-of date', async () => {
    for (const [i, file] of small.files.entries()) {
      const again = smallAgain.files[i];
      expect(again?.dataset).toBe(file.dataset);
      expect(await readFile(again?.path ?? '', 'utf8')).toBe(await readFile(file.path, 'utf8'));
    }
  });

  it('gives different data for another seed', async () => {
    const other = await generateDemoInbox({ outDir: join(dir, 'd'), seed: 8, scale: 0.05, asOf: AS_OF });
    const contacts = (r: DemoInboxResult): string =>
      r.files.find((f) => f.dataset === 'contacts')?.path ?? '';
    expect(await readFile(contacts(other), 'utf8')).not.toBe(await readFile(contacts(small), 'utf8'));
  });

  it('scales row counts with the scale', () => {
    for (const dataset of ['contacts', 'referrals', 'assessments', 'strategy_discussions', 'early_help']) {
      const a = small.files.find((f) => f.dataset === dataset)?.rows ?? 0;
      const b = doubled.files.find((f) => f.dataset === dataset)?.rows ?? 0;
      expect(a).toBeGreaterThan(0);
      expect(b / a).toBeGreaterThan(1.7);
      expect(b / a).toBeLessThan(2.3);
    }
  });

  it('is Oldham-sized per year at scale 1 (checked at 0.05: 3 years of contacts ≈ 3 × 30,000 × 0.05)', () => {
    const contacts = small.files.find((f) => f.dataset === 'contacts')?.rows ?? 0;
    expect(contacts).toBeGreaterThan(3 * 30_000 * 0.05 * 0.9);
    expect(contacts).toBeLessThan(3 * 30_000 * 0.05 * 1.15);
  });

  it('keeps every event date from 1 April 2022 to the end of the last quarter, bar the deliberate bad dates', async () => {
    const eventDates: Record<string, string[]> = {
      contacts: ['contact_datetime', 'decision_datetime'],
      referrals: ['referral_date', 'closure_date'],
      assessments: ['start_date', 'authorised_date'],
      strategy_discussions: ['strategy_date', 's47_start_date', 'icpc_date'],
      early_help: ['start_date', 'assessment_completed_date', 'gcp2_completed_date', 'end_date'],
      conference_participation: ['conference_date'],
    };
    for (const [dataset, columns] of Object.entries(eventDates)) {
      const rows = await readRows(small, dataset);
      let invalid = 0;
      for (const row of rows) {
        for (const column of columns) {
          const cell = row[column] ?? '';
          if (cell === '') continue;
          const date = isoDateOf(cell);
          if (date === null) {
            invalid += 1;
            continue;
          }
          // Deliberately out-of-order rows may put a date a few days before 1 April 2022.
          expect(date >= '2022-03-25', `${dataset}.${column} ${date}`).toBe(true);
          expect(date <= LAST_DAY, `${dataset}.${column} ${date}`).toBe(true);
        }
      }
      expect(invalid).toBeLessThanOrEqual(Math.max(3, rows.length * 0.003));
    }
    // Plans open on 1 April 2022 started up to a year before; none start after the last quarter.
    for (const row of await readRows(small, 'cp_plans')) {
      expect((row.start_date ?? '') >= '2021-04-01').toBe(true);
      expect((row.start_date ?? '') <= LAST_DAY).toBe(true);
      expect((row.end_date ?? '') <= LAST_DAY).toBe(true);
    }
  });

  it('links records: referrals to REFERRAL contacts, plans to ICPC dates, reviews to plans', async () => {
    const contacts = new Map((await readRows(small, 'contacts')).map((r) => [r.contact_id, r]));
    const referrals = await readRows(small, 'referrals');
    const linked = referrals.filter((r) => contacts.get(r.contact_id ?? '')?.outcome === 'REFERRAL');
    expect(linked.length / referrals.length).toBeGreaterThan(0.99);

    const plans = await readRows(small, 'cp_plans');
    const planIds = new Set(plans.map((p) => p.plan_id));
    const reviews = await readRows(small, 'cp_reviews');
    expect(reviews.length).toBeGreaterThan(0);
    expect(reviews.every((r) => planIds.has(r.plan_id))).toBe(true);

    const icpcDates = new Set(
      (await readRows(small, 'strategy_discussions'))
        .filter((s) => s.icpc_date)
        .map((s) => `${s.child_id} ${isoDateOf(s.icpc_date ?? '')}`),
    );
    const newPlans = plans.filter((p) => (p.start_date ?? '') >= '2022-04-01');
    expect(newPlans.length).toBeGreaterThan(0);
    expect(newPlans.every((p) => icpcDates.has(`${p.child_id} ${p.start_date}`))).toBe(true);
  });

  it('uses pseudonymous child IDs and Y/N flags', async () => {
    const contacts = await readRows(small, 'contacts');
    expect(contacts.every((r) => /^C[0-9a-f]{8}$/.test(r.child_id ?? ''))).toBe(true);
    const assessments = await readRows(small, 'assessments');
    expect(new Set(assessments.map((a) => a.child_seen_alone))).toEqual(new Set(['Y', 'N', '']));
  });

  it('includes a few duplicate keys, well under the 10% rejection threshold', async () => {
    const contacts = await readRows(small, 'contacts');
    const ids = contacts.map((r) => r.contact_id);
    const duplicates = ids.length - new Set(ids).size;
    expect(duplicates).toBeGreaterThan(0);
    expect(duplicates / ids.length).toBeLessThan(0.005);
  });

  it('writes quarterly partner returns for PT03-PT06 with one recent health return missing', async () => {
    const returns = await readRows(small, 'partner_returns');
    const periods = [...new Set(returns.map((r) => r.period))];
    expect(periods[0]).toBe('2022-23 Q1');
    expect(periods.at(-1)).toBe('2024-25 Q4');
    expect(periods).toHaveLength(12);
    const health = returns.filter((r) => r.indicator_code === 'PT05').map((r) => r.period);
    expect(health).toHaveLength(11);
    expect(health).not.toContain('2024-25 Q3');
    for (const r of returns.filter((x) => x.indicator_code === 'PT05' || x.indicator_code === 'PT06')) {
      expect(Number(r.numerator)).toBeLessThanOrEqual(Number(r.denominator));
      expect(Number(r.denominator)).toBeGreaterThan(0);
    }
  });

  it('refuses an as-of date before the first quarter has ended', async () => {
    await expect(generateDemoInbox({ outDir: join(dir, 'e'), asOf: '2022-06-30' })).rejects.toThrow(
      /No quarter has ended by 2022-06-30/,
    );
  });
});
