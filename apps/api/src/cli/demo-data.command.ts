import { resolve } from 'node:path';
import type { Command } from 'commander';
import type { CliCommand } from './cli-command';
import { parseIsoDateOption, parsePositiveNumberOption, parseWholeNumberOption } from './options';

/** The largest --scale: about England's population of children, in multiples of Oldham's. */
export const MAX_DEMO_SCALE = 200;

/** `oscp demo-data`: writes a synthetic inbox. Needs no database. */
export const demoDataCommand: CliCommand = {
  register(program: Command): void {
    program
      .command('demo-data')
      .description(
        'Write a synthetic inbox (every dataset, 2022-23 Q1 to the last quarter ended by --as-of).',
      )
      .requiredOption('--out <dir>', 'inbox folder to write (created if missing)')
      .option(
        '--seed <n>',
        'random seed; the same seed, scale and date give identical files',
        parseWholeNumberOption,
        1,
      )
      .option('--scale <x>', '1 = Oldham-sized; volumes scale linearly', parsePositiveNumberOption, 1)
      .option('--as-of <date>', 'YYYY-MM-DD, default today', parseIsoDateOption)
      .action(
        async (options: { out: string; seed: number; scale: number; asOf?: string }, command: Command) => {
          // Printed by commander as a usage error (exit 2), with the reason.
          if (options.scale > MAX_DEMO_SCALE)
            command.error(
              `error: --scale must be at most ${MAX_DEMO_SCALE}, got ${options.scale}: England's children number about ${MAX_DEMO_SCALE} times Oldham's (scale 1), so a larger inbox describes no real partnership.`,
              { exitCode: 2, code: 'oscp.scaleTooLarge' },
            );
          const outDir = resolve(options.out);
          const { generateDemoInbox } = await import('@oscp/etl');
          const result = await generateDemoInbox({
            outDir,
            seed: options.seed,
            scale: options.scale,
            asOf: options.asOf,
          });
          const rows = result.files.reduce((sum, file) => sum + file.rows, 0);
          process.stdout.write(`Wrote ${result.files.length} files (${rows} data rows) to ${outDir}\n`);
        },
      );
  },
};
