import type { Command } from 'commander';
import { CliFailure, withAppContext, type CliCommand } from './cli-command';
import { usersModule } from './command-modules';

/**
 * `oscp users reset-password --email <email>`: the way back in when the only administrator has
 * forgotten the password or is locked out (the Users page is the usual way). Prints a generated
 * password once; clears the lockout and ends the account's sessions.
 * `oscp users grant-admin --email <email>`: makes an account an enabled administrator.
 */
export const usersCommand: CliCommand = {
  register(program: Command): void {
    const users = program
      .command('users')
      .description('User accounts, for recovery (day to day: the Users page).');
    users
      .command('reset-password')
      .description(
        'Give an account a new generated password (printed once), clear its lockout and end its sessions.',
      )
      .requiredOption('--email <email>', 'the account to reset')
      .option('--enable', 'also re-enable the account if it was disabled')
      .option('--data-dir <dir>', 'data folder (default DATA_DIR)')
      .exitOverride()
      .action(async (options: { email: string; enable?: boolean; dataDir?: string }) => {
        await withAppContext({ dataDir: options.dataDir }, usersModule, async (context) => {
          const [{ AuditService }, { generatePassword }, { UsersService }] = await Promise.all([
            import('../audit/audit.service.js'),
            import('../users/first-admin.js'),
            import('../users/users.service.js'),
          ]);
          const accounts = context.get(UsersService);
          const user = await accounts.findByEmail(options.email);
          if (!user) throw new CliFailure(`No account has the email address ${options.email.trim()}.`);
          const password = generatePassword();
          const { sessionsEnded } = await accounts.resetPassword(user.id, password);
          const enabled = options.enable === true && user.disabled;
          if (enabled) await accounts.update(user.id, { disabled: false }, user.id);
          await context.get(AuditService).record({
            actor: null,
            action: 'user.password-reset',
            target: `user:${user.id}`,
            detail: { via: 'command line', sessionsEnded, enabled },
          });
          process.stdout.write(
            `New password for ${user.email}: ${password}\nIt is shown once. Sign in and change it on the Users page.\n`,
          );
        });
      });
    users
      .command('grant-admin')
      .description(
        'Give an account the administrator role and enable it (when no one can manage users any more).',
      )
      .requiredOption('--email <email>', 'the account to make an administrator')
      .option('--data-dir <dir>', 'data folder (default DATA_DIR)')
      .exitOverride()
      .action(async (options: { email: string; dataDir?: string }) => {
        await withAppContext({ dataDir: options.dataDir }, usersModule, async (context) => {
          const [{ AuditService }, { UsersService }] = await Promise.all([
            import('../audit/audit.service.js'),
            import('../users/users.service.js'),
          ]);
          const granted = await context.get(UsersService).grantAdmin(options.email);
          if (!granted) throw new CliFailure(`No account has the email address ${options.email.trim()}.`);
          await context.get(AuditService).record({
            actor: null,
            action: 'user.admin-granted',
            target: `user:${granted.user.id}`,
            detail: { via: 'command line', changed: granted.changed },
          });
          process.stdout.write(
            granted.changed.length === 0
              ? `${granted.user.email} is already an enabled administrator.\n`
              : `${granted.user.email} is now an enabled administrator.\n`,
          );
        });
      });
  },
};
