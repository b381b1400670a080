import { describe, expect, it } from 'vitest';
import { SessionCache, type KeptSession } from './session-cache';

function session(sessionId: string, userId: string): KeptSession {
  return {
    sessionId,
    userId,
    user: {
      id: userId,
      email: `${userId}@example.org`,
      displayName: userId,
      roles: ['viewer'],
      agency: null,
      subgroups: [],
    },
    csrfToken: `csrf-${sessionId}`,
    lastSeenAt: 0,
    absoluteExpiresAt: 1_000_000,
  };
}

describe('SessionCache', () => {
  it('answers a kept session until it is older than the maximum age', () => {
    const cache = new SessionCache(5_000);
    cache.keep('hash-a', session('s1', 'u1'), 1_000, cache.generation);
    expect(cache.get('hash-a', 5_999)?.sessionId).toBe('s1');
    expect(cache.get('hash-a', 6_000)).toBeNull();
    expect(cache.size).toBe(0);
  });

  it('forgets by session, by user and by token, and everything at once', () => {
    const cache = new SessionCache(5_000);
    const keep = (hash: string, kept: KeptSession) => cache.keep(hash, kept, 0, cache.generation);
    keep('hash-a', session('s1', 'u1'));
    keep('hash-b', session('s2', 'u1'));
    keep('hash-c', session('s3', 'u2'));
    keep('hash-d', session('s4', 'u3'));
    cache.forgetSession('s3');
    expect(cache.get('hash-c', 1)).toBeNull();
    cache.forgetUser('u1');
    expect(cache.get('hash-a', 1)).toBeNull();
    expect(cache.get('hash-b', 1)).toBeNull();
    expect(cache.get('hash-d', 1)?.sessionId).toBe('s4');
    cache.forgetToken('hash-d');
    expect(cache.size).toBe(0);
    keep('hash-e', session('s5', 'u4'));
    cache.forgetAll();
    expect(cache.get('hash-e', 1)).toBeNull();
  });

  it('does not keep a session read before a sign-out or a change of user', () => {
    const cache = new SessionCache(5_000);
    const before = cache.generation;
    cache.forgetUser('u1');
    cache.keep('hash-a', session('s1', 'u1'), 0, before);
    expect(cache.get('hash-a', 1)).toBeNull();
  });
});
