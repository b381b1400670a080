import { describe, expect, it } from 'vitest';
import { londonOffsetMinutes } from './london';
import {
  parseDate,
  parseDatetime,
  parseFinancialYear,
  parseFlag,
  parseInt32,
  parseNumber,
  parsePeriod,
  parseYear,
} from './parsers';

describe('parseDate', () => {
  it('reads ISO and UK day-first dates as the same day', () => {
    expect(parseDate('2024-04-01')).toBe('2024-04-01');
    expect(parseDate('01/04/2024')).toBe('2024-04-01');
    expect(parseDate('1/4/2024')).toBe('2024-04-01');
  });

  it('accepts 29 February only in leap years', () => {
    expect(parseDate('2024-02-29')).toBe('2024-02-29');
    expect(parseDate('2023-02-29')).toBeUndefined();
    expect(parseDate('29/02/2000')).toBe('2000-02-29');
    expect(parseDate('29/02/1900')).toBeUndefined();
  });

  it('rejects days that do not exist and other layouts', () => {
    for (const text of [
      '2024-04-31',
      '31/04/2024',
      '2024-13-01',
      '2024-00-10',
      '2024-4-1',
      '04/01/24',
      '2024/04/01',
      '2024-04-01T00:00',
      '1 April 2024',
    ]) {
      expect(parseDate(text), text).toBeUndefined();
    }
  });
});

describe('parseDatetime', () => {
  it('keeps a datetime without an offset as the London wall clock it is', () => {
    expect(parseDatetime('2024-04-01T09:30')).toBe('2024-04-01 09:30:00');
    expect(parseDatetime('2024-04-01 09:30:00')).toBe('2024-04-01 09:30:00');
    expect(parseDatetime('2024-04-01 09:30')).toBe('2024-04-01 09:30:00');
    expect(parseDatetime('01/04/2024 09:30')).toBe('2024-04-01 09:30:00');
    expect(parseDatetime('2024-04-01T09:30:15.250')).toBe('2024-04-01 09:30:15.250');
  });

  it('converts Z to GMT in winter and to BST in summer', () => {
    expect(parseDatetime('2024-01-15T10:00:00Z')).toBe('2024-01-15 10:00:00');
    expect(parseDatetime('2024-06-10T10:00:00Z')).toBe('2024-06-10 11:00:00');
  });

  it('converts other offsets to London time', () => {
    expect(parseDatetime('2024-06-10T10:00:00+01:00')).toBe('2024-06-10 10:00:00');
    expect(parseDatetime('2024-01-15T10:00:00+01:00')).toBe('2024-01-15 09:00:00');
    expect(parseDatetime('2024-01-15T10:00:00-05:00')).toBe('2024-01-15 15:00:00');
    expect(parseDatetime('2024-01-15T10:00:00+0530')).toBe('2024-01-15 04:30:00');
  });

  it('moves the date when the London time crosses midnight', () => {
    // 23:30 UTC on 30 June is 00:30 BST on 1 July: a new month and a new quarter.
    expect(parseDatetime('2024-06-30T23:30:00Z')).toBe('2024-07-01 00:30:00');
    // 00:30 at +02:00 in winter is 22:30 GMT the evening before.
    expect(parseDatetime('2025-01-01T00:30:00+02:00')).toBe('2024-12-31 22:30:00');
    // Late on 31 March in BST is still 31 March in London.
    expect(parseDatetime('2025-03-31T22:59:00Z')).toBe('2025-03-31 23:59:00');
    expect(parseDatetime('2025-03-31T23:00:00Z')).toBe('2025-04-01 00:00:00');
  });

  it('follows the spring clock change (last Sunday of March, 01:00 UTC)', () => {
    expect(parseDatetime('2024-03-31T00:59:00Z')).toBe('2024-03-31 00:59:00');
    expect(parseDatetime('2024-03-31T01:00:00Z')).toBe('2024-03-31 02:00:00');
    expect(parseDatetime('2024-03-30T23:30:00-01:00')).toBe('2024-03-31 00:30:00');
  });

  it('follows the autumn clock change (last Sunday of October, 01:00 UTC)', () => {
    expect(parseDatetime('2024-10-27T00:30:00Z')).toBe('2024-10-27 01:30:00');
    expect(parseDatetime('2024-10-27T01:30:00Z')).toBe('2024-10-27 01:30:00');
    expect(parseDatetime('2024-10-27T01:30:00+01:00')).toBe('2024-10-27 01:30:00');
    expect(parseDatetime('2024-10-27T02:00:00Z')).toBe('2024-10-27 02:00:00');
  });

  it('rejects impossible dates and times and unknown layouts', () => {
    for (const text of [
      '2024-02-30T10:00',
      '31/04/2024 10:00',
      '2024-13-01 09:00',
      '2024-04-01T24:00',
      '2024-04-01T09:60',
      '2024-04-01',
      '2024-04-01T09',
      '01/04/2024T09:30',
      '01/04/2024 09:30Z',
      '2024-04-01T09:30+25:00',
    ]) {
      expect(parseDatetime(text), text).toBeUndefined();
    }
  });
});

