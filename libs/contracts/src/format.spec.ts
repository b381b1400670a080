import { describe, expect, it } from 'vitest';
import {
  describeDirection,
  formatDisplay,
  formatNumber,
  formatTarget,
  formatValue,
  groupDigits,
  isSmallNumber,
  quarterMonths,
  STATISTICAL_SYMBOLS,
} from './format';

describe('formatDisplay (an indicator value as the API rounded it)', () => {
  it.each([
    ['count', '7791', '7,791'],
    ['count', '1369', '1,369'],
    ['count', '0', '0'],
    ['percent', '95.6', '95.6%'],
    ['percent', '100.0', '100.0%'],
    ['percent', '0.0', '0.0%'],
    ['rate10k', '519.4', '519.4 per 10,000 children'],
    ['rate10k', '1069.1', '1,069.1 per 10,000 children'],
    ['rate100k', '150.0', '150.0 per 100,000 children aged 10 to 17'],
  ] as const)('shows a %s of %s as "%s"', (unit, display, shown) => {
    expect(formatDisplay(display, unit)).toBe(shown);
  });

  it.each(['[x]', '[z]', '[c]'])('leaves the symbol %s as it is, without a unit', (symbol) => {
    for (const unit of ['count', 'percent', 'rate10k', 'rate100k'] as const) {
      expect(formatDisplay(symbol, unit)).toBe(symbol);
    }
  });

  it('never re-rounds: the exact rounding of the scorecard rules stands (20.45% computed exactly shows 20.5)', () => {
    expect(formatDisplay('20.5', 'percent')).toBe('20.5%');
    expect(formatDisplay('20.4', 'percent')).toBe('20.4%');
  });
});

describe('formatNumber and formatValue (targets, comparators, trend points)', () => {
  it.each([
    ['count', 2043, '2,043', '2,043'],
    ['count', 1369.5, '1,370', '1,370'],
    ['percent', 80.04, '80.0', '80.0%'],
    ['percent', 20.45, '20.5', '20.5%'],
    ['percent', -20.45, '-20.5', '-20.5%'],
    ['rate10k', 1234.56, '1,234.6', '1,234.6 per 10,000 children'],
    ['rate100k', 149.95, '150.0', '150.0 per 100,000 children aged 10 to 17'],
  ] as const)('shows a %s of %d as "%s", with its unit "%s"', (unit, value, number, withUnit) => {
    expect(formatNumber(value, unit)).toBe(number);
    expect(formatValue(value, unit)).toBe(withUnit);
  });

  it('shows [x] without a unit for a number that is not there', () => {
    for (const unit of ['count', 'percent', 'rate10k', 'rate100k'] as const) {
      expect(formatNumber(null, unit)).toBe('[x]');
      expect(formatValue(null, unit)).toBe('[x]');
      expect(formatValue(Number.NaN, unit)).toBe('[x]');
    }
  });

  it('groups digits written by the scorecard rules', () => {
    expect(groupDigits('1234567.8')).toBe('1,234,567.8');
    expect(groupDigits('-1000')).toBe('-1,000');
    expect(groupDigits('999')).toBe('999');
  });
});

describe('formatTarget', () => {
  it.each([
    [95, 'higher', 'percent', 'at least 95.0%'],
    [20, 'lower', 'percent', 'at most 20.0%'],
    [{ low: 15, high: 23 }, 'range', 'percent', '15.0% to 23.0%'],
    [150, 'lower', 'rate100k', 'at most 150.0 per 100,000 children aged 10 to 17'],
    [500, 'higher', 'rate10k', 'at least 500.0 per 10,000 children'],
    [1000, 'lower', 'count', 'at most 1,000'],
    [null, 'context', 'count', 'No target'],
  ] as const)('shows %j (%s, %s) as "%s"', (target, polarity, unit, shown) => {
    expect(formatTarget(target, polarity, unit)).toBe(shown);
  });
});

describe('describeDirection: one meaning for the arrow and the word', () => {
  it.each([
    ['higher', 'improving', 80, 75, '↑ Better'],
    ['higher', 'declining', 75, 80, '↓ Worse'],
    ['higher', 'no_change', 80, 79.5, '→ No change'],
    ['lower', 'improving', 12, 15, '↓ Better'],
    ['lower', 'declining', 180, 150, '↑ Worse'],
    ['lower', 'no_change', 15, 15.2, '→ No change'],
    ['range', 'improving', 19, 25, '↓ Better'],
    ['range', 'improving', 18, 12, '↑ Better'],
    ['range', 'declining', 27, 22, '↑ Worse'],
    ['range', 'declining', 10, 16, '↓ Worse'],
    ['range', 'no_change', 19, 19.4, '→ No change'],
    ['context', 'up', 7791, 7000, 'Context: ↑ up'],
    ['context', 'down', 7000, 7791, 'Context: ↓ down'],
    ['context', 'no_change', 7791, 7790, '→ No change'],
  ] as const)(
    'a %s indicator %s from %d to... shows "%s"',
    (polarity, direction, value, previousValue, text) => {
      expect(describeDirection({ direction, polarity, value, previousValue }).text).toBe(text);
    },
  );

  it('takes the arrow from the polarity when the values are not there (published view)', () => {
    expect(
      describeDirection({ direction: 'improving', polarity: 'higher', value: null, previousValue: null })
        .text,
    ).toBe('↑ Better');
    expect(
      describeDirection({ direction: 'declining', polarity: 'lower', value: null, previousValue: null }).text,
    ).toBe('↑ Worse');
    expect(
      describeDirection({ direction: 'improving', polarity: 'range', value: null, previousValue: null }).text,
    ).toBe('Better');
  });

  it.each([
    [null, 80, true, 'No value this quarter'],
    [80, null, true, 'No value last quarter'],
    [80, null, false, 'No earlier quarter to compare with'],
    [null, null, false, 'No value this quarter'],
  ] as const)(
    'says why there is no direction (value %s, previous %s)',
    (value, previousValue, hasPrevious, words) => {
      const shown = describeDirection({
        direction: null,
        polarity: 'higher',
        value,
        previousValue,
        hasPreviousQuarter: hasPrevious,
      });
      expect(shown).toEqual({ arrow: null, words, text: words, tone: 'none' });
    },
  );
});

describe('small numbers, symbols and quarters', () => {
  it('flags a percentage worked out from fewer than 10 cases, and nothing else', () => {
    expect(isSmallNumber('percent', 9)).toBe(true);
    expect(isSmallNumber('percent', 10)).toBe(false);
    expect(isSmallNumber('percent', 0)).toBe(false);
    expect(isSmallNumber('percent', null)).toBe(false);
    expect(isSmallNumber('count', 4)).toBe(false);
  });

  it('explains every statistical symbol', () => {
    expect(STATISTICAL_SYMBOLS.map((s) => s.symbol)).toEqual(['[x]', '[z]', '[c]']);
  });

  it('names the months of a financial-year quarter', () => {
    expect(quarterMonths('2024-25 Q1')).toBe('April to June 2024');
    expect(quarterMonths('2024-25 Q4')).toBe('January to March 2025');
    expect(quarterMonths('nonsense')).toBeNull();
  });
});
