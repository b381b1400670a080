import { InvalidArgumentError } from 'commander';

/** Option parsers: a bad value is a usage error (exit 2) with a plain message. */
export function parseWholeNumberOption(value: string): number {
  if (!/^\d+$/.test(value.trim())) throw new InvalidArgumentError('must be a whole number.');
  return Number(value);
}

export function parsePositiveNumberOption(value: string): number {
  const number = Number(value);
  if (!/^\d+(\.\d+)?$/.test(value.trim()) || !(number > 0))
    throw new InvalidArgumentError('must be a number above 0.');
  return number;
}

export function parseIsoDateOption(value: string): string {
  const text = value.trim();
  const date = new Date(`${text}T00:00:00Z`);
  if (
    !/^\d{4}-\d{2}-\d{2}$/.test(text) ||
    Number.isNaN(date.getTime()) ||
    !date.toISOString().startsWith(text)
  ) {
    throw new InvalidArgumentError('must be a date written YYYY-MM-DD.');
  }
  return text;
}
