import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { NestExpressApplication } from '@nestjs/platform-express';
import express from 'express';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveDashboard } from './dashboard-static';

describe('serveDashboard', () => {
  let folder: string;
  const app = express();

  beforeAll(() => {
    folder = mkdtempSync(join(tmpdir(), 'oscp-static-'));
    mkdirSync(join(folder, 'assets'));
    writeFileSync(join(folder, 'index.html'), '<!doctype html><title>OSCP</title>');
    writeFileSync(join(folder, 'assets', 'index-abc.js'), 'console.log(1);');
    writeFileSync(join(folder, 'assets', 'index-abc.js.map'), '{"version":3,"sources":["secret.tsx"]}');
    serveDashboard(app as unknown as NestExpressApplication, folder);
  });

  afterAll(() => rmSync(folder, { recursive: true, force: true }));

  it('serves the bundles and the app, but never a source map', async () => {
    expect((await request(app).get('/assets/index-abc.js')).status).toBe(200);
    expect((await request(app).get('/indicators/CP01')).status).toBe(200);
    const map = await request(app).get('/assets/index-abc.js.map');
    expect(map.status).toBe(404);
    expect(map.text).not.toContain('secret.tsx');
  });
});
