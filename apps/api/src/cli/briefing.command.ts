import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { InvalidPeriodError, parsePeriod, periodSlug } from '@oscp/calendar';
import { InvalidArgumentError, Option, type Command } from 'commander';
import type { BriefingFormat } from '../briefings/briefings.service';
import { CliFailure, cliConfig, withAppContext, type CliCommand } from './cli-command';
import { briefingModule } from './command-modules';
import { fetchFromRunningServer } from './running-server';

function parsePeriodOption(value: string): string {
  try {
    return parsePeriod(value);
  } catch (error) {
    throw new InvalidArgumentError(
      error instanceof InvalidPeriodError ? error.message : 'must be a quarter such as "2024-25 Q3".',
    );
  }
}

interface BriefingOptions {
  period: string;
  format: Exclude<BriefingFormat, 'html'>;
  out: string;
  published: boolean;
  dataDir?: string;
}

/** Builds the pack in this process (no server is running on the data folder). */
async function inProcess(options: BriefingOptions): Promise<Buffer> {
  return withAppContext({ dataDir: options.dataDir }, briefingModule, async (context) => {
    // Loaded here, not at the top: `oscp --help` and the other commands do not load the pack.
    const { HttpException } = await import('@nestjs/common');
    const { BriefingsService } = await import('../briefings/briefings.service.js');
    const { ChromiumMissingError } = await import('../briefings/pdf-printer.js');
    const service = context.get(BriefingsService, { strict: false });
    try {
      const rendered = await service.render(
        { period: options.period, published: options.published },
        options.format,
      );
      return rendered.bytes;
    } catch (error) {
      if (error instanceof ChromiumMissingError) throw new CliFailure(error.message);
      if (error instanceof HttpException && error.getStatus() === 404) throw new CliFailure(error.message);
      throw error;
    }
  });
}

/** `oscp briefing`: the quarter's briefing pack as PDF, XLSX or CSV, also while the server runs. */
export const briefingCommand: CliCommand = {
  register(program: Command): void {
    program
      .command('briefing')
      .description(
        "Write a quarter's Safeguarding Accountability briefing pack (from its signed-off snapshot, else the current one, marked draft).",
      )
      .requiredOption(
        '--period <quarter>',
        'financial-year quarter, e.g. "2024-25 Q3" or 2024-25-Q3',
        parsePeriodOption,
      )
      .addOption(
        new Option('--format <format>', 'output format').choices(['pdf', 'xlsx', 'csv']).default('pdf'),
      )
      .requiredOption('--out <file>', 'where to write the pack')
      .option(
        '--published',
        'the published version: small numbers shown [c], no commentary, no marking',
        false,
      )
      .option('--data-dir <dir>', 'data folder (default DATA_DIR, else ./data)')
      .action(async (options: BriefingOptions) => {
        const config = await cliConfig({ dataDir: options.dataDir });
        const { readLocalServer } = await import('../auth/local-access.js');
        const server = readLocalServer(config.dataDir);
        const bytes = server
          ? await fetchFromRunningServer(
              server,
              `/api/briefings/${periodSlug(options.period)}.${options.format}`,
              { published: options.published ? 'true' : undefined },
              'the briefing pack',
            )
          : await inProcess(options);
        const out = resolve(options.out);
        await writeFile(out, bytes);
        process.stderr.write(
          `Wrote the ${options.format.toUpperCase()} briefing pack for ${options.period} to ${out}${server ? ' (from the running server)' : ''}.\n`,
        );
      });
  },
};
