import { afterEach, describe, expect, it, vi } from 'vitest';
import { EXIT_USAGE } from './cli-command';
import { runCli } from './main';

afterEach(() => vi.restoreAllMocks());

describe('oscp demo-data', () => {
  it('refuses a scale above England-sized with exit code 2 and says why', async () => {
    const written: string[] = [];
    vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
      written.push(String(chunk));
      return true;
    });
    const code = await runCli(['demo-data', '--out', 'never-written', '--scale', '500']);
    expect(code).toBe(EXIT_USAGE);
    expect(written.join('')).toContain(
      "--scale must be at most 200, got 500: England's children number about 200 times Oldham's",
    );
  });
});
