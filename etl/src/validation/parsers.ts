import { londonWallClockMs } from './london';

/**
 * Cell parsers: each takes a trimmed, non-blank cell and returns its canonical text (what is
 * loaded, and what cross-field rules compare), or `undefined` when the cell is not of the type.
 * Canonical forms sort as they compare: dates `YYYY-MM-DD`, datetimes `YYYY-MM-DD HH:MM:SS[.f]`.
 */

const ID = /^[A-Za-z0-9_-]{1,64}$/;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const UK_DATE = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/;
const ISO_DATETIME =
  /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2})(?::(\d{2})(\.\d{1,6})?)?(?:([Zz])|([+-])(\d{2})(?::?(\d{2}))?)?$/;
const UK_DATETIME = /^(\d{1,2})\/(\d{1,2})\/(\d{4}) (\d{1,2}):(\d{2})(?::(\d{2}))?$/;
const INT = /^[+-]?\d+$/;
const NUMBER = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;
const PERIOD = /^(\d{4})-(\d{2}) *[Qq]([1-4])$/;
const FINANCIAL_YEAR = /^(\d{4})-(\d{2})$/;
const YEAR = /^\d{4}$/;

const INT32_MIN = -2_147_483_648;
const INT32_MAX = 2_147_483_647;

export function parseId(text: string): string | undefined {
  return ID.test(text) ? text : undefined;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

function isCalendarDate(year: number, month: number, day: number): boolean {
  return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

function dateText(year: number, month: number, day: number): string {
  return `${String(year).padStart(4, '0')}-${pad2(month)}-${pad2(day)}`;
}

/** `YYYY-MM-DD` or `DD/MM/YYYY` (a real calendar date) → `YYYY-MM-DD`. */
export function parseDate(text: string): string | undefined {
  let match = ISO_DATE.exec(text);
  let year: number;
  let month: number;
  let day: number;
  if (match) {
    year = Number(match[1]);
    month = Number(match[2]);
    day = Number(match[3]);
  } else {
    match = UK_DATE.exec(text);
    if (!match) return undefined;
    day = Number(match[1]);
    month = Number(match[2]);
    year = Number(match[3]);
  }
  return isCalendarDate(year, month, day) ? dateText(year, month, day) : undefined;
}

/**
 * ISO 8601 (`2024-04-01T09:30`, `2024-04-01 09:30:00`, optional fraction, optional `Z` or
 * `±HH[:MM]`) or `DD/MM/YYYY HH:MM[:SS]` → the Europe/London wall clock `YYYY-MM-DD HH:MM:SS[.f]`.
 * Without an offset the value already is London wall-clock time and is kept as written; with
 * one it is converted to London time (GMT or BST as on that instant).
 */
export function parseDatetime(text: string): string | undefined {
  let year: number;
  let month: number;
  let day: number;
  let hour: number;
  let minute: number;
  let second: number;
  let fraction = '';
  let offsetMinutes: number | null = null;
  const iso = ISO_DATETIME.exec(text);
  if (iso) {
    year = Number(iso[1]);
    month = Number(iso[2]);
    day = Number(iso[3]);
    hour = Number(iso[4]);
    minute = Number(iso[5]);
    second = iso[6] === undefined ? 0 : Number(iso[6]);
    fraction = iso[7] ?? '';
    if (iso[8] !== undefined) offsetMinutes = 0;
    else if (iso[9] !== undefined) {
      const offsetHours = Number(iso[10]);
      const offsetMins = iso[11] === undefined ? 0 : Number(iso[11]);
      if (offsetHours > 18 || offsetMins > 59) return undefined;
      offsetMinutes = (iso[9] === '-' ? -1 : 1) * (offsetHours * 60 + offsetMins);
    }
  } else {
    const uk = UK_DATETIME.exec(text);
    if (!uk) return undefined;
    day = Number(uk[1]);
    month = Number(uk[2]);
    year = Number(uk[3]);
    hour = Number(uk[4]);
    minute = Number(uk[5]);
    second = uk[6] === undefined ? 0 : Number(uk[6]);
  }
  if (!isCalendarDate(year, month, day) || hour > 23 || minute > 59 || second > 59) return undefined;
  if (offsetMinutes !== null) {
    const utcMs = Date.UTC(year, month - 1, day, hour, minute, second) - offsetMinutes * 60_000;
    // Date.UTC maps years 0-99 to 1900-1999; such years are not plausible here anyway.
    const wall = new Date(londonWallClockMs(utcMs));
    year = wall.getUTCFullYear();
    month = wall.getUTCMonth() + 1;
    day = wall.getUTCDate();
    hour = wall.getUTCHours();
    minute = wall.getUTCMinutes();
    second = wall.getUTCSeconds();
  }
  return `${dateText(year, month, day)} ${pad2(hour)}:${pad2(minute)}:${pad2(second)}${fraction}`;
}

/** `Y`/`N`, `true`/`false`, `1`/`0` in any case → `true`/`false`. */
export function parseFlag(text: string): 'true' | 'false' | undefined {
  switch (text.toLowerCase()) {
    case 'y':
    case 'true':
    case '1':
      return 'true';
    case 'n':
    case 'false':
    case '0':
      return 'false';
    default:
      return undefined;
  }
}

/** A whole number that fits a 32-bit INTEGER, without a leading `+` or zeros. */
export function parseInt32(text: string): string | undefined {
  if (!INT.test(text)) return undefined;
  const value = Number(text);
  if (!Number.isSafeInteger(value) || value < INT32_MIN || value > INT32_MAX) return undefined;
  return String(value);
}

/** A decimal number (no thousands separators) → its shortest exact text. */
export function parseNumber(text: string): string | undefined {
  if (!NUMBER.test(text)) return undefined;
  const value = Number(text);
  return Number.isFinite(value) ? String(value) : undefined;
}

/** `YYYY-YY Qn` (`2024-25 Q2`), the two years consecutive → canonical `2024-25 Q2`. */
export function parsePeriod(text: string): string | undefined {
  const match = PERIOD.exec(text);
  if (!match) return undefined;
  const start = Number(match[1]);
  if ((start + 1) % 100 !== Number(match[2])) return undefined;
  return `${match[1]}-${match[2]} Q${match[3]}`;
}

/** `YYYY-YY` (`2023-24`), the two years consecutive. */
export function parseFinancialYear(text: string): string | undefined {
  const match = FINANCIAL_YEAR.exec(text);
  if (!match) return undefined;
  return (Number(match[1]) + 1) % 100 === Number(match[2]) ? text : undefined;
}

/** A four-digit calendar year. */
export function parseYear(text: string): string | undefined {
  return YEAR.test(text) ? String(Number(text)) : undefined;
}
