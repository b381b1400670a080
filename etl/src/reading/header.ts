/** Header names that would carry personal data: a file with one of them is rejected whole. */
export const PERSONAL_DATA_HEADERS: ReadonlySet<string> = new Set([
  'name',
  'forename',
  'first_name',
  'surname',
  'last_name',
  'full_name',
  'address',
  'postcode',
  'dob',
  'date_of_birth',
  'birth_date',
  'nhs_number',
  'nhs_no',
  'upn',
]);

/** Trimmed, lower-cased, runs of spaces and hyphens turned into `_` (`Date of Birth` → `date_of_birth`). */
export function normaliseHeader(raw: string): string {
  return raw
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, '_');
}
