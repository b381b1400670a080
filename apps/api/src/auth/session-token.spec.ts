import { describe, expect, it } from 'vitest';
import { csrfTokenFor, hashSessionToken, newSessionToken, sameSecret } from './session-token';

describe('session tokens', () => {
  it('makes a different 256-bit token every time', () => {
    const a = newSessionToken();
    const b = newSessionToken();
    expect(a).not.toBe(b);
    expect(Buffer.from(a, 'base64url')).toHaveLength(32);
  });

  it('stores a SHA-256 hex digest, never the token', () => {
    const token = newSessionToken();
    const hash = hashSessionToken(token);
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(hash).not.toContain(token);
    expect(hashSessionToken(token)).toBe(hash);
  });

  it('hashes as SHA-256 of the UTF-8 token, so stored sessions stay valid', () => {
    expect(hashSessionToken('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });

  it('derives a CSRF token that differs per session and from the stored hash', () => {
    const token = newSessionToken();
    expect(csrfTokenFor(token)).toBe(csrfTokenFor(token));
    expect(csrfTokenFor(token)).not.toBe(csrfTokenFor(newSessionToken()));
    expect(csrfTokenFor(token)).not.toBe(hashSessionToken(token));
  });

  it('compares secrets without accepting a missing, shorter or different value', () => {
    expect(sameSecret('abc', 'abc')).toBe(true);
    expect(sameSecret('abc', 'abd')).toBe(false);
    expect(sameSecret('abc', 'ab')).toBe(false);
    expect(sameSecret('abc', undefined)).toBe(false);
  });
});
