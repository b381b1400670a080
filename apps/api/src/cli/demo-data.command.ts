import { resolve } from 'node:path';
import { generateDemoInbox } from '@oscp/etl';
import { InvalidArgumentError, type Command } from 'commander';
import type { CliCommand } from './cli-command';
import { parseIsoDateOption, parsePositiveNumberOption, parseWholeNumberOption } from './options';

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
      .action(async (options: { out: string; seed: number; scale: number; asOf?: string }) => {
        if (options.scale > 20) throw new InvalidArgumentError('--scale must be at most 20.');
        const outDir = resolve(options.out);
        const result = await generateDemoInbox({
          outDir,
          seed: options.seed,
          scale: options.scale,
          asOf: options.asOf,
        });
        const rows = result.files.reduce((sum, file) => sum + file.rows, 0);
        process.stdout.write(`Wrote ${result.files.length} files (${rows} data rows) to ${outDir}\n`);
      });
  },
};
