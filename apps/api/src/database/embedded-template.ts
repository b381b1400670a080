import { createHash } from 'node:crypto';
import { constants, cpSync, existsSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { MIGRATIONS } from './migrations';

/**
 * A pre-built embedded database: PGlite's data folder after every migration, made once by
 * `npm run build` (build-embedded-template.ts) beside the compiled code. A fresh data folder
 * starts as a copy of it, instead of PGlite's initdb and the migrations (seconds of WebAssembly
 * on every first start). Without it, or when the migrations have changed since it was made, the
 * database is created as before.
 */
export const EMBEDDED_TEMPLATE_DIR = join(__dirname, 'embedded-template');
const STAMP_FILE = 'oscp-migrations.txt';

/**
 * How the template is made, beyond its migrations: a change here remakes templates built before it.
 * 2: without the template0 and template1 databases (build-embedded-template.ts).
 */
const TEMPLATE_FORMAT = 2;

/** The migrations a template must have been made with (their class names, in order), and its format. */
export function migrationsStamp(): string {
  return createHash('sha256')
    .update([`format ${TEMPLATE_FORMAT}`, ...MIGRATIONS.map((migration) => migration.name)].join('\n'))
    .digest('hex');
}

/** Whether `templateDir` holds a finished template made with the current migrations. */
export function templateIsCurrent(templateDir: string = EMBEDDED_TEMPLATE_DIR): boolean {
  const stamp = join(templateDir, STAMP_FILE);
  return existsSync(join(templateDir, 'PG_VERSION')) && existsSync(stamp)
    ? readFileSync(stamp, 'utf8').trim() === migrationsStamp()
    : false;
}

/**
 * Starts a new embedded database folder as a copy of the template; false (and nothing done)
 * when the folder already holds a database or there is no current template.
 */
export function seedFromTemplate(folder: string, templateDir: string = EMBEDDED_TEMPLATE_DIR): boolean {
  if (existsSync(join(folder, 'PG_VERSION')) || !templateIsCurrent(templateDir)) return false;
  // Copied beside the target and renamed, so a copy cut short never looks like a database.
  const partial = `${folder}.copying`;
  rmSync(partial, { recursive: true, force: true });
  // A copy-on-write clone where the file system offers one, else an ordinary copy.
  cpSync(templateDir, partial, {
    recursive: true,
    mode: constants.COPYFILE_FICLONE,
    filter: (source) => !source.endsWith(STAMP_FILE),
  });
  rmSync(folder, { recursive: true, force: true });
  renameSync(partial, folder);
  return true;
}

/** Marks a finished template folder as made with the current migrations. */
export function stampTemplate(templateDir: string): void {
  writeFileSync(join(templateDir, STAMP_FILE), `${migrationsStamp()}\n`);
}
