import { mkdtempSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isLoopback, LOCAL_SERVER_FILE, LocalAccessToken, readLocalServer } from './local-access';

describe('the local server file', () => {
  it('is written for the owner only, names this process and its port, and is removed at shutdown', () => {
    const folder = mkdtempSync(join(tmpdir(), 'oscp-local-'));
    const token = new LocalAccessToken();
    expect(token.matches('anything')).toBe(false);
    token.publish(folder, 4321);
    const file = join(folder, LOCAL_SERVER_FILE);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const info = readLocalServer(folder);
    expect(info).toMatchObject({ pid: process.pid, port: 4321 });
    expect(token.matches(info?.token)).toBe(true);
    expect(token.matches(`${info?.token ?? ''}x`)).toBe(false);
    token.onApplicationShutdown();
    expect(readLocalServer(folder)).toBeNull();
  });

  it('is ignored when its process is gone or it cannot be read', () => {
    const folder = mkdtempSync(join(tmpdir(), 'oscp-local-'));
    writeFileSync(join(folder, LOCAL_SERVER_FILE), JSON.stringify({ pid: 2 ** 22 + 7, port: 1, token: 't' }));
    expect(readLocalServer(folder)).toBeNull();
    writeFileSync(join(folder, LOCAL_SERVER_FILE), 'not json');
    expect(readLocalServer(folder)).toBeNull();
  });

  it('accepts only loopback addresses', () => {
    expect(['127.0.0.1', '::1', '::ffff:127.0.0.1'].every(isLoopback)).toBe(true);
    expect(isLoopback('192.0.2.1')).toBe(false);
    expect(isLoopback(undefined)).toBe(false);
  });
});
