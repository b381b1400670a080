import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CONFIG_VARIABLES, loadConfig } from './app-config';

const envExample = readFileSync(join(__dirname, '..', '..', '..', '..', '.env.example'), 'utf8');

describe('.env.example', () => {
  it('lists every variable the product reads, each after a comment', () => {
    const lines = envExample.split('\n');
    const listed = lines.filter((line) => /^[A-Z_]+=/.test(line)).map((line) => line.split('=')[0]);
    expect([...listed].sort()).toEqual([...CONFIG_VARIABLES].sort());
    for (const name of listed) {
      const index = lines.findIndex((line) => line.startsWith(`${name}=`));
      const previous = lines
        .slice(0, index)
        .reverse()
        .find((line) => !/^[A-Z_]+=/.test(line));
      expect(previous?.startsWith('#'), `${name} has a comment`).toBe(true);
    }
  });

  it('is itself a valid configuration', () => {
    const values = Object.fromEntries(
      envExample
        .split('\n')
        .filter((line) => /^[A-Z_]+=/.test(line))
        .map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]),
    );
    expect(() => loadConfig(values)).not.toThrow();
  });
});
