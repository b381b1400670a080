import { describe, expect, it } from 'vitest';
import { hashPassword, spendVerifyTime, verifyPassword } from './password-hasher';

describe('password hashing', () => {
  it('hashes with argon2id and a random salt', async () => {
    const a = await hashPassword('correct horse battery staple');
    const b = await hashPassword('correct horse battery staple');
    expect(a.startsWith('$argon2id$')).toBe(true);
    expect(a).not.toBe(b);
  });

  it('accepts the right password and refuses a wrong one', async () => {
    const stored = await hashPassword('correct horse battery staple');
    expect(await verifyPassword(stored, 'correct horse battery staple')).toBe(true);
    expect(await verifyPassword(stored, 'Correct horse battery staple')).toBe(false);
  });

  it('refuses everything when the stored hash is malformed', async () => {
    expect(await verifyPassword('not-a-hash', 'anything')).toBe(false);
  });

  it('spends verification time for unknown accounts without throwing', async () => {
    await expect(spendVerifyTime('whatever')).resolves.toBeUndefined();
  });
});
