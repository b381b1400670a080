import { readdirSync, readFileSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { sqlString, withWarehouse } from '@oscp/warehouse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadContracts, type ColumnContract } from '../contracts';
import { generateDemoInbox } from '../demo';
import { SeededRandom } from '../demo/prng';
import { discoverInbox } from '../inbox';
import { DATASETS, type Dataset, type ValidationResult } from '../types';
import { validateSubmission, type ValidationPass } from './validate-submission';

/**
 * The SQL pass against the TypeScript pass: the same findings to the character, the same counts
 * and the same Parquet (types and every value, rendered by DuckDB so that -0 and 0, or a lost
 * microsecond, would differ), on generated demo data made awkward on purpose.
 */

const contracts = loadContracts();
let workDir = '';
beforeAll(async () => {
  workDir = await mkdtemp(join(tmpdir(), 'oscp-sql-parity-'));
});
afterAll(async () => {
  await rm(workDir, { recursive: true, force: true });
});

interface Outcome {
  result: ValidationResult;
  pass: ValidationPass | undefined;
  rows: string[];
  schema: string[];
}

async function parquetContents(path: string | null): Promise<{ rows: string[]; schema: string[] }> {
  if (path === null) return { rows: [], schema: [] };
  return withWarehouse({ path: ':memory:' }, async (warehouse) => {
    const source = `read_parquet(${sqlString(path)})`;
    const schema = await warehouse.all<{ column_name: string; column_type: string }>(
      `select column_name, column_type from (describe select * from ${source})`,
    );
    const rows = await warehouse.all<{ row: string }>(
      `select cast(t as varchar) as row from ${source} t order by _line`,
    );
    return {
      rows: rows.map((row) => row.row),
      schema: schema.map((column) => `${column.column_name} ${column.column_type}`),
    };
  });
}

async function validateWith(
  engine: 'sql' | 'typescript',
  file: { path: string; dataset: Dataset; format: 'csv' | 'xlsx' },
  name: string,
): Promise<Outcome> {
  let pass: ValidationPass | undefined;
  const result = await validateSubmission(
    {
      path: file.path,
      fileName: basename(file.path),
      dataset: file.dataset,
      extractDate: '2026-10-07',
      format: file.format,
      outputPath: join(workDir, `${name}.${engine}.parquet`),
      rejectThresholdPct: 60,
    },
    { engine, onPass: (chosen) => (pass = chosen) },
  );
  return { result, pass, ...(await parquetContents(result.outputPath)) };
}

async function expectSameOutcome(
  file: { path: string; dataset: Dataset; format: 'csv' | 'xlsx' },
  name: string,
): Promise<Outcome> {
  const typescript = await validateWith('typescript', file, name);
  const sql = await validateWith('sql', file, name);
  const { outputPath: _ts, ...tsResult } = typescript.result;
  const { outputPath: _sql, ...sqlResult } = sql.result;
  expect(sqlResult).toEqual(tsResult);
  expect(sql.schema).toEqual(typescript.schema);
  expect(sql.rows).toEqual(typescript.rows);
  return sql;
}

// ---- Making demo data awkward -------------------------------------------------------------

/** Datetimes around both clock changes, in every form the contract takes, and some that fail. */
const DATETIME_VARIANTS = [
  '2024-03-31T00:59:59Z',
  '2024-03-31T01:00:00Z',
  '2024-03-31T00:30Z',
  '2024-03-31T02:30:00+01:00',
  '2024-03-31T01:30:00+00:00',
  '2024-10-27T00:59:00Z',
  '2024-10-27T01:00:00Z',
  '2024-10-27T01:30:00+01:00',
  '2024-10-27T01:30:00+0000',
  '2024-10-26T23:30:00-01:00',
  '2023-12-31T23:30:00-05',
  '2025-03-30T00:15:00z',
  '2025-03-30t01:15:00Z',
  '2022-06-01T12:00:00+18:00',
  '2022-06-01T12:00:00+19:00',
  '2022-06-01T12:00:00+05:60',
  '2022-06-01T12:00',
  '2022-06-01 12:00:59',
  '2022-06-01 12:00:60',
  '2022-06-01T24:00',
  '2022-06-01T23:59:59.5',
  '2022-06-01T23:59:59.123456+01:00',
  '1/6/2022 9:05',
  '01/06/2022 09:05:07',
  '31/06/2022 09:05',
  '29/02/2024 23:59',
  '29/02/2023 23:59',
  '0999-06-01T12:00:00Z',
  '2100-06-01T12:00:00+01:00',
  '2024-02-29T23:30:00-01:00',
  ' 2024-04-01T09:30 ',
  '\u00a02024-04-01T09:30',
  '2024-04-01T09:30\t',
  'not a date',
];
const DATE_VARIANTS = [
  '2024-02-29',
  '2023-02-29',
  '1/4/2024',
  '01/04/2024',
  '31/04/2024',
  '2024-4-01',
  '2024-13-01',
  '0999-01-01',
  '  2024-04-01',
  '\u20032024-04-01',
  '2024/04/01',
];
const FLAG_VARIANTS = ['Y', 'y', 'N', 'n', 'TRUE', 'tRuE', 'False', '1', '0', 'yes', '\u017f', 'Ｙ'];
const NUMBER_VARIANTS = [
  '1e3',
  '-0',
  '.5',
  '1.',
  '+3',
  '1e400',
  '0x10',
  '007',
  '2.50',
  '-1',
  '1E-400',
  '12345678901234567890',
];
const INT_VARIANTS = ['+5', '007', '-0', '2147483647', '2147483648', '1.0', ' 12 ', '-3'];
const ID_VARIANTS = ['AB_12-x', 'A'.repeat(64), 'A'.repeat(65), 'AB 12', 'ÄB12', ' AB12\t'];
const TEXT_VARIANTS = ['\u00a0Title', 'Title\u2028', 'A\tB', 'ẞtraße', '😀'.repeat(3), 'x'.repeat(300)];

function codeVariants(column: ColumnContract, random: SeededRandom, cell: string): string {
  const codes = contracts.codeLists[column.codeList ?? '']?.codes.map((entry) => entry.code) ?? [];
  const code = codes[random.int(0, codes.length - 1)] ?? cell;
  const choices = [
    code.toLowerCase(),
    code.charAt(0).toLowerCase() + code.slice(1),
    ` ${code} `,
    `${code}?`,
    'ß',
    code.replace(/I/g, 'ı'),
  ];
  if (column.type === 'code_list')
    choices.push(
      `${code};${codes[0] ?? ''}`,
      `${code.toLowerCase()} ; ${codes[0] ?? ''}`,
      `${code};`,
      `${code};;${code}`,
    );
  return choices[random.int(0, choices.length - 1)] ?? code;
}

function variantFor(column: ColumnContract, random: SeededRandom, cell: string): string {
  const pick = (list: string[]): string => list[random.int(0, list.length - 1)] ?? '';
  if (random.chance(0.04)) return pick(['', ' ', '\t']);
  switch (column.type) {
    case 'datetime':
      return pick(DATETIME_VARIANTS);
    case 'date':
      return pick(DATE_VARIANTS);
    case 'flag':
      return pick(FLAG_VARIANTS);
    case 'number':
      return pick(NUMBER_VARIANTS);
    case 'int':
    case 'year':
      return pick([...INT_VARIANTS, '2024', '0999', '20245']);
    case 'id':
      return pick(ID_VARIANTS);
    case 'text':
      return pick(TEXT_VARIANTS);
    case 'code':
    case 'code_list':
      return codeVariants(column, random, cell);
    case 'period':
      return pick(['2024-25 Q2', '2024-25q3', '2024-25  Q1', '2024-26 Q1', '2024-25 Q5']);
    case 'financial_year':
      return pick(['2023-24', '2023-25', '2023/24']);
  }
}

/**
 * Rewrites a demo file: about one row in `rate` gets an awkward cell, and now and then a row
 * gains or loses a cell, is repeated (a duplicate key), or a blank line is put in.
 */
async function makeAwkward(
  path: string,
  dataset: Dataset,
  seed: number,
  rate: number,
  crlf: boolean,
): Promise<void> {
  const random = new SeededRandom(seed);
  const text = await readFile(path, 'utf8');
  const [headerLine = '', ...lines] = text
    .split('\n')
    .filter((line, i, all) => line !== '' || i < all.length - 1);
  const header = headerLine.split(',');
  const columns = header.map((name) =>
    contracts.datasets[dataset].columns.find((column) => column.name === name),
  );
  const out: string[] = [headerLine];
  for (const line of lines) {
    const cells = line.split(',');
    if (random.chance(1 / rate)) {
      const at = random.int(0, cells.length - 1);
      const column = columns[at];
      if (column) cells[at] = variantFor(column, random, cells[at] ?? '');
    }
    if (random.chance(0.002)) cells.push('extra');
    if (random.chance(0.002)) cells.pop();
    out.push(cells.join(','));
    if (random.chance(0.002)) out.push(cells.join(','));
    if (random.chance(0.001)) out.push(random.chance(0.5) ? '' : '   ');
  }
  const newline = crlf ? '\r\n' : '\n';
  await writeFile(path, `${out.join(newline)}${newline}`);
}

const CONTACTS_HEADER = 'contact_id,child_id,contact_datetime,source,decision_datetime,outcome';

describe('the SQL pass gives what the TypeScript pass gives', () => {
  it.each([
    [1, 20, false],
    [2, 8, true],
    [3, 3, false],
  ])(
    'on the demo inbox of seed %i with one awkward row in %i (CRLF: %s)',
    async (seed, rate, crlf) => {
      const inbox = join(workDir, `demo-${seed}`);
      const demo = await generateDemoInbox({ outDir: inbox, seed, scale: 0.03, asOf: '2026-11-30' });
      let sqlFiles = 0;
      for (const file of demo.files) {
        await makeAwkward(file.path, file.dataset, seed * 1000 + file.rows, rate, crlf);
        const outcome = await expectSameOutcome(
          { path: file.path, dataset: file.dataset, format: 'csv' },
          `${seed}-${file.dataset}`,
        );
        if (outcome.pass?.pass === 'sql') sqlFiles += 1;
      }
      // Every demo file is one the SQL pass reads (none has quotes): it was really compared.
      expect(sqlFiles).toBe(demo.files.length);
    },
    120_000,
  );

  it('decides in SQL the valid rows with offsets across clock changes, DD/MM dates and mixed-case codes', async () => {
    const valid = [
      '2024-03-31T00:59:59Z',
      '2024-03-31T01:00:00Z',
      '2024-03-31T02:30:00+01:00',
      '2024-10-27T00:59:00Z',
      '2024-10-27T01:30:00+01:00',
      '2024-10-27T01:30:00+0000',
      '2024-10-26T23:30:00-01:00',
      '2023-12-31T23:30:00-05',
      '2025-03-30t01:15:00z',
      '1/6/2022 9:05',
      '29/02/2024 23:59:59',
      '2022-06-01 12:00',
    ];
    const sources = ['3a', '5C', '1b', '10'];
    const outcomes = ['referral', 'Nfa', 'ADVICE', 'early_help'];
    const rows = valid.map(
      (datetime, i) =>
        `CT${i},C${i},${datetime},${sources[i % sources.length] ?? ''},2027-01-0${(i % 9) + 1}T10:00+01:00,${outcomes[i % outcomes.length] ?? ''}`,
    );
    const path = join(workDir, 'contacts_awkward_valid.csv');
    await writeFile(
      path,
      ['contact_id,child_id,contact_datetime,source,decision_datetime,outcome', ...rows, ''].join('\n'),
    );
    const sql = await expectSameOutcome({ path, dataset: 'contacts', format: 'csv' }, 'awkward-valid');
    expect(sql.result.rowsAccepted).toBe(valid.length);
    expect(sql.pass).toEqual({ pass: 'sql', certainlyValid: valid.length, leftToRules: 0 });
    expect(sql.rows[0]).toContain("'contact_datetime': '2024-03-31 00:59:59'");
    expect(sql.rows[1]).toContain("'contact_datetime': '2024-03-31 02:00:00'");
    expect(sql.rows[4]).toContain("'contact_datetime': '2024-10-27 01:30:00'");
  });

  it('leaves a local date-time with a lower-case t to the rules, which accept it with the same outcome', async () => {
    const path = join(workDir, 'contacts_lower_t.csv');
    await writeFile(
      path,
      [
        'contact_id,child_id,contact_datetime,source,decision_datetime,outcome',
        'CT1,C1,2024-06-01t09:30,3A,2024-06-01T10:00,NFA',
        'CT2,C2,2024-06-01T09:30,3A,2024-06-01t10:00:05,NFA',
        'CT3,C3,2024-06-01 09:30,3A,,',
        '',
      ].join('\n'),
    );
    const sql = await expectSameOutcome({ path, dataset: 'contacts', format: 'csv' }, 'lower-t');
    expect(sql.result.rowsAccepted).toBe(3);
    expect(sql.pass).toEqual({ pass: 'sql', certainlyValid: 1, leftToRules: 2 });
    expect(sql.rows[0]).toContain("'contact_datetime': '2024-06-01 09:30:00'");
    expect(sql.rows[1]).toContain("'decision_datetime': '2024-06-01 10:00:05'");
  });

  it('takes the TypeScript pass for files it cannot read exactly, with the same outcome', async () => {
    const cases: [string, string][] = [
      [
        'quoted',
        'contact_id,child_id,contact_datetime,source,decision_datetime,outcome\nCT1,C1,"2024-04-01T09:30",3A,,\n',
      ],
      [
        'quoted-newline',
        'contact_id,child_id,contact_datetime,source,decision_datetime,outcome\nCT1,C1,2024-04-01T09:30,"3A\n",,\nCT2,C2,2024-04-01T09:30,3A,,\n',
      ],
      [
        'lone-cr',
        'contact_id,child_id,contact_datetime,source,decision_datetime,outcome\rCT1,C1,2024-04-01T09:30,3A,,\r',
      ],
      [
        'mixed-endings',
        'contact_id,child_id,contact_datetime,source,decision_datetime,outcome\r\nCT1,C1,2024-04-01T09:30,3A,,\nCT2,C2,2024-04-01T09:30,3A,,\r\n',
      ],
      [
        'cr-inside',
        'contact_id,child_id,contact_datetime,source,decision_datetime,outcome\nCT1,C1\r,2024-04-01T09:30,3A,,\n',
      ],
      [
        'control-character',
        'contact_id,child_id,contact_datetime,source,decision_datetime,outcome\nCT1,C\u00011,2024-04-01T09:30,3A,,\n',
      ],
      [
        'bom',
        '\ufeffcontact_id,child_id,contact_datetime,source,decision_datetime,outcome\nCT1,C1,2024-04-01T09:30,3a,,\n\nCT2,C2,2024-04-01T09:30,3A,,',
      ],
      ['space-before-quote', `${CONTACTS_HEADER}\nCT1,C1, "2024-04-01T09:30",3A,,\n`],
      ['space-after-quote', `${CONTACTS_HEADER}\nCT1,C1,"2024-04-01T09:30" ,3A,,\n`],
      ['quote-inside', `${CONTACTS_HEADER}\nCT1,C1,2024-04-01T09:30,3"A,,\n`],
      [
        'quoted-comma',
        `${CONTACTS_HEADER}\nCT1,C1,"2024-04-01T09:30","3,A",,\nCT2,"C""2",2024-04-01T09:30,3A,,\nCT3,C3,2024-04-01T09:30,3A,,\n`,
      ],
      [
        'quoted-header',
        `"contact_id",child_id,contact_datetime,source,decision_datetime,outcome\nCT1,C1,2024-04-01T09:30,3A,,\n`,
      ],
      [
        'trailing-comma',
        'contact_id,child_id,contact_datetime,source,decision_datetime,outcome\nCT1,C1,2024-04-01T09:30,3A,,,\n',
      ],
    ];
    for (const [name, text] of cases) {
      const path = join(workDir, `contacts_${name}.csv`);
      await writeFile(path, text);
      await expectSameOutcome({ path, dataset: 'contacts', format: 'csv' }, name);
    }
    const notUtf8 = join(workDir, 'contacts_latin1.csv');
    await writeFile(
      notUtf8,
      Buffer.concat([
        Buffer.from('contact_id,child_id,contact_datetime,source,decision_datetime,outcome\nCT1,C'),
        Buffer.from([0xe9]),
        Buffer.from(',2024-04-01T09:30,3A,,\n'),
      ]),
    );
    const latin1 = await expectSameOutcome({ path: notUtf8, dataset: 'contacts', format: 'csv' }, 'latin1');
    expect(latin1.result.status).toBe('rejected');
  }, 60_000);
});

describe('the not-ok fixtures and the sample inbox give the same outcome on both passes', () => {
  const notOkDir = resolve(__dirname, '..', '..', '..', 'test', 'fixtures', 'not-ok');
  const manifest = JSON.parse(readFileSync(join(notOkDir, 'expected.json'), 'utf8')) as {
    fixtures: { name: string; dataset: string; file: string; format: 'csv' | 'xlsx' }[];
  };

  it('every not-ok fixture', async () => {
    for (const fixture of manifest.fixtures) {
      const dataset = DATASETS.find((known) => known === fixture.dataset);
      if (!dataset) throw new Error(`unknown dataset ${fixture.dataset}`);
      await expectSameOutcome(
        { path: join(notOkDir, fixture.file), dataset, format: fixture.format },
        `fixture-${fixture.name}`,
      );
    }
  }, 120_000);

  const sampleInbox = resolve(__dirname, '..', '..', '..', '..', 'shared', 'reference', 'sample', 'inbox');
  const sampleAvailable = (() => {
    try {
      return readdirSync(sampleInbox).length > 0;
    } catch {
      return false;
    }
  })();

  it.runIf(sampleAvailable)(
    'every file of the sample inbox',
    async () => {
      const { files } = await discoverInbox(sampleInbox);
      for (const file of files) {
        if (file.dataset === 'cin_census' || file.format === 'xml') continue;
        const outcome = await expectSameOutcome(
          { path: file.path, dataset: file.dataset, format: file.format },
          `sample-${file.fileName}`,
        );
        // Cells quoted on one line ("Team A, North") leave the file to the SQL pass; a note
        // quoted across two lines (a partner return) sends its file to the TypeScript pass.
        if (file.dataset === 'contacts') expect(outcome.pass?.pass, file.fileName).toBe('sql');
        if (file.fileName === 'partner_returns_20250410.csv') expect(outcome.pass?.pass).toBe('typescript');
      }
    },
    120_000,
  );
});
