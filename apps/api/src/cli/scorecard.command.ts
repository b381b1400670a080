import { InvalidPeriodError, parsePeriod } from '@oscp/calendar';
import { InvalidArgumentError, Option, type Command } from 'commander';
import type { ScorecardExportFormat } from '../scorecard-exports/scorecard-exports.service';
import { CliFailure, cliConfig, withAppContext, type CliCommand } from './cli-command';
import { scorecardModule } from './command-modules';
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

function writeStdout(data: string | Uint8Array): Promise<void> {
  return new Promise((resolve, reject) => {
    process.stdout.write(data, (error) => (error ? reject(error) : resolve()));
  });
}

interface ScorecardOptions {
  period?: string;
  dataDir?: string;
  format: ScorecardExportFormat;
  publishedView: boolean;
}

/** Builds the file in this process (no server is running on the data folder). */
async function inProcess(options: ScorecardOptions): Promise<Buffer> {
  return withAppContext({ dataDir: options.dataDir }, scorecardModule, async (context) => {
    // Loaded here, not at the top: `oscp --help` and the other commands do not load the exports.
    const { HttpException } = await import('@nestjs/common');
    const { ScorecardExportsService } = await import('../scorecard-exports/scorecard-exports.service.js');
    const exports = context.get(ScorecardExportsService, { strict: false });
    try {
      const rendered = await exports.render(
        { period: options.period, published: options.publishedView },
        options.format,
      );
      return rendered.bytes;
    } catch (error) {
      // "Nothing published" and "no such quarter" are plain failures (exit 1), not crashes.
      if (error instanceof HttpException && error.getStatus() === 404) throw new CliFailure(error.message);
      throw error;
    }
  });
}

/** `oscp scorecard`: prints the published scorecard of a quarter (default: the snapshot's default). */
export const scorecardCommand: CliCommand = {
  register(program: Command): void {
    program
      .command('scorecard')
      .description("Print the published scorecard of a quarter (default: the snapshot's default quarter).")
      .option(
        '--period <quarter>',
        'financial-year quarter, e.g. "2024-25 Q3" or 2024-25-Q3',
        parsePeriodOption,
      )
      .option('--data-dir <dir>', 'data folder (default DATA_DIR, else ./data)')
      .addOption(
        new Option('--format <format>', 'output format').choices(['json', 'csv', 'xlsx']).default('json'),
      )
      .option(
        '--published-view',
        'apply disclosure control (small numbers shown [c]), as published outputs do',
        false,
      )
      .action(async (options: ScorecardOptions) => {
        const config = await cliConfig({ dataDir: options.dataDir });
        // While a server runs on the data folder its embedded database is its own: ask it.
        const { readLocalServer } = await import('../auth/local-access.js');
        const server = readLocalServer(config.dataDir);
        const bytes = server
          ? await fetchFromRunningServer(
              server,
              `/api/exports/scorecard.${options.format}`,
              { period: options.period, published: options.publishedView ? 'true' : undefined },
              'the scorecard',
            )
          : await inProcess(options);
        await writeStdout(bytes);
      });
  },
};
