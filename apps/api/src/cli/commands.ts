import type { CliCommand } from './cli-command';
import { demoDataCommand } from './demo-data.command';
import { scorecardCommand } from './scorecard.command';

/** Every `oscp` subcommand: one line each. */
export const CLI_COMMANDS: CliCommand[] = [demoDataCommand, scorecardCommand];
