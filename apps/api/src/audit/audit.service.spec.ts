import { describe, expect, it } from 'vitest';
import { scrubDetail } from './audit.service';

describe('scrubDetail', () => {
  it('drops password, token, secret and hash keys at any depth and keeps the rest', () => {
    expect(
      scrubDetail({
        roles: ['admin'],
        password: 'x',
        newPassword: 'y',
        nested: { csrfToken: 't', count: 2 },
        passwordHash: 'h',
      }),
    ).toEqual({ roles: ['admin'], nested: { count: 2 } });
  });
});
