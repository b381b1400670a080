import 'reflect-metadata';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { Logger } from '@nestjs/common';
import { createHttpApp, startupFailureLine } from './app.factory';
import { AppConfig, loadConfig } from './config/app-config';

async function main(): Promise<void> {
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
  if (config.adminEmail) return `Sign in as ${config.adminEmail} with the password in OSCP_ADMIN_PASSWORD (unless it has been changed since).`;
  // Without the variables the first start creates admin@oscp.invalid with a generated password (users/first-admin.service.ts).
  return `On the first start the administrator's email and generated password are printed above and saved in ${config.dataDir}/initial-admin-password.txt.`;
}

void main();
