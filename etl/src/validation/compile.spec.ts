import { describe, expect, it } from 'vitest';
import { loadContracts } from '../contracts';
import type { Dataset } from '../types';
import { compileContract, type CompiledContract } from './compile';

const contracts = loadContracts();
const compiled = (dataset: Dataset): CompiledContract =>
  compileContract(contracts, contracts.datasets[dataset]);

function parserOf(dataset: Dataset, column: string): (text: string) => unknown {
  const found = compiled(dataset).columns.find((c) => c.name === column);
  if (!found) throw new Error(`no column ${column}`);
  return found.parse;
}

/** The rules a row breaks, given its cells by name (blank = absent). */
function brokenRules(dataset: Dataset, cells: Record<string, string>): string[] {
  const contract = compiled(dataset);
  const raw = contract.columns.map((column) => cells[column.name] ?? null);
  const canonical = contract.columns.map((column, i) => {
    const text = raw[i];
    if (text == null) return null;
    const parsed = column.parse(text);
    return typeof parsed === 'string' ? parsed : null;
  });
  return contract.rowRules
    .filter((rule) => rule.fails(raw, canonical))
    .map((rule) => `${contract.columns[rule.column]?.name}:${rule.rule}`);
}

describe('compiled code parsers', () => {
  it('match codes case-insensitively and return the canonical code', () => {
    const agency = parserOf('partner_returns', 'agency');
    expect(agency('Police')).toBe('POLICE');
    expect(agency('early_help')).toBe('EARLY_HELP');
    expect(parserOf('partner_returns', 'indicator_code')('pt04')).toBe('PT04');
    expect(parserOf('contacts', 'source')('5c')).toBe('5C');
    expect(agency('NHS')).toEqual({ rule: 'code_list', detail: 'is not a code of the list "Agency"' });
  });

  it('split factor lists on ; and trim each item', () => {
    const factors = parserOf('assessments', 'factors');
    expect(factors('1A; 16A')).toBe('1A;16A');
    expect(factors('16a;4c ;21')).toBe('16A;4C;21');
    expect(factors('16A;16Z')).toMatchObject({ rule: 'code_list' });
    expect(factors('16A;')).toMatchObject({ rule: 'code_list' });
  });

  it('apply numeric limits after the type', () => {
    expect(parserOf('cp_plans', 'previous_plans')('-1')).toMatchObject({ rule: 'min' });
    expect(parserOf('cp_plans', 'previous_plans')('0')).toBe('0');
    expect(parserOf('partner_returns', 'denominator')('0')).toMatchObject({ rule: 'greater_than' });
    expect(parserOf('partner_returns', 'denominator')('0.5')).toBe('0.5');
    expect(parserOf('partner_returns', 'note')('x'.repeat(500))).toBe('x'.repeat(500));
    expect(parserOf('partner_returns', 'note')('x'.repeat(501))).toMatchObject({ rule: 'max_length' });
  });
});

describe('compiled row rules', () => {
  it('compare a decision with its contact on the London wall clock', () => {
    const base = { contact_id: 'CT1', child_id: 'CH1', source: '1A', outcome: 'NFA' };
    expect(
      brokenRules('contacts', {
        ...base,
        contact_datetime: '2024-06-10T10:00:00Z',
        decision_datetime: '2024-06-10T10:30',
      }),
    ).toEqual(['decision_datetime:not_before']);
    expect(
      brokenRules('contacts', {
        ...base,
        contact_datetime: '2024-06-10T10:00:00Z',
        decision_datetime: '2024-06-10T11:00',
      }),
    ).toEqual([]);
  });

  it('need an outcome once a decision is recorded, and not before', () => {
    const base = { contact_id: 'CT1', child_id: 'CH1', source: '1A', contact_datetime: '2024-06-10T10:00' };
    expect(brokenRules('contacts', { ...base, decision_datetime: '2024-06-10T11:00' })).toEqual([
      'outcome:required_when',
    ]);
    expect(brokenRules('contacts', base)).toEqual([]);
  });

  it('tie ICPC dates to a section 47 enquiry and to icpc_not_required', () => {
    const base = {
      strategy_id: 'SD1',
      child_id: 'CH1',
      strategy_date: '2024-09-10',
      concern_category: 'NEG',
    };
    expect(brokenRules('strategy_discussions', { ...base, icpc_date: '2024-09-24' })).toEqual([
      'icpc_date:requires',
    ]);
    expect(
      brokenRules('strategy_discussions', {
        ...base,
        s47_start_date: '2024-09-10',
        icpc_date: '2024-09-24',
        icpc_not_required: 'y',
      }),
    ).toEqual(['icpc_not_required:not_together']);
    expect(
      brokenRules('strategy_discussions', { ...base, s47_start_date: '2024-09-10', icpc_not_required: 'Y' }),
    ).toEqual([]);
  });

  it('check partner returns against their indicator', () => {
    const base = { agency: 'HEALTH', period: '2024-25 Q1' };
    expect(brokenRules('partner_returns', { ...base, indicator_code: 'PT05', numerator: '40' })).toEqual([
      'denominator:denominator_required_for',
    ]);
    expect(brokenRules('partner_returns', { ...base, indicator_code: 'PT04', numerator: '40' })).toEqual([]);
    expect(
      brokenRules('partner_returns', { ...base, indicator_code: 'PT06', numerator: '6', denominator: '5' }),
    ).toEqual(['numerator:numerator_le_denominator']);
    expect(
      brokenRules('partner_returns', { ...base, indicator_code: 'PT06', numerator: '5', denominator: '5' }),
    ).toEqual([]);
    expect(brokenRules('partner_returns', { ...base, indicator_code: 'FD01', numerator: '5' })).toEqual([
      'indicator_code:indicator_source',
    ]);
  });
});
