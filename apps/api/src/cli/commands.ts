import { briefingCommand } from './briefing.command';
import type { CliCommand } from './cli-command';
import { demoDataCommand } from './demo-data.command';
import { etlCommand } from './etl.command';
import { scorecardCommand } from './scorecard.command';
import { usersCommand } from './users.command';

/** Every `oscp` subcommand: one line each. */
export const CLI_COMMANDS: CliCommand[] = [
  demoDataCommand,
  etlCommand,
  scorecardCommand,
  briefingCommand,
  usersCommand,
];
