/**
 * What a header that would carry personal data looks like, matched on its letters and digits
 * alone (`Child Name`, `childName`, `CHILD-NAME` and `child_name` all read `childname`): a
 * name, an address, a postcode, a date of birth, an NHS, national insurance or pupil number
 * (UPN), a phone number or an email address. A file with such a column is rejected whole.
 * Checked against every contract column by a test, so no real column can match.
 */
const PERSONAL_DATA_PATTERNS: readonly { what: string; pattern: RegExp }[] = [
  { what: 'a name', pattern: /(name|names)$|^(first|last|given|middle|family|full|sur|fore)names?|surname/ },
  { what: 'an address', pattern: /address|^addr|addr(line)?\d*$|street/ },
  { what: 'a postcode', pattern: /postcode|postalcode|zipcode/ },
  { what: 'a date of birth', pattern: /dateofbirth|birthdate|birthday|dob$|^dob|dob\d*$/ },
  { what: 'an NHS number', pattern: /^nhs|nhsno|nhsnumber/ },
  { what: 'a national insurance number', pattern: /nationalinsurance|ninumber|^nino$/ },
  { what: 'a pupil number', pattern: /upn$|^upn|uniquepupil|pupilnumber/ },
  { what: 'a phone number', pattern: /phone|mobile|telephone|^tel(no|number)?$/ },
  { what: 'an email address', pattern: /email/ },
];

/** What personal data a (normalised or raw) header name looks like it holds, or null. */
export function personalDataKind(header: string): string | null {
  const letters = header.toLowerCase().replace(/[^a-z0-9]/g, '');
  if (letters === '') return null;
  return PERSONAL_DATA_PATTERNS.find(({ pattern }) => pattern.test(letters))?.what ?? null;
}

/** Trimmed, lower-cased, runs of spaces and hyphens turned into `_` (`Date of Birth` → `date_of_birth`). */
export function normaliseHeader(raw: string): string {
  return raw
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, '_');
}
