import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CHILD_ID_KEY_FILE, loadOrCreateChildIdKey, pseudonymiseChildId } from './child-id-key';

let dataDir = '';
beforeEach(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'oscp-key-'));
});
afterEach(async () => {
  await rm(dataDir, { recursive: true, force: true });
});

describe('the child identifier key', () => {
  it('is created on first use as 32 random bytes readable by its owner only, and read back after', async () => {
    const key = await loadOrCreateChildIdKey(dataDir);
    expect(key).toMatch(/^[0-9a-f]{64}$/);
    const path = join(dataDir, CHILD_ID_KEY_FILE);
    expect((await stat(path)).mode & 0o777).toBe(0o600);
    expect(await loadOrCreateChildIdKey(dataDir)).toBe(key);
    expect((await readFile(path, 'utf8')).trim()).toBe(key);
  });

  it('gives one key to callers racing to create it', async () => {
    const keys = await Promise.all([1, 2, 3, 4].map(() => loadOrCreateChildIdKey(dataDir)));
    expect(new Set(keys).size).toBe(1);
  });

  it('refuses a damaged key file rather than making a new key', async () => {
    await writeFile(join(dataDir, CHILD_ID_KEY_FILE), 'not a key\n');
    await expect(loadOrCreateChildIdKey(dataDir)).rejects.toThrow(
      'The child identifier key cin-census-child-id.key in the data folder is not 64 hexadecimal characters; restore it from a backup.',
    );
  });
});

describe('pseudonymiseChildId', () => {
  it('is HMAC-SHA-256 of the LAchildID: the same with the same key, different with another', () => {
    const key = '00'.repeat(32);
    const id = pseudonymiseChildId(key, 'DfEX0000001');
    // Worked out apart from this code: Python's hmac.new(bytes(32), b'DfEX0000001', sha256).
    expect(id).toBe('44b9bf5a909f74db3bd2f2ecb31511fb5e97ba0d35bc0d9d597bfee52ebad952');
    expect(pseudonymiseChildId(key, 'DfEX0000001')).toBe(id);
    expect(pseudonymiseChildId('01'.repeat(32), 'DfEX0000001')).not.toBe(id);
    expect(pseudonymiseChildId(key, 'DfEX0000002')).not.toBe(id);
    expect(id).not.toContain('DfEX');
  });
});
