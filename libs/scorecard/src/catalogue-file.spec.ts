import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  CATALOGUE_PATH,
  readCatalogue,
  validateCatalogue,
  writeCheckedCatalogue,
  type CatalogueFile,
} from './catalogue-file';

describe('the catalogue checked at build time', () => {
  let dir: string;
  let path: string;
  let checkedPath: string;
  const shipped = JSON.parse(readFileSync(CATALOGUE_PATH, 'utf8')) as CatalogueFile;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'oscp-catalogue-'));
    path = join(dir, 'catalogue.json');
    checkedPath = join(dir, 'catalogue.checked.json');
    writeFileSync(path, readFileSync(CATALOGUE_PATH));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  function editCatalogue(change: (file: CatalogueFile) => void): void {
    const file = JSON.parse(readFileSync(path, 'utf8')) as CatalogueFile;
    change(file);
    writeFileSync(path, JSON.stringify(file));
  }

  it('uses the file the build checked as it stands, without validating it again', () => {
    writeCheckedCatalogue(path, checkedPath);
    const validate = vi.fn(validateCatalogue);
    expect(readCatalogue(path, checkedPath, validate)).toEqual(shipped);
    expect(validate).not.toHaveBeenCalled();
  });

  it('validates a file changed since the build', () => {
    writeCheckedCatalogue(path, checkedPath);
    editCatalogue((file) => (file.version = '2'));
    const validate = vi.fn(validateCatalogue);
    expect(readCatalogue(path, checkedPath, validate).version).toBe('2');
    expect(validate).toHaveBeenCalledTimes(1);
  });

  it('refuses a file changed since the build into an invalid one, in the words it always used', () => {
    writeCheckedCatalogue(path, checkedPath);
    editCatalogue((file) => {
      const fd02 = file.indicators.find((def) => def.code === 'FD02');
      if (fd02) fd02.target = null;
    });
    expect(() => readCatalogue(path, checkedPath)).toThrow(
      /^The indicator catalogue \(catalogue\.json\) is not valid: .*FD02: target does not fit polarity higher/s,
    );
  });

  it('validates again a file whose record names its bytes alone, not the schema it was checked against', () => {
    writeFileSync(
      checkedPath,
      JSON.stringify({ sha256: createHash('sha256').update(readFileSync(path)).digest('hex') }),
    );
    const validate = vi.fn(validateCatalogue);
    expect(readCatalogue(path, checkedPath, validate)).toEqual(shipped);
    expect(validate).toHaveBeenCalledTimes(1);
  });

  it('validates the file when there is no record of a check, or a damaged one', () => {
    const validate = vi.fn(validateCatalogue);
    expect(readCatalogue(path, checkedPath, validate)).toEqual(shipped);
    writeFileSync(checkedPath, '{"sha256":');
    expect(readCatalogue(path, checkedPath, validate)).toEqual(shipped);
    expect(validate).toHaveBeenCalledTimes(2);
  });

  it('fails the build on an invalid file with the same message, and leaves no record of a check', () => {
    writeCheckedCatalogue(path, checkedPath);
    expect(existsSync(checkedPath)).toBe(true);
    editCatalogue((file) => file.indicators.push(...file.indicators.slice(0, 1)));
    expect(() => writeCheckedCatalogue(path, checkedPath)).toThrow(
      /^The indicator catalogue \(catalogue\.json\) is not valid: .*FD01 appears twice/s,
    );
    expect(existsSync(checkedPath)).toBe(false);
    expect(() => readCatalogue(path, checkedPath)).toThrow(/FD01 appears twice/);
  });
});
