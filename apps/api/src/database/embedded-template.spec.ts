import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { seedFromTemplate, stampTemplate, templateIsCurrent } from './embedded-template';

const folders: string[] = [];
function folder(): string {
  const path = mkdtempSync(join(tmpdir(), 'oscp-template-'));
  folders.push(path);
  return path;
}
afterEach(() => {
  for (const path of folders.splice(0)) rmSync(path, { recursive: true, force: true });
});

/** A stand-in for PGlite's data folder: PG_VERSION and one data file. */
function fakeTemplate(): string {
  const template = join(folder(), 'template');
  mkdirSync(join(template, 'base'), { recursive: true });
  writeFileSync(join(template, 'PG_VERSION'), '17\n');
  writeFileSync(join(template, 'base', 'data'), 'tables');
  return template;
}

describe('the embedded database template', () => {
  it('starts a new database folder as a copy of a template made with the current migrations', () => {
    const template = fakeTemplate();
    stampTemplate(template);
    const target = join(folder(), 'postgres');
    expect(seedFromTemplate(target, template)).toBe(true);
    expect(readFileSync(join(target, 'base', 'data'), 'utf8')).toBe('tables');
    expect(existsSync(join(target, 'oscp-migrations.txt'))).toBe(false);
  });

  it('ignores a template made with other migrations (the database is then created and migrated as before)', () => {
    const template = fakeTemplate();
    writeFileSync(join(template, 'oscp-migrations.txt'), 'an older list\n');
    expect(templateIsCurrent(template)).toBe(false);
    const target = join(folder(), 'postgres');
    expect(seedFromTemplate(target, template)).toBe(false);
    expect(existsSync(target)).toBe(false);
  });

  it('never replaces a folder that already holds a database', () => {
    const template = fakeTemplate();
    stampTemplate(template);
    const target = join(folder(), 'postgres');
    mkdirSync(target);
    writeFileSync(join(target, 'PG_VERSION'), '17\n');
    expect(seedFromTemplate(target, template)).toBe(false);
    expect(existsSync(join(target, 'base'))).toBe(false);
  });
});
