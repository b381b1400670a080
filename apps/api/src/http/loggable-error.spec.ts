import { describe, expect, it } from 'vitest';
import { loggableError } from './loggable-error';

describe('loggableError', () => {
  it('keeps the name, the first line and the stack frames, and drops other properties such as query parameters', () => {
    const error = Object.assign(new Error('insert failed\nKey (child_id)=(CH123) already exists'), {
      name: 'QueryFailedError',
      parameters: ['CH123', 'Jane Doe'],
    });
    const logged = loggableError(error);
    expect(logged.errorName).toBe('QueryFailedError');
    expect(logged.errorMessage).toBe('insert failed');
    expect(JSON.stringify(logged)).not.toContain('CH123');
    expect(JSON.stringify(logged)).not.toContain('Jane Doe');
    expect(logged.stack).toMatch(/^\s+at /);
  });

  it('describes a thrown non-error without its value', () => {
    expect(loggableError('CH123')).toEqual({
      errorName: 'string',
      errorMessage: 'a non-Error value was thrown',
    });
  });
});
