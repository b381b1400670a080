import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { AuditService } from '../audit/audit.service';
import { AppConfig } from '../config/app-config';
import { RuntimeMode } from '../runtime-mode';
import { DEFAULT_ADMIN_EMAIL, generatePassword, writeInitialPasswordFile } from './first-admin';
import { UsersService } from './users.service';

/**
 * On the first start (no users at all) creates an administrator holding every role, so the demo
 * works end to end: from OSCP_ADMIN_EMAIL / OSCP_ADMIN_PASSWORD, or with a generated password
 * that is printed once to stdout (never to the JSON log) and written to
 * DATA_DIR/initial-admin-password.txt (mode 0600).
 */
@Injectable()
export class FirstAdminService implements OnApplicationBootstrap {
  private readonly logger = new Logger('FirstAdmin');

  constructor(
    private readonly users: UsersService,
    private readonly audit: AuditService,
    private readonly config: AppConfig,
    private readonly runtime: RuntimeMode,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    // The command line prints machine-readable output on stdout: only the server creates it.
    if (this.runtime.mode === 'server') await this.ensureFirstAdmin();
  }

  async ensureFirstAdmin(): Promise<void> {
    if ((await this.users.count()) > 0) return;
    const email = this.config.adminEmail ?? DEFAULT_ADMIN_EMAIL;
    const generated = this.config.adminPassword === null;
    const password = this.config.adminPassword ?? generatePassword();
    const created = await this.users.createFirstAdmin(email, password, 'Administrator');
    if (!created) return;
    await this.audit.record({
      actor: null,
      action: 'user.first-admin-created',
      target: `user:${created.id}`,
      detail: {
        email: created.email,
        roles: created.roles,
        credentialSource: generated ? 'generated' : 'environment',
      },
    });
    this.logger.log({ userId: created.id, passwordGenerated: generated }, 'First administrator created');
    if (generated) {
      const file = writeInitialPasswordFile(this.config.dataDir, created.email, password);
      process.stdout.write(
        `\nFirst administrator created.\n  Email:    ${created.email}\n  Password: ${password}\n` +
          `This password is shown once and saved in ${file} (readable by this user only).\n` +
          'Sign in, set a new password, and delete that file.\n\n',
      );
    }
  }
}
