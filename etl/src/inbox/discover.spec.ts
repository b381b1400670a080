import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { discoverInbox, parseInboxFileName, sha256File } from './discover';

let inbox = '';
beforeAll(async () => {
  inbox = await mkdtemp(join(tmpdir(), 'oscp-inbox-'));
  const files: Record<string, string> = {
    'partner_returns/partner_returns_20250415_police.csv': 'x',
    'partner_returns/partner_returns_20250415.csv': 'x',
    'partner_returns/partner_returns_20250410.csv': 'x',
    'contacts/contacts_20250407.xlsx': 'x',
    'contacts/contacts_2025047.csv': 'x',
    'contacts/referrals_20250407.csv': 'x',
    'contacts/contacts_20250231.csv': 'x',
    'contacts/notes.txt': 'x',
    'contacts/.DS_Store': 'x',
    'conference_participation/conference_participation_20250407.csv': 'x',
    'children/children_20250407.csv': 'x',
    'stray_20250407.csv': 'x',
  };
  for (const [path, content] of Object.entries(files)) {
    await mkdir(join(inbox, path, '..'), { recursive: true });
    await writeFile(join(inbox, path), content);
  }
});
afterAll(async () => {
  await rm(inbox, { recursive: true, force: true });
});

describe('discoverInbox', () => {
  it('lists well-named files with dataset, extract date and format, in a stable order', async () => {
    const { files } = await discoverInbox(inbox);
    expect(files.map((f) => [f.dataset, f.fileName, f.extractDate, f.format])).toEqual([
      ['conference_participation', 'conference_participation_20250407.csv', '2025-04-07', 'csv'],
      ['contacts', 'contacts_20250407.xlsx', '2025-04-07', 'xlsx'],
      ['partner_returns', 'partner_returns_20250410.csv', '2025-04-10', 'csv'],
      ['partner_returns', 'partner_returns_20250415.csv', '2025-04-15', 'csv'],
      ['partner_returns', 'partner_returns_20250415_police.csv', '2025-04-15', 'csv'],
    ]);
    expect(files[0]?.path).toBe(
      join(inbox, 'conference_participation', 'conference_participation_20250407.csv'),
    );
  });

  it('reports unknown folders, stray files and bad names as problems', async () => {
    const { problems } = await discoverInbox(inbox);
    expect(problems.map((p) => p.fileName).sort()).toEqual(
      [
        'children',
        'contacts_2025047.csv',
        'contacts_20250231.csv',
        'notes.txt',
        'referrals_20250407.csv',
        'stray_20250407.csv',
      ].sort(),
    );
    expect(problems.find((p) => p.fileName === 'children')?.message).toContain('not a dataset');
    expect(problems.find((p) => p.fileName === 'referrals_20250407.csv')?.message).toContain(
      'in the folder contacts',
    );
    expect(problems.find((p) => p.fileName === 'contacts_20250231.csv')?.message).toContain(
      'not a real date',
    );
  });
});

describe('parseInboxFileName', () => {
  it('reads the dataset, date and suffix', () => {
    expect(parseInboxFileName('partner_returns_20250415_police.csv')).toEqual({
      dataset: 'partner_returns',
      extractDate: '2025-04-15',
      suffix: 'police',
      format: 'csv',
    });
    expect(parseInboxFileName('cp_plans_20240108.XLSX')).toMatchObject({
      dataset: 'cp_plans',
      format: 'xlsx',
    });
  });

  it('takes the children in need census as XML only, and XML for no other dataset', () => {
    expect(parseInboxFileName('cin_census_20220523.xml')).toEqual({
      dataset: 'cin_census',
      extractDate: '2022-05-23',
      suffix: null,
      format: 'xml',
    });
    expect(parseInboxFileName('cin_census_20220523.csv')).toBe(
      'cin_census_20220523.csv is not XML; the children in need census is loaded from its .xml file',
    );
    expect(parseInboxFileName('referrals_20220523.xml')).toBe(
      'referrals_20220523.xml is XML, which only the cin_census dataset takes; expected <dataset>_<YYYYMMDD>[_<suffix>].csv or .xlsx (cin_census: .xml)',
    );
  });

  it('refuses other extensions and missing dates', () => {
    expect(typeof parseInboxFileName('contacts_20250407.txt')).toBe('string');
    expect(typeof parseInboxFileName('contacts.csv')).toBe('string');
  });
});

describe('sha256File', () => {
  it('hashes the file contents as a stream', async () => {
    const path = join(inbox, 'hash-me.bin');
    const content = Buffer.alloc(300_000, 7);
    await writeFile(path, content);
    expect(await sha256File(path)).toBe(createHash('sha256').update(content).digest('hex'));
  });
});
