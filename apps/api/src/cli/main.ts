import 'reflect-metadata';
import { Command, CommanderError } from 'commander';
import { CliFailure, EXIT_FAILURE, EXIT_OK, EXIT_USAGE } from './cli-command';
import { CLI_COMMANDS } from './commands';
import { describeCliError } from './describe-error';

/** `oscp`: exit 0 ok, 1 a failure (reasons printed), 2 a usage error. */
export function buildProgram(): Command {
  const program = new Command('oscp')
    .description('OSCP partnership scorecard: demo data, ETL runs and scorecards from the command line.')
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride();
  for (const command of CLI_COMMANDS) command.register(program);
  // Subcommands inherit the exit override, so usage errors reach `run` instead of exiting.
  for (const command of program.commands) command.exitOverride();
  return program;
}

export async function runCli(argv: string[]): Promise<number> {
  const program = buildProgram();
  process.exitCode = undefined;
  try {
    await program.parseAsync(argv, { from: 'user' });
    const code = process.exitCode;
    return typeof code === 'number' ? code : EXIT_OK;
  } catch (error) {
    if (error instanceof CommanderError) {
      if (['commander.helpDisplayed', 'commander.help', 'commander.version'].includes(error.code))
        return EXIT_OK;
      return EXIT_USAGE;
    }
    if (!(error instanceof CliFailure)) process.stderr.write(`${describeCliError(error)}\n`);
    else process.stderr.write(`${error.message}\n`);
    return EXIT_FAILURE;
  }
}

/** Entry point of `bin/oscp.js` and of `node dist/cli/main.js`. */
export function runFromProcess(): void {
  void runCli(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}

if (require.main === module) runFromProcess();
