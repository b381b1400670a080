import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CHROMIUM_MISSING_MESSAGE, findChromium } from './pdf-printer';

describe('findChromium', () => {
  const folder = mkdtempSync(join(tmpdir(), 'oscp-chromium-'));
  const runnable = join(folder, 'chromium');
  writeFileSync(runnable, '#!/bin/sh\n');
  chmodSync(runnable, 0o755);
  const notRunnable = join(folder, 'not-runnable');
  writeFileSync(notRunnable, '');

  it('uses OSCP_CHROMIUM when it is runnable, and nothing else when it is not', () => {
    expect(findChromium(runnable, [])).toBe(runnable);
    expect(findChromium(notRunnable, [runnable])).toBeNull();
  });

  it('otherwise takes the first usual path that is runnable', () => {
    expect(findChromium(null, [join(folder, 'missing'), notRunnable, runnable])).toBe(runnable);
    expect(findChromium(null, [join(folder, 'missing')])).toBeNull();
  });

  it('says how to install Chromium, and that the other formats still work', () => {
    expect(CHROMIUM_MISSING_MESSAGE).toContain('apt-get install chromium');
    expect(CHROMIUM_MISSING_MESSAGE).toContain('OSCP_CHROMIUM');
    expect(CHROMIUM_MISSING_MESSAGE).toContain('(XLSX) and CSV downloads work without it');
  });
});
