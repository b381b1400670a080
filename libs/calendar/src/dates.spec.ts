import { describe, expect, it } from 'vitest';
import { addDays, addMonths, dayOfWeek, InvalidDateError, parseIsoDate } from './dates';

describe('addMonths', () => {
  it('keeps the day number when the target month has it', () => {
    expect(addMonths('2024-01-15', 3)).toBe('2024-04-15');
  });

  it('clamps 30 November + 3 months to 29 February in a leap year', () => {
    expect(addMonths('2023-11-30', 3)).toBe('2024-02-29');
  });

  it('clamps 30 November + 3 months to 28 February in other years', () => {
    expect(addMonths('2024-11-30', 3)).toBe('2025-02-28');
  });

  it('clamps 31 August + 6 months to the end of February', () => {
    expect(addMonths('2023-08-31', 6)).toBe('2024-02-29');
  });

  it('goes back 12 months from 29 February 2024 to 28 February 2023', () => {
    expect(addMonths('2024-02-29', -12)).toBe('2023-02-28');
  });

  it('crosses year ends in both directions', () => {
    expect(addMonths('2024-12-31', 2)).toBe('2025-02-28');
    expect(addMonths('2024-01-31', -2)).toBe('2023-11-30');
    expect(addMonths('2024-03-31', -13)).toBe('2023-02-28');
  });

  it('adds 0 months as the same date', () => {
    expect(addMonths('2024-05-31', 0)).toBe('2024-05-31');
  });

  it('refuses a fractional number of months', () => {
    expect(() => addMonths('2024-05-31', 1.5)).toThrow(RangeError);
  });
});

describe('ISO dates', () => {
  it('rejects impossible and badly written dates with a plain message', () => {
    expect(() => parseIsoDate('2023-02-29')).toThrow(InvalidDateError);
    expect(() => parseIsoDate('2023-13-01')).toThrow(
      '"2023-13-01" is not a valid date: there is no month 13.',
    );
    expect(() => parseIsoDate('01/04/2024')).toThrow(InvalidDateError);
    expect(() => parseIsoDate('2024-4-1')).toThrow(InvalidDateError);
  });

  it('knows weekdays and adds days across a leap day', () => {
    expect(dayOfWeek('2023-05-06')).toBe(6);
    expect(dayOfWeek('2023-05-08')).toBe(1);
    expect(addDays('2024-02-28', 2)).toBe('2024-03-01');
    expect(addDays('1969-12-31', 1)).toBe('1970-01-01');
  });
});
