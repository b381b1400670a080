import { Writable } from 'node:stream';
import express, { type Request, type Response } from 'express';
import { PinoLogger } from 'nestjs-pino';
import pino from 'pino';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { RequestLogging } from './request-logging';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** An app behind the request log, whose JSON lines are collected in `lines`. */
function loggedApp(level: pino.Level): { app: express.Express; lines: Array<Record<string, unknown>> } {
  const lines: Array<Record<string, unknown>> = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString('utf8').split('\n').filter(Boolean))
        lines.push(JSON.parse(line) as Record<string, unknown>);
      done();
    },
  });
  const logger = pino(
    {
      level,
      serializers: {
        req: (req: { id: unknown; method: unknown; url: unknown }) => ({
          id: req.id,
          method: req.method,
          path: typeof req.url === 'string' ? req.url.split('?')[0] : undefined,
        }),
        res: (res: { statusCode: unknown }) => ({ statusCode: res.statusCode }),
      },
    },
    sink,
  );
  const app = express();
  app.use(new RequestLogging(logger).middleware);
  const appLogger = new PinoLogger({ pinoHttp: { logger } });
  app.get('/api/work', (req: Request, res: Response) => {
    // Later in the request, after an await, as a service would log.
    void Promise.resolve().then(() => {
      appLogger.info({ step: 'inside' }, 'working');
      res.json({ id: (req as Request & { id?: unknown }).id });
    });
  });
  app.get('/api/health', (_req: Request, res: Response) => {
    res.json({ status: 'ok' });
  });
  app.get('/api/fails', (_req: Request, res: Response) => {
    res.status(500).json({ message: 'Something went wrong' });
  });
  return { app, lines };
}

describe('RequestLogging', () => {
  it('logs method, path (no query), status and time at info, and nothing of headers, cookies or bodies', async () => {
    const { app, lines } = loggedApp('info');
    const answer = await request(app).get('/api/work?agency=Secret').set('cookie', 'oscp_session=token');
    const id = (answer.body as { id: string }).id;
    expect(id).toMatch(UUID);
    expect(answer.headers['x-request-id']).toBe(id);
    const done = lines.find((line) => line.msg === 'request completed');
    expect(done).toEqual({
      level: 30,
      time: expect.any(Number) as number,
      pid: process.pid,
      hostname: expect.any(String) as string,
      req: { id, method: 'GET', path: '/api/work' },
      res: { statusCode: 200 },
      responseTime: expect.any(Number) as number,
      msg: 'request completed',
    });
    expect(JSON.stringify(lines)).not.toMatch(/Secret|oscp_session|token/);
  });

  it("gives the application's log lines during a request the request's id, method and path", async () => {
    const { app, lines } = loggedApp('info');
    const answer = await request(app).get('/api/work');
    const inside = lines.find((line) => line.msg === 'working');
    expect(inside).toMatchObject({
      req: { id: (answer.body as { id: string }).id, method: 'GET', path: '/api/work' },
      step: 'inside',
    });
  });

  it('logs a 5xx as "request errored" with the status, and does not log health checks', async () => {
    const { app, lines } = loggedApp('info');
    await request(app).get('/api/health');
    await request(app).get('/api/fails');
    expect(lines.map((line) => line.msg)).toEqual(['request errored']);
    expect(lines[0]).toMatchObject({
      req: { method: 'GET', path: '/api/fails' },
      res: { statusCode: 500 },
      err: { type: 'Error', message: 'failed with status code 500' },
    });
  });

  it('writes nothing with info off, yet still gives every request an id', async () => {
    const { app, lines } = loggedApp('warn');
    const answer = await request(app).get('/api/fails');
    expect(answer.headers['x-request-id']).toMatch(UUID);
    expect(lines).toEqual([]);
  });
});
