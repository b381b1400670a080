import { describe, expect, it } from 'vitest';
import { passwordProblem } from './password-policy';

describe('passwordProblem', () => {
  it.each(['password1234', 'qwertyuiop123', 'letmein12345', '123456789012', 'iloveyou2024!'])(
    'refuses the common password %s',
    (password) => {
      expect(passwordProblem(password, 'sam.jones@example.org')).toMatch(/too easy to guess/);
    },
  );

  it('refuses a password that contains the email address before the @, in any case', () => {
    expect(passwordProblem('Sam.Jones-2025-very-long', 'sam.jones@example.org')).toMatch(
      /first part of the email address/,
    );
  });

  it.each(['correct horse battery staple', 'a-good-long-password-1', 'Tr0ub4dor&3xyz'])(
    'accepts the long or unusual password %s',
    (password) => {
      expect(passwordProblem(password, 'sam.jones@example.org')).toBeNull();
    },
  );
});