describe('londonOffsetMinutes', () => {
  it('is 0 in GMT and 60 in BST', () => {
    expect(londonOffsetMinutes(Date.UTC(2024, 0, 1, 12))).toBe(0);
    expect(londonOffsetMinutes(Date.UTC(2024, 6, 1, 12))).toBe(60);
  });
});

describe('parseFlag', () => {
  it('reads Y/N, true/false and 1/0 in any case', () => {
    for (const text of ['Y', 'y', 'TRUE', 'true', 'True', '1']) expect(parseFlag(text), text).toBe('true');
    for (const text of ['N', 'n', 'FALSE', 'false', '0']) expect(parseFlag(text), text).toBe('false');
  });

  it('rejects anything else', () => {
    for (const text of ['yes', 'no', 'maybe', 'X', '2', 'T']) expect(parseFlag(text), text).toBeUndefined();
  });
});

describe('numbers', () => {
  it('reads whole numbers that fit an INTEGER', () => {
    expect(parseInt32('0')).toBe('0');
    expect(parseInt32('+3')).toBe('3');
    expect(parseInt32('007')).toBe('7');
    expect(parseInt32('-1')).toBe('-1');
    expect(parseInt32('1.5')).toBeUndefined();
    expect(parseInt32('two')).toBeUndefined();
    expect(parseInt32('3000000000')).toBeUndefined();
  });

  it('reads decimals without thousands separators', () => {
    expect(parseNumber('21.4')).toBe('21.4');
    expect(parseNumber('.5')).toBe('0.5');
    expect(parseNumber('1e3')).toBe('1000');
    expect(parseNumber('1,000')).toBeUndefined();
    expect(parseNumber('70.1%')).toBeUndefined();
    expect(parseNumber('NaN')).toBeUndefined();
  });
});

describe('periods and years', () => {
  it('reads a financial-year quarter in canonical form', () => {
    expect(parsePeriod('2024-25 Q2')).toBe('2024-25 Q2');
    expect(parsePeriod('2024-25 q2')).toBe('2024-25 Q2');
    expect(parsePeriod('2099-00 Q4')).toBe('2099-00 Q4');
    expect(parsePeriod('2024-26 Q2')).toBeUndefined();
    expect(parsePeriod('2024-25 Q5')).toBeUndefined();
    expect(parsePeriod('2024 Q2')).toBeUndefined();
  });

  it('reads financial years and calendar years', () => {
    expect(parseFinancialYear('2023-24')).toBe('2023-24');
    expect(parseFinancialYear('2023-25')).toBeUndefined();
    expect(parseYear('2023')).toBe('2023');
    expect(parseYear('23')).toBeUndefined();
  });
});
