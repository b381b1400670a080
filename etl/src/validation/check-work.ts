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
  return name === outputName || Object.values(checkWorkPaths(outputName)).includes(name);
}

/** Removes what a check made beside its output (each check does, when it ends). */
export async function removeCheckWork(outputPath: string): Promise<void> {
  for (const path of Object.values(checkWorkPaths(outputPath)))
    await rm(path, { recursive: true, force: true });
}

/**
 * Removes a check's output and what it made beside it: for a check stopped before it could (its
 * child killed for time or memory, or crashed).
 */
export async function removeCheckOutputAndWork(outputPath: string): Promise<void> {
  await rm(outputPath, { force: true });
  await removeCheckWork(outputPath);
}
