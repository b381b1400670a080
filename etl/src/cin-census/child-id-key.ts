import { createHmac, randomBytes } from 'node:crypto';
import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/** The key file's name inside the data folder. */
export const CHILD_ID_KEY_FILE = 'cin-census-child-id.key';

const KEY_BYTES = 32;
const HEX_KEY = /^[0-9a-f]{64}$/;

/**
 * The secret that turns a census `LAchildID` into a `child_id`: 32 random bytes, hex, in
 * `<dataDir>/cin-census-child-id.key` (owner read/write only), created on first use. Losing it
 * breaks the link between children in files loaded before and after; it is never logged.
 */
export async function loadOrCreateChildIdKey(dataDir: string): Promise<string> {
  const path = join(dataDir, CHILD_ID_KEY_FILE);
  try {
    const existing = (await readFile(path, 'utf8')).trim();
    if (!HEX_KEY.test(existing)) {
      throw new Error(
        `The child identifier key ${CHILD_ID_KEY_FILE} in the data folder is not 64 hexadecimal characters; restore it from a backup.`,
      );
    }
    return existing;
  } catch (error) {
    if (!(error instanceof Error && 'code' in error && error.code === 'ENOENT')) throw error;
  }
  await mkdir(dataDir, { recursive: true });
  const key = randomBytes(KEY_BYTES).toString('hex');
  try {
    // `wx`: two processes starting at once cannot both write a key; the loser reads the winner's.
    await writeFile(path, `${key}\n`, { encoding: 'utf8', mode: 0o600, flag: 'wx' });
  } catch (error) {
    if (error instanceof Error && 'code' in error && error.code === 'EEXIST')
      return loadOrCreateChildIdKey(dataDir);
    throw error;
  }
  await chmod(path, 0o600); // the umask may have taken bits away, never added: make it exact
  return key;
}

/**
 * The pseudonymised `child_id` of a census `LAchildID`: HMAC-SHA-256 with the data folder's key,
 * as 64 lower-case hex characters (the contract's id type allows 1-64 of `[A-Za-z0-9_-]`). The
 * same child gets the same id in every file loaded with the same key; without the key the id
 * cannot be turned back into the local authority's identifier.
 */
export function pseudonymiseChildId(keyHex: string, laChildId: string): string {
  return createHmac('sha256', Buffer.from(keyHex, 'hex')).update(laChildId, 'utf8').digest('hex');
}
