import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { DATASETS } from '../types';
import {
  ContractError,
  DEFAULT_CONTRACTS_DIR,
  codeLookup,
  crossDatasetRules,
  loadContracts,
  readContracts,
  validateContractFiles,
  writeCheckedContracts,
} from './load';

const scratch: string[] = [];
afterAll(() => {
  for (const dir of scratch) rmSync(dir, { recursive: true, force: true });
});

function contractsCopy(edit: (dir: string) => void): string {
  const dir = mkdtempSync(join(tmpdir(), 'oscp-contracts-'));
  scratch.push(dir);
  cpSync(DEFAULT_CONTRACTS_DIR, dir, { recursive: true });
  edit(dir);
  return dir;
}

function editJson(dir: string, file: string, change: (value: Record<string, unknown>) => void): void {
  const path = join(dir, file);
  const value = JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
  change(value);
  writeFileSync(path, JSON.stringify(value));
}

describe('loadContracts', () => {
  it('loads a contract for every one of the 12 datasets', () => {
    const contracts = loadContracts();
    expect(Object.keys(contracts.datasets).sort()).toEqual([...DATASETS].sort());
    expect(contracts.datasets.contacts.key).toEqual(['contact_id']);
    expect(contracts.datasets.conference_participation.key).toEqual(['conference_id', 'agency']);
    expect(contracts.datasets.partner_returns.key).toEqual(['agency', 'indicator_code', 'period']);
  });

  it('declares the spec rules as data', () => {
    const { datasets } = loadContracts();
    const column = (dataset: keyof typeof datasets, name: string) =>
      datasets[dataset].columns.find((c) => c.name === name);
    expect(column('contacts', 'decision_datetime')?.rules).toEqual([
      { rule: 'not_before', column: 'contact_datetime' },
    ]);
    expect(column('contacts', 'outcome')?.rules).toEqual([
      { rule: 'required_when', column: 'decision_datetime' },
    ]);
    expect(column('strategy_discussions', 'icpc_not_required')?.rules).toEqual([
      { rule: 'not_together', column: 'icpc_date' },
    ]);
    expect(column('partner_returns', 'denominator')).toMatchObject({
      greaterThan: 0,
      rules: [{ rule: 'denominator_required_for', codes: ['PT05', 'PT06'] }],
    });
    expect(column('partner_returns', 'indicator_code')?.rules).toEqual([
      { rule: 'indicator_source', source: 'partner_returns', codes: ['PT03', 'PT04', 'PT05', 'PT06'] },
    ]);
    expect(column('cp_plans', 'previous_plans')).toMatchObject({ type: 'int', min: 0 });
  });

  it('exports the cross-dataset rules for the snapshot builder', () => {
    expect(crossDatasetRules()).toEqual([
      {
        rule: 'references',
        dataset: 'cp_reviews',
        column: 'plan_id',
        refDataset: 'cp_plans',
        refColumn: 'plan_id',
      },
      {
        rule: 'not_before_referenced',
        dataset: 'cp_reviews',
        column: 'review_date',
        via: 'plan_id',
        refDataset: 'cp_plans',
        refColumn: 'start_date',
      },
    ]);
  });

  it('looks codes up case-insensitively and keeps the referral source groups', () => {
    const contracts = loadContracts();
    expect(codeLookup(contracts, 'agency').get('POLICE')).toBe('POLICE');
    expect(codeLookup(contracts, 'referral_source').size).toBe(22);
    expect(codeLookup(contracts, 'assessment_factor').has('16A')).toBe(true);
    expect(contracts.codeLists.referral_source?.codes.find((c) => c.code === '5D')?.group).toBe(
      'Local authority',
    );
  });

  it('refuses an agency code list that differs from the agencies the product knows', () => {
    const dir = contractsCopy((copy) =>
      editJson(copy, 'code-lists.json', (file) => {
        const lists = file.lists as Record<string, { codes: { code: string; label: string }[] }>;
        lists.agency?.codes.push({ code: 'FIRE', label: 'Fire and rescue' });
      }),
    );
    expect(() => loadContracts(dir)).toThrow(/code list agency must list CSC, EARLY_HELP/);
  });

  it('refuses a contract that names an unknown code list', () => {
    const dir = contractsCopy((copy) =>
      editJson(copy, 'contacts.json', (contract) => {
        const columns = contract.columns as Record<string, unknown>[];
        const source = columns.find((c) => c.name === 'source');
        if (source) source.codeList = 'no_such_list';
      }),
    );
    expect(() => loadContracts(dir)).toThrow(/unknown code list no_such_list/);
  });

  it('refuses a contract of the wrong shape', () => {
    const dir = contractsCopy((copy) =>
      editJson(copy, 'referrals.json', (contract) => (contract.key = 'referral_id')),
    );
    expect(() => loadContracts(dir)).toThrow(ContractError);
  });

  it('refuses a rule that points at a column that is not there', () => {
    const dir = contractsCopy((copy) =>
      editJson(copy, 'cp_plans.json', (contract) => {
        const columns = contract.columns as Record<string, unknown>[];
        const end = columns.find((c) => c.name === 'end_date');
        if (end) end.rules = [{ rule: 'not_before', column: 'begin_date' }];
      }),
    );
    expect(() => loadContracts(dir)).toThrow(/unknown column begin_date/);
  });
});

