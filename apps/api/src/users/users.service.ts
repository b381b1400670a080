import { BadRequestException, ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Page, UserSummary } from '@oscp/contracts';
import { Repository, type EntityManager } from 'typeorm';
import { normaliseRoles } from '../auth/access-policy';
import { hashPassword } from '../auth/password-hasher';
import { assertAcceptablePassword } from '../auth/password-policy';
import { SessionService } from '../auth/session.service';
import { SubgroupsService } from '../subgroups/subgroups.service';
import type { CreateUserBody, ListUsersQuery, UpdateUserBody } from './users.dto';
import { UserEntity } from './user.entity';
import { normaliseEmail, toUserSummary } from './user-view';

/** What changed, for the audit log: field names and roles, never a password. */
export interface UserChange {
  user: UserSummary;
  changed: string[];
  sessionsEnded: number;
}

@Injectable()
export class UsersService {
  constructor(
    @InjectRepository(UserEntity) private readonly users: Repository<UserEntity>,
    private readonly sessions: SessionService,
    private readonly subgroupList: SubgroupsService,
  ) {}

  async list(query: ListUsersQuery): Promise<Page<UserSummary>> {
    const builder = this.users
      .createQueryBuilder('u')
      .orderBy('u.email', 'ASC')
      .take(query.limit)
      .skip(query.offset);
    if (query.q) {
      builder.andWhere('(u.email ilike :q or u.displayName ilike :q)', {
        q: `%${query.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`,
      });
    }
    if (query.role) builder.andWhere(':role = any(u.roles)', { role: query.role });
    if (query.disabled !== undefined)
      builder.andWhere('u.disabled = :disabled', { disabled: query.disabled });
    const [rows, total] = await builder.getManyAndCount();
    return { items: rows.map(toUserSummary), total, limit: query.limit, offset: query.offset };
  }

  async count(): Promise<number> {
    return this.users.count();
  }

  /** A user's agency must be one in the agencies table that is not retired. */
  private async assertAgency(code: string | null): Promise<void> {
    if (code === null) return;
    const rows: unknown[] = await this.users.manager.query(
      'select 1 from agency where code = $1 and not retired',
      [code],
    );
    if (rows.length === 0) {
      throw new BadRequestException({
        statusCode: 400,
        message: 'Some values are not valid.',
        fields: [
          { field: 'agency', message: `must be one of the agencies (${code} is not one, or is retired)` },
        ],
      });
    }
  }

  async create(body: CreateUserBody): Promise<UserSummary> {
    await this.assertAgency(body.agency);
    const email = normaliseEmail(body.email);
    if (await this.users.exist({ where: { email } }))
      throw new ConflictException('A user with this email address already exists.');
    assertAcceptablePassword(body.password, email);
    const saved = await this.users.save(
      this.users.create({
        email,
        displayName: body.displayName,
        passwordHash: await hashPassword(body.password),
        roles: normaliseRoles(body.roles),
        agency: body.agency,
        subgroups: await this.subgroupList.requireIds(body.subgroups),
        disabled: false,
      }),
    );
    return toUserSummary(await this.get(saved.id));
  }

  async update(id: string, body: UpdateUserBody, actingUserId: string): Promise<UserChange> {
    // Checked before the transaction: with the embedded database's single connection a second
    // query outside the transaction would wait for it.
    if (body.agency !== undefined) await this.assertAgency(body.agency);
    const nextSubgroups =
      body.subgroups !== undefined ? await this.subgroupList.requireIds(body.subgroups) : undefined;
    const changed = await this.users.manager.transaction(async (manager) => {
      // Every change that could remove an administrator takes one lock and re-reads the admins
      // inside it, so two admins demoting each other at once cannot both pass the check.
      if (body.roles !== undefined || body.disabled !== undefined)
        await manager.query(`select pg_advisory_xact_lock(hashtext('oscp:admins'))`);
      const user = await manager.findOne(UserEntity, { where: { id } });
      if (!user) throw new NotFoundException('No such user.');
      const fields: string[] = [];
      if (body.displayName !== undefined && body.displayName !== user.displayName) {
        user.displayName = body.displayName;
        fields.push('displayName');
      }
      if (body.roles !== undefined) {
        const roles = normaliseRoles(body.roles);
        if (roles.join() !== normaliseRoles(user.roles).join()) {
          if (!roles.includes('admin')) await refuseRemovingLastAdmin(manager, user, actingUserId);
          user.roles = roles;
          fields.push('roles');
        }
      }
      if (body.agency !== undefined && body.agency !== user.agency) {
        user.agency = body.agency;
        fields.push('agency');
      }
      if (nextSubgroups !== undefined) {
        const next = nextSubgroups;
        if (next.join('\n') !== user.subgroups.join('\n')) {
          user.subgroups = next;
          fields.push('subgroups');
        }
      }
      if (body.disabled !== undefined && body.disabled !== user.disabled) {
        if (body.disabled) await refuseRemovingLastAdmin(manager, user, actingUserId);
        user.disabled = body.disabled;
        fields.push('disabled');
      }
      if (fields.length > 0) await manager.save(UserEntity, user);
      return fields;
    });
    const sessionsEnded =
      body.disabled === true && changed.includes('disabled') ? await this.sessions.endAllFor(id) : 0;
    // Sessions carry the user's roles, agency and subgroups: checked afresh from the next request.
    if (changed.length > 0) await this.sessions.forgetUser(id);
    return { user: toUserSummary(await this.get(id)), changed, sessionsEnded };
  }

