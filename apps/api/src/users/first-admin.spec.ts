import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { generatePassword, INITIAL_ADMIN_PASSWORD_FILE, writeInitialPasswordFile } from './first-admin';

describe('first administrator', () => {
  const folders: string[] = [];
  afterEach(() => {
    for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
  });

  it('generates a different strong password each time', () => {
    const a = generatePassword();
    expect(a).toMatch(/^[A-Za-z0-9_-]{24}$/);
    expect(generatePassword()).not.toBe(a);
  });

  it('writes the password to a file only its owner can read', () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'oscp-admin-'));
    folders.push(dataDir);
    const path = writeInitialPasswordFile(join(dataDir, 'data'), 'admin@example.org', 'secret-password-123');
    expect(path).toBe(join(dataDir, 'data', INITIAL_ADMIN_PASSWORD_FILE));
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(readFileSync(path, 'utf8')).toContain('Password: secret-password-123');
  });
});