describe('contracts checked at build time', () => {
  /** A copy of the shipped contracts and the record of their check, as `npm run build` writes it. */
  function checkedCopy(): { dir: string; checkedPath: string } {
    const dir = contractsCopy(() => undefined);
    const checkedPath = join(dir, 'contracts.checked.json');
    writeCheckedContracts(dir, checkedPath);
    return { dir, checkedPath };
  }

  it('uses contract files the build checked as they stand, without validating them again', () => {
    const { dir, checkedPath } = checkedCopy();
    const validate = vi.fn(validateContractFiles);
    expect(readContracts(dir, checkedPath, validate)).toEqual(loadContracts());
    expect(validate).not.toHaveBeenCalled();
  });

  it('validates the files when one changed since the build', () => {
    const { dir, checkedPath } = checkedCopy();
    editJson(dir, 'early_help.json', (contract) => (contract.description = 'Early help episodes.'));
    const validate = vi.fn(validateContractFiles);
    expect(readContracts(dir, checkedPath, validate).datasets.early_help.description).toBe(
      'Early help episodes.',
    );
    expect(validate).toHaveBeenCalledTimes(1);
  });

  it('refuses a file changed since the build into an invalid one, in the words it always used', () => {
    const { dir, checkedPath } = checkedCopy();
    editJson(dir, 'referrals.json', (contract) => (contract.key = 'referral_id'));
    expect(() => readContracts(dir, checkedPath)).toThrow(/^referrals\.json is not a valid contract: /);
  });

  it('validates the files of a folder no check was recorded for', () => {
    const validate = vi.fn(validateContractFiles);
    expect(readContracts(DEFAULT_CONTRACTS_DIR, join(tmpdir(), 'no-such-record.json'), validate)).toEqual(
      loadContracts(),
    );
    expect(validate).toHaveBeenCalledTimes(1);
  });

  it('fails the build on invalid contracts with the same message, and leaves no record of a check', () => {
    const { dir, checkedPath } = checkedCopy();
    expect(existsSync(checkedPath)).toBe(true);
    editJson(dir, 'cp_plans.json', (contract) => {
      const columns = contract.columns as Record<string, unknown>[];
      const end = columns.find((c) => c.name === 'end_date');
      if (end) end.rules = [{ rule: 'not_before', column: 'begin_date' }];
    });
    expect(() => writeCheckedContracts(dir, checkedPath)).toThrow(
      /^The contracts disagree: .*unknown column begin_date/,
    );
    expect(existsSync(checkedPath)).toBe(false);

    editJson(dir, 'code-lists.json', (file) => (file.version = 0));
    expect(() => writeCheckedContracts(dir, checkedPath)).toThrow(
      /^code-lists\.json is not a valid code list file: /,
    );
    expect(existsSync(checkedPath)).toBe(false);
  });
});
