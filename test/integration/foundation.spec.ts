import type { ApiError, Health } from '@oscp/contracts';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUILT_SERVER, spawnNode } from '../support/cli';
import { startTestApp, type TestApp } from '../support/test-app';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

describe('the API foundation', () => {
  let database: TestDatabase;
  let testApp: TestApp;

  beforeAll(async () => {
    database = await createTestDatabase();
    testApp = await startTestApp({ env: database.env });
  });

  afterAll(async () => {
    await testApp?.close();
    await database?.drop();
  });

  it('answers /api/health without sign-in: database ok, warehouse empty before the first run', async () => {
    const response = await request(testApp.server).get('/api/health');
    expect(response.status).toBe(200);
    const health = response.body as Health;
    expect(health).toEqual({ status: 'ok', database: 'ok', warehouse: 'empty', lastRun: null });
  });

  it('keeps the API description behind sign-in', async () => {
    expect((await request(testApp.server).get('/api/docs')).status).toBe(401);
    expect((await request(testApp.server).get('/api/docs/openapi.json')).status).toBe(401);
  });

  it('answers errors as { statusCode, message } without a stack trace', async () => {
    const response = await request(testApp.server).get('/api/runs');
    expect(response.status).toBe(401);
    const body = response.body as ApiError;
    expect(body.statusCode).toBe(401);
    expect(typeof body.message).toBe('string');
    expect(JSON.stringify(body)).not.toMatch(/at \w+ \(|\.ts:\d+/);
  });

  it('serves the dashboard or, without a build, a page saying it is not built; /api is never the app', async () => {
    const root = await request(testApp.server).get('/');
    expect(root.status).toBe(200);
    expect(root.headers['content-type']).toMatch(/text\/html/);
    const deepLink = await request(testApp.server).get('/scorecard/FD01');
    expect(deepLink.headers['content-type']).toMatch(/text\/html/);
    const missingFile = await request(testApp.server).get('/assets/no-such-file.js');
    expect(missingFile.status).toBe(404);
    const api = await request(testApp.server).get('/api/no-such-route');
    expect(api.headers['content-type']).toMatch(/application\/json/);
  });
});

describe('start-up configuration errors', () => {
  it('stops with one clear line naming PORT and exit code 1 when PORT is not a number', async () => {
    const { result } = spawnNode(BUILT_SERVER, [], { PORT: 'abc', DATA_DIR: '/nonexistent-not-used' });
    const outcome = await result;
    expect(outcome.code).toBe(1);
    const lines = outcome.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain('PORT');
    expect(outcome.stderr).not.toMatch(/\n\s+at /);
  });

  it('stops with one clear line naming DATABASE_URL and exit code 1 when the database cannot be reached', async () => {
    const { result } = spawnNode(BUILT_SERVER, [], {
      PORT: '0',
      DATABASE_URL: 'postgres://oscp:secret@127.0.0.1:1/oscp',
    });
    const outcome = await result;
    expect(outcome.code).toBe(1);
    const lines = outcome.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain('DATABASE_URL');
    expect(lines[0]).not.toContain('secret');
    expect(outcome.stdout).toBe('');
  });
});
