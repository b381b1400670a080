import { isIP } from 'node:net';
import { resolve } from 'node:path';
import { validateCronExpression } from 'cron';
import { z } from 'zod';

/**
 * The whole configuration, read once from the environment at boot and injected everywhere as
 * `AppConfig`. Nothing else in the API reads `process.env`.
 */
export abstract class AppConfig {
  abstract readonly port: number;
  /** Absolute path of the data folder (inbox, submissions, snapshots, embedded database). */
  abstract readonly dataDir: string;
  /** A PostgreSQL URL, or null for the embedded database in `dataDir/postgres`. */
  abstract readonly databaseUrl: string | null;
  abstract readonly etlCron: string;
  /** Time zone of `etlCron`. */
  abstract readonly etlCronTimeZone: string;
  abstract readonly logLevel: LogLevel;
  abstract readonly laCode: number;
  abstract readonly demo: boolean;
  abstract readonly adminEmail: string | null;
  abstract readonly adminPassword: string | null;
  abstract readonly rejectThresholdPct: number;
  abstract readonly snapshotsKeep: number;
  abstract readonly uploadMaxMb: number;
  /** `YYYY-MM-DD` used as "today" by runs, or null for the real date. */
  abstract readonly runDate: string | null;
  /** `auto`: secure cookies when the request arrived over TLS. */
  abstract readonly secureCookies: 'auto' | boolean;
  /**
   * Whose `X-Forwarded-For` / `X-Forwarded-Proto` count: addresses, CIDR ranges or the names
   * `loopback`, `linklocal`, `uniquelocal`. Empty: no proxy is trusted (the socket's address counts).
   */
  abstract readonly trustedProxies: readonly string[];
  /** Raw extract files (inbox copies and `submissions/`) are deleted this many days after intake. */
  abstract readonly rawRetentionDays: number;
  /** JavaScript heap of the child process that validates a file or builds a snapshot, in MB. */
  abstract readonly etlMemoryMb: number;
  /** Longest a file's validation, or a snapshot build, may take before it is stopped, in seconds. */
  abstract readonly etlTimeLimitS: number;
}

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** A configuration value that cannot be used; the message names the variable. */
export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

const flag = z
  .string()
  .trim()
  .toLowerCase()
  .refine((value) => ['true', 'false', '1', '0', 'yes', 'no', 'on', 'off'].includes(value), {
    message: 'must be true or false',
  })
  .transform((value) => ['true', '1', 'yes', 'on'].includes(value));

const integer = (min: number, max: number) =>
  z
    .string()
    .trim()
    .regex(/^\d+$/, { message: 'must be a whole number' })
    .transform(Number)
    .refine((value) => value >= min && value <= max, { message: `must be between ${min} and ${max}` });

const isoDate = z
  .string()
  .trim()
  .regex(/^\d{4}-\d{2}-\d{2}$/, { message: 'must be a date written YYYY-MM-DD' })
  .refine(
    (value) =>
      !Number.isNaN(Date.parse(`${value}T00:00:00Z`)) &&
      new Date(`${value}T00:00:00Z`).toISOString().startsWith(value),
    {
      message: 'must be a real calendar date',
    },
  );

const PROXY_NAMES = ['loopback', 'linklocal', 'uniquelocal'];

/** One `OSCP_TRUSTED_PROXIES` entry: a proxy-addr name, an IP address, or an address/prefix. */
export function isTrustedProxyEntry(entry: string): boolean {
  if (PROXY_NAMES.includes(entry)) return true;
  const [address = '', prefix, ...rest] = entry.split('/');
  const version = isIP(address);
  if (version === 0 || rest.length > 0) return false;
  if (prefix === undefined) return true;
  if (!/^\d{1,3}$/.test(prefix)) return false;
  return Number(prefix) <= (version === 4 ? 32 : 128);
}

