import { BadRequestException } from '@nestjs/common';
import { ZxcvbnFactory } from '@zxcvbn-ts/core';
import { adjacencyGraphs, dictionary } from '@zxcvbn-ts/language-common';

/**
 * Passwords an attacker would try first are refused, as NCSC guidance asks ("deny lists"), while
 * long passphrases of ordinary words pass. zxcvbn-ts estimates how many guesses a password
 * needs, using its list of about 50,000 of the most common leaked passwords and 7,776 common words,
 * with their common variations (appended digits, l33t, reversed, keyboard walks, sequences):
 * `password1234`, `qwertyuiop123` or `letmein12345` are among the first 10^8 guesses and refused.
 */
const MIN_GUESSES_LOG10 = 8;
/** Local parts this short ("jo") are too common in words to refuse every password holding them. */
const MIN_LOCAL_PART = 3;

/**
 * Built on first use: building it (ranking its dictionaries) costs about half a second of CPU,
 * which a process that never checks a password (an ETL run, most server starts) should not pay.
 */
let estimator: ZxcvbnFactory | null = null;

/** Why a new password is not good enough for this account, in plain words, or null when it is. */
export function passwordProblem(password: string, email: string): string | null {
  const localPart = (email.split('@')[0] ?? '').trim().toLowerCase();
  if (localPart.length >= MIN_LOCAL_PART && password.toLowerCase().includes(localPart))
    return 'The password must not contain the first part of the email address.';
  estimator ??= new ZxcvbnFactory({ dictionary, graphs: adjacencyGraphs });
  const result = estimator.check(password, localPart.length > 0 ? [localPart] : []);
  if (result.guessesLog10 < MIN_GUESSES_LOG10)
    return 'The password is too easy to guess: it is one of the most common passwords, or close to one. Try three or four random words.';
  return null;
}

/** Throws a 400 naming the `password` field (or `field`) when `passwordProblem` finds one. */
export function assertAcceptablePassword(password: string, email: string, field = 'password'): void {
  const problem = passwordProblem(password, email);
  if (problem === null) return;
  throw new BadRequestException({
    statusCode: 400,
    message: 'Some values are not valid.',
    fields: [{ field, message: problem }],
  });
}
