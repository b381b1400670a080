import 'reflect-metadata';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Logger } from '@nestjs/common';
import { createHttpApp, startupFailureLine } from './app.factory';
import { AppConfig, loadConfig } from './config/app-config';

async function main(): Promise<void> {
  // Everything the service writes (extracts, Parquet, snapshots, logs of runs) is its user's alone.
  process.umask(0o077);
  // A `.env` in the working folder fills variables the environment leaves unset.
  const dotEnv = resolve('.env');
  if (existsSync(dotEnv)) process.loadEnvFile(dotEnv);
  let config: AppConfig | null = null;
  try {
    config = loadConfig(process.env);
    const app = await createHttpApp(config);
    app.enableShutdownHooks();
    await app.listen(config.port);
    const address = app.getHttpServer().address();
    const port = typeof address === 'object' && address !== null ? address.port : config.port;
    const url = `http://localhost:${port}`;
    new Logger('Main').log(`OSCP scorecard is running at ${url}`);
    process.stderr.write(`\nOSCP scorecard is running at ${url}\n${signInHint(config)}\n\n`);
  } catch (error) {
    process.stderr.write(`${startupFailureLine(error, config)}\n`);
    process.exit(1);
  }
}

function signInHint(config: AppConfig): string {
  if (config.adminEmail) return `Sign in as ${config.adminEmail} with the password in OSCP_ADMIN_PASSWORD.`;
  return `Sign in as the administrator created on the first start: its generated password was printed once and is in ${join(config.dataDir, 'initial-admin-password.txt')} (or set OSCP_ADMIN_EMAIL and OSCP_ADMIN_PASSWORD before the first start).`;
}

void main();
