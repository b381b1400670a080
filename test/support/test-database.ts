import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';

/**
 * A fresh database for one test file: on TEST_DATABASE_URL's server (`create database
 * oscp_t_<random>`, dropped afterwards), or, without it, the embedded PGlite that the app opens
 * in `dataDir/postgres`. `env` is what to hand the app or CLI (DATA_DIR, and DATABASE_URL when real).
 */
export interface TestDatabase {
  kind: 'postgres' | 'embedded';
  /** The real database's URL, or null for the embedded one. */
  url: string | null;
  /** A fresh data folder, removed by `drop`. */
  dataDir: string;
  env: Record<string, string>;
  /** A client on the real database (null when embedded: the app holds its only connection). */
  connect(): Promise<Client | null>;
  drop(): Promise<void>;
}

export async function createTestDatabase(): Promise<TestDatabase> {
  const dataDir = mkdtempSync(join(tmpdir(), 'oscp-it-'));
  const serverUrl = process.env.TEST_DATABASE_URL?.trim();
  if (!serverUrl) {
    return {
      kind: 'embedded',
      url: null,
      dataDir,
      env: { DATA_DIR: dataDir, DATABASE_URL: '' },
      connect: async () => null,
      drop: async () => rmSync(dataDir, { recursive: true, force: true }),
    };
  }
  const name = `oscp_t_${randomBytes(6).toString('hex')}`;
  await withClient(serverUrl, (client) => client.query(`create database ${name}`));
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const databaseUrl = url.toString();
  return {
    kind: 'postgres',
    url: databaseUrl,
    dataDir,
    env: { DATA_DIR: dataDir, DATABASE_URL: databaseUrl },
    async connect() {
      const client = new Client({ connectionString: databaseUrl });
      await client.connect();
      return client;
    },
    async drop() {
      await withClient(serverUrl, (client) => client.query(`drop database if exists ${name} with (force)`));
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

async function withClient<T>(url: string, work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}
