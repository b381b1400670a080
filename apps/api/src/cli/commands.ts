import type { CliCommand } from './cli-command';
import { demoDataCommand } from './demo-data.command';

/** Every `oscp` subcommand: one line each. */
export const CLI_COMMANDS: CliCommand[] = [demoDataCommand];