const environmentSchema = z.object({
  PORT: integer(0, 65535).default(3000),
  DATA_DIR: z.string().trim().min(1).default('./data'),
  DATABASE_URL: z
    .string()
    .trim()
    .refine((value) => /^postgres(ql)?:\/\//.test(value), { message: 'must be a postgres:// URL' })
    .optional(),
  ETL_CRON: z
    .string()
    .trim()
    .refine((value) => validateCronExpression(value).valid, {
      message: 'must be a cron expression such as "0 2 * * *"',
    })
    .default('0 2 * * *'),
  LOG_LEVEL: z.enum(LOG_LEVELS).default('info'),
  OSCP_LA_CODE: integer(100, 999).default(353),
  OSCP_DEMO: flag.optional(),
  OSCP_ADMIN_EMAIL: z.email({ message: 'must be an email address' }).optional(),
  OSCP_ADMIN_PASSWORD: z.string().min(12, { message: 'must be at least 12 characters' }).optional(),
  OSCP_REJECT_THRESHOLD_PCT: z
    .string()
    .trim()
    .regex(/^\d+(\.\d+)?$/, { message: 'must be a number from 0 to 100' })
    .transform(Number)
    .refine((value) => value <= 100, { message: 'must be a number from 0 to 100' })
    .default(10),
  OSCP_SNAPSHOTS_KEEP: integer(1, 10_000).default(20),
  OSCP_UPLOAD_MAX_MB: integer(1, 2_048).default(50),
  OSCP_RUN_DATE: isoDate.optional(),
  OSCP_SECURE_COOKIES: z
    .string()
    .trim()
    .toLowerCase()
    .refine((value) => ['auto', 'true', 'false'].includes(value), { message: 'must be auto, true or false' })
    .transform((value): 'auto' | boolean => (value === 'auto' ? 'auto' : value === 'true'))
    .default('auto'),
  OSCP_TRUSTED_PROXIES: z
    .string()
    .transform((value) =>
      value
        .split(',')
        .map((entry) => entry.trim().toLowerCase())
        .filter((entry) => entry !== ''),
    )
    .refine((entries) => entries.every(isTrustedProxyEntry), {
      message:
        'must be a comma-separated list of IP addresses, address/prefix ranges or the names loopback, linklocal, uniquelocal',
    })
    .default([]),
  OSCP_RAW_RETENTION_DAYS: integer(0, 3_650).default(30),
  OSCP_ETL_MEMORY_MB: integer(128, 65_536).default(2_048),
  OSCP_ETL_TIME_LIMIT_S: integer(1, 86_400).default(900),
});

/** Environment variables the product reads, for `.env.example` and the README. */
export const CONFIG_VARIABLES = Object.keys(environmentSchema.shape);

/**
 * Validates the environment. Blank values count as unset (a `.env` line `DATABASE_URL=` means
 * "none"). Throws a `ConfigError` naming the first bad variable.
 */
export function loadConfig(environment: NodeJS.ProcessEnv, cwd: string = process.cwd()): AppConfig {
  const relevant: Record<string, string> = {};
  for (const name of CONFIG_VARIABLES) {
    const value = environment[name];
    if (value !== undefined && value.trim() !== '') relevant[name] = value;
  }
  const parsed = environmentSchema.safeParse(relevant);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const name = String(issue?.path[0] ?? 'configuration');
    const shown =
      name === 'OSCP_ADMIN_PASSWORD' || name === 'DATABASE_URL' ? '' : ` (got "${relevant[name] ?? ''}")`;
    throw new ConfigError(`Configuration error: ${name} ${issue?.message ?? 'is not valid'}${shown}.`);
  }
  const env = parsed.data;
  if ((env.OSCP_ADMIN_EMAIL === undefined) !== (env.OSCP_ADMIN_PASSWORD === undefined)) {
    throw new ConfigError(
      'Configuration error: set both OSCP_ADMIN_EMAIL and OSCP_ADMIN_PASSWORD, or neither.',
    );
  }
  const databaseUrl = env.DATABASE_URL ?? null;
  return Object.freeze({
    port: env.PORT,
    dataDir: resolve(cwd, env.DATA_DIR),
    databaseUrl,
    etlCron: env.ETL_CRON,
    etlCronTimeZone: 'Europe/London',
    logLevel: env.LOG_LEVEL,
    laCode: env.OSCP_LA_CODE,
    // Demo data never reaches a real deployment unless someone asks for it explicitly.
    demo: env.OSCP_DEMO ?? databaseUrl === null,
    adminEmail: env.OSCP_ADMIN_EMAIL ?? null,
    adminPassword: env.OSCP_ADMIN_PASSWORD ?? null,
    rejectThresholdPct: env.OSCP_REJECT_THRESHOLD_PCT,
    snapshotsKeep: env.OSCP_SNAPSHOTS_KEEP,
    uploadMaxMb: env.OSCP_UPLOAD_MAX_MB,
    runDate: env.OSCP_RUN_DATE ?? null,
    secureCookies: env.OSCP_SECURE_COOKIES,
    trustedProxies: Object.freeze([...env.OSCP_TRUSTED_PROXIES]),
    rawRetentionDays: env.OSCP_RAW_RETENTION_DAYS,
    etlMemoryMb: env.OSCP_ETL_MEMORY_MB,
    etlTimeLimitS: env.OSCP_ETL_TIME_LIMIT_S,
  });
}

/** "Today" for a run: `OSCP_RUN_DATE` when set, else the date in Europe/London. */
export function todayFor(config: AppConfig, now: Date = new Date()): string {
  if (config.runDate) return config.runDate;
  return new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Europe/London',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(now);
}
