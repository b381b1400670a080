import { rm } from 'node:fs/promises';

/**
 * What a file's check makes beside its output while it runs, and removes when it ends: the rows
 * as CSV (the TypeScript pass and a census), the rows the SQL pass left to the TypeScript rules,
 * and DuckDB's spill folder.
 */
export function checkWorkPaths(outputPath: string): { rowsCsv: string; residueCsv: string; spill: string } {
  return {
    rowsCsv: `${outputPath}.rows.csv`,
    residueCsv: `${outputPath}.residue.csv`,
    spill: `${outputPath}.tmp`,
  };
}

/** Whether `name` is a check's output, or something its check makes beside it, for `output`'s name. */
export function isCheckOutputOrWork(name: string, outputName: string): boolean {
  const work = checkWorkPaths(outputName);
  return name === outputName || name === work.rowsCsv || name === work.residueCsv || name === work.spill;
}

/**
 * Removes a check's output and what it made beside it: for a check stopped before it could (its
 * child killed for time or memory, or crashed).
 */
export async function removeCheckOutputAndWork(outputPath: string): Promise<void> {
  const work = checkWorkPaths(outputPath);
  await rm(outputPath, { force: true });
  await rm(work.rowsCsv, { force: true });
  await rm(work.residueCsv, { force: true });
  await rm(work.spill, { recursive: true, force: true });
}