  /**
   * Gives an account the administrator role and enables it (the server's shell, when no one can
   * sign in as an administrator). Returns the account, or null when no account has that email.
   */
  async grantAdmin(email: string): Promise<{ user: UserSummary; changed: string[] } | null> {
    const granted = await this.users.manager.transaction(async (manager) => {
      await manager.query(`select pg_advisory_xact_lock(hashtext('oscp:admins'))`);
      const user = await manager.findOne(UserEntity, { where: { email: normaliseEmail(email) } });
      if (!user) return null;
      const changed: string[] = [];
      const roles = normaliseRoles([...user.roles, 'admin']);
      if (roles.join() !== normaliseRoles(user.roles).join()) {
        user.roles = roles;
        changed.push('roles');
      }
      if (user.disabled) {
        user.disabled = false;
        changed.push('disabled');
      }
      if (changed.length > 0) await manager.save(UserEntity, user);
      return { user: toUserSummary(user), changed };
    });
    if (granted?.changed.length) await this.sessions.forgetUser(granted.user.id);
    return granted;
  }

  /** Sets a new password, clears any lockout and ends every session of that user. */
  async resetPassword(id: string, password: string): Promise<{ user: UserSummary; sessionsEnded: number }> {
    const user = await this.get(id);
    assertAcceptablePassword(password, user.email);
    await this.users.update(
      { id: user.id },
      { passwordHash: await hashPassword(password), failedSignIns: 0, lockedUntil: null },
    );
    const sessionsEnded = await this.sessions.endAllFor(user.id);
    return { user: toUserSummary(user), sessionsEnded };
  }

  async findByEmail(email: string): Promise<UserEntity | null> {
    return this.users.findOne({ where: { email: normaliseEmail(email) } });
  }

  async get(id: string): Promise<UserEntity> {
    const user = await this.users.findOne({ where: { id } });
    if (!user) throw new NotFoundException('No such user.');
    return user;
  }

  /** Creates the first user as an administrator with every role, unless a user exists already. */
  async createFirstAdmin(email: string, password: string, displayName: string): Promise<UserSummary | null> {
    return this.users.manager.transaction(async (manager) => {
      // Two replicas starting together must not both create the first admin.
      await manager.query(`select pg_advisory_xact_lock(hashtext('oscp:first-admin'))`);
      if ((await manager.count(UserEntity)) > 0) return null;
      const saved = await manager.save(
        manager.create(UserEntity, {
          email: normaliseEmail(email),
          displayName,
          passwordHash: await hashPassword(password),
          roles: normaliseRoles(['viewer', 'chair', 'manager', 'analyst', 'admin']),
          agency: null,
          subgroups: [],
          disabled: false,
        }),
      );
      const created = await manager.findOneOrFail(UserEntity, { where: { id: saved.id } });
      return toUserSummary(created);
    });
  }
}

/**
 * The product must keep at least one enabled administrator, or nobody can manage users. Called
 * inside the transaction that holds the `oscp:admins` lock.
 */
async function refuseRemovingLastAdmin(
  manager: EntityManager,
  user: UserEntity,
  actingUserId: string,
): Promise<void> {
  if (!user.roles.includes('admin') || user.disabled) return;
  const otherAdmins = await manager
    .createQueryBuilder(UserEntity, 'u')
    .where(`'admin' = any(u.roles)`)
    .andWhere('u.disabled = false')
    .andWhere('u.id <> :id', { id: user.id })
    .getCount();
  if (otherAdmins === 0) {
    const who = user.id === actingUserId ? 'yourself' : 'this user';
    throw new ConflictException(
      `You cannot remove the administrator role from, or disable, ${who}: it is the only enabled administrator.`,
    );
  }
}
