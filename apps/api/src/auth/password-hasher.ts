import { hash, verify } from '@node-rs/argon2';

/**
 * argon2id with the library's defaults (19 MiB, 2 passes, 1 lane: OWASP's minimum
 * recommendation). The algorithm is the library default, checked by a unit test.
 */
export async function hashPassword(password: string): Promise<string> {
  return hash(password);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    // A malformed stored hash must never let anyone in.
    return false;
  }
}

let dummyHash: Promise<string> | null = null;

/**
 * Verifies against a throw-away hash so that an unknown email or a locked account costs the
 * same time as a wrong password (no account enumeration by timing).
 */
export async function spendVerifyTime(password: string): Promise<void> {
  dummyHash ??= hash('not-a-real-password-but-a-timing-pad');
  await verifyPassword(await dummyHash, password);
}

export const MIN_PASSWORD_LENGTH = 12;
export const MAX_PASSWORD_LENGTH = 256;
