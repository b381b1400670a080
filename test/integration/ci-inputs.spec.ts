import { describe, expect, it } from 'vitest';
import { requireInCi } from '../support/ci-inputs';

describe('inputs the suites need', () => {
  it('fails a CI run that lacks TEST_DATABASE_URL, naming it, instead of skipping the PostgreSQL suites', () => {
    const saved = process.env.TEST_DATABASE_URL;
    delete process.env.TEST_DATABASE_URL;
    try {
      expect(() => requireInCi(['postgres'], { CI: 'true' })).toThrow(/CI=true .* TEST_DATABASE_URL/);
      // Locally the suites may skip (they print why).
      expect(() => requireInCi(['postgres'], {})).not.toThrow();
    } finally {
      if (saved !== undefined) process.env.TEST_DATABASE_URL = saved;
    }
  });

  it('fails a CI run without Chromium', () => {
    const saved = process.env.CHROMIUM_PATH;
    process.env.CHROMIUM_PATH = '/nonexistent/chromium';
    try {
      expect(() => requireInCi(['chromium'], { CI: 'true' })).toThrow(/Chromium at \/nonexistent\/chromium/);
    } finally {
      if (saved === undefined) delete process.env.CHROMIUM_PATH;
      else process.env.CHROMIUM_PATH = saved;
    }
  });
});
