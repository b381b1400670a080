import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, todayFor } from './app-config';

describe('loadConfig', () => {
  it('gives the documented defaults for an empty environment', () => {
    const config = loadConfig({}, '/srv/oscp');
    expect(config).toMatchObject({
      port: 3000,
      dataDir: '/srv/oscp/data',
      databaseUrl: null,
      etlCron: '0 2 * * *',
      etlCronTimeZone: 'Europe/London',
      logLevel: 'info',
      laCode: 353,
      demo: true,
      adminEmail: null,
      rejectThresholdPct: 10,
      snapshotsKeep: 20,
      uploadMaxMb: 50,
      runDate: null,
      secureCookies: 'auto',
      trustedProxies: [],
      rawRetentionDays: 30,
      etlMemoryMb: 2048,
      etlTimeLimitS: 900,
    });
  });

  it('reads trusted proxies as a list of addresses, ranges and proxy-addr names', () => {
    expect(
      loadConfig({ OSCP_TRUSTED_PROXIES: ' 10.0.0.5, 172.16.0.0/12,Loopback,::1, fd00::/8 ' }).trustedProxies,
    ).toEqual(['10.0.0.5', '172.16.0.0/12', 'loopback', '::1', 'fd00::/8']);
    for (const bad of ['10.0.0.0/33', 'proxy.example.org', '10.0.0.1/8/8', 'everyone'])
      expect(() => loadConfig({ OSCP_TRUSTED_PROXIES: bad }), bad).toThrow(/OSCP_TRUSTED_PROXIES must be/);
  });

  it('turns demo data off by default when a real database is configured', () => {
    expect(loadConfig({ DATABASE_URL: 'postgres://u@db:5432/oscp' }).demo).toBe(false);
    expect(loadConfig({ DATABASE_URL: 'postgres://u@db:5432/oscp', OSCP_DEMO: 'true' }).demo).toBe(true);
  });

  it('treats a blank value as unset', () => {
    expect(loadConfig({ DATABASE_URL: '', PORT: ' ' }).databaseUrl).toBeNull();
  });

  it.each([
    ['PORT', 'abc', 'Configuration error: PORT must be a whole number (got "abc").'],
    ['PORT', '70000', 'Configuration error: PORT must be between 0 and 65535 (got "70000").'],
    [
      'ETL_CRON',
      'every night',
      'Configuration error: ETL_CRON must be a cron expression such as "0 2 * * *" (got "every night").',
    ],
    [
      'OSCP_RUN_DATE',
      '2025-02-30',
      'Configuration error: OSCP_RUN_DATE must be a real calendar date (got "2025-02-30").',
    ],
    ['OSCP_DEMO', 'maybe', 'Configuration error: OSCP_DEMO must be true or false (got "maybe").'],
    ['LOG_LEVEL', 'loud', 'Configuration error: LOG_LEVEL'],
  ])('names the variable when %s=%s is not usable', (name, value, message) => {
    expect(() => loadConfig({ [name]: value })).toThrow(ConfigError);
    expect(() => loadConfig({ [name]: value })).toThrow(message);
  });

  it('never repeats a database URL or a password in its message', () => {
    expect(() => loadConfig({ DATABASE_URL: 'mysql://u:secret@h/db' })).toThrow(
      /^Configuration error: DATABASE_URL must be a postgres:\/\/ URL\.$/,
    );
    expect(() => loadConfig({ OSCP_ADMIN_EMAIL: 'a@example.org', OSCP_ADMIN_PASSWORD: 'short' })).toThrow(
      /^Configuration error: OSCP_ADMIN_PASSWORD must be at least 12 characters\.$/,
    );
  });

  it('wants both administrator variables or neither', () => {
    expect(() => loadConfig({ OSCP_ADMIN_EMAIL: 'a@example.org' })).toThrow(
      'set both OSCP_ADMIN_EMAIL and OSCP_ADMIN_PASSWORD',
    );
  });
});

describe('todayFor', () => {
  it('uses OSCP_RUN_DATE when set', () => {
    expect(todayFor(loadConfig({ OSCP_RUN_DATE: '2025-04-30' }))).toBe('2025-04-30');
  });

  it('takes the date in Europe/London, not UTC (00:30 BST on 1 July is still 30 June in UTC)', () => {
    expect(todayFor(loadConfig({}), new Date('2025-06-30T23:30:00Z'))).toBe('2025-07-01');
  });
});
