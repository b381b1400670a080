import { randomBytes } from 'node:crypto';
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const INITIAL_ADMIN_PASSWORD_FILE = 'initial-admin-password.txt';
export const DEFAULT_ADMIN_EMAIL = 'admin@oscp.invalid';

/** A strong random password: 24 URL-safe characters (144 bits). */
export function generatePassword(): string {
  return randomBytes(18).toString('base64url');
}

/** Writes the generated password for the operator, readable by the service's user only. */
export function writeInitialPasswordFile(dataDir: string, email: string, password: string): string {
  mkdirSync(dataDir, { recursive: true });
  const path = join(dataDir, INITIAL_ADMIN_PASSWORD_FILE);
  writeFileSync(
    path,
    `The first administrator of the OSCP scorecard.\nEmail: ${email}\nPassword: ${password}\nSign in, then set a new password for this account (Users page) and delete this file.\n`,
    { mode: 0o600 },
  );
  // writeFileSync's mode only applies when it creates the file.
  chmodSync(path, 0o600);
  return path;
}
