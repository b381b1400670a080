/** Longest value kept in a finding. */
export const MAX_FINDING_VALUE_LENGTH = 50;

/** Identifier columns: a wrong value there may be a name, so only its shape is kept. */
export function isIdentifierColumn(column: string): boolean {
  return column.endsWith('_id');
}

/**
 * A cell as it may be kept in a finding: `*_id` columns masked to the first 2 characters and the
 * length (`CH…(8)`), any other value cut to 50 characters.
 */
export function findingValue(column: string, value: string): string {
  const characters = Array.from(value);
  if (isIdentifierColumn(column)) return `${characters.slice(0, 2).join('')}…(${characters.length})`;
  if (characters.length <= MAX_FINDING_VALUE_LENGTH) return value;
  return characters.slice(0, MAX_FINDING_VALUE_LENGTH).join('');
}
