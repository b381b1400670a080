import { Controller, Get, HttpCode, Patch, Post, Req } from '@nestjs/common';
import { ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { CurrentUser, Page, UserSummary } from '@oscp/contracts';
import { AuditService } from '../audit/audit.service';
import { clientIp, SignedInUser, type AuthenticatedRequest } from '../auth/authenticated-request';
import { Roles } from '../auth/roles.decorator';
import { openApiSchema } from '../docs/zod-openapi';
import { ZodBody, ZodParam, ZodQuery } from '../http/zod-request';
import {
  createUserSchema,
  listUsersQuerySchema,
  resetPasswordSchema,
  updateUserSchema,
  userIdSchema,
  type CreateUserBody,
  type ListUsersQuery,
  type ResetPasswordBody,
  type UpdateUserBody,
} from './users.dto';
import { UsersService } from './users.service';
import { toUserSummary } from './user-view';
import { userListResponse, userSummaryResponse } from './users.openapi';

@ApiTags('users')
@Roles('admin')
@Controller('api/users')
export class UsersController {
  constructor(
    private readonly users: UsersService,
    private readonly audit: AuditService,
  ) {}

  @Get()
  @ApiOperation({ summary: 'Users, filtered by text, role or disabled (admin).' })
  @ApiOkResponse({ schema: openApiSchema(userListResponse, 'output') })
  list(@ZodQuery(listUsersQuerySchema) query: ListUsersQuery): Promise<Page<UserSummary>> {
    return this.users.list(query);
  }

  @Get(':id')
  @ApiOperation({ summary: 'One user, whoever it is, for the edit form (admin).' })
  @ApiOkResponse({ schema: openApiSchema(userSummaryResponse, 'output') })
  async one(@ZodParam('id', userIdSchema) id: string): Promise<UserSummary> {
    return toUserSummary(await this.users.get(id));
  }

  @Post()
  @ApiOperation({ summary: 'Create a user with a first password (admin).' })
  @ApiOkResponse({ schema: openApiSchema(userSummaryResponse, 'output') })
  async create(
    @SignedInUser() actor: CurrentUser,
    @Req() request: AuthenticatedRequest,
    @ZodBody(createUserSchema) body: CreateUserBody,
  ): Promise<UserSummary> {
    const user = await this.users.create(body);
    await this.audit.record({
      actor,
      action: 'user.created',
      target: `user:${user.id}`,
      detail: { email: user.email, roles: user.roles, agency: user.agency, subgroups: user.subgroups },
      ip: clientIp(request),
    });
    return user;
  }

  @Patch(':id')
  @ApiOperation({ summary: 'Change roles, agency, subgroups, name, or disable a user (admin).' })
  @ApiOkResponse({ schema: openApiSchema(userSummaryResponse, 'output') })
  async update(
    @SignedInUser() actor: CurrentUser,
    @Req() request: AuthenticatedRequest,
    @ZodParam('id', userIdSchema) id: string,
    @ZodBody(updateUserSchema) body: UpdateUserBody,
  ): Promise<UserSummary> {
    const change = await this.users.update(id, body, actor.id);
    if (change.changed.length > 0) {
      await this.audit.record({
        actor,
        action: 'user.updated',
        target: `user:${id}`,
        detail: {
          changed: change.changed,
          roles: change.user.roles,
          agency: change.user.agency,
          subgroups: change.user.subgroups,
          disabled: change.user.disabled,
          sessionsEnded: change.sessionsEnded,
        },
        ip: clientIp(request),
      });
    }
    return change.user;
  }

  @Post(':id/password')
  @HttpCode(204)
  @ApiOperation({ summary: "Set a user's password (admin); signs that user out everywhere." })
  @ApiNoContentResponse({ description: 'password set' })
  async resetPassword(
    @SignedInUser() actor: CurrentUser,
    @Req() request: AuthenticatedRequest,
    @ZodParam('id', userIdSchema) id: string,
    @ZodBody(resetPasswordSchema) body: ResetPasswordBody,
  ): Promise<void> {
    const result = await this.users.resetPassword(id, body.password);
    await this.audit.record({
      actor,
      action: 'user.password-reset',
      target: `user:${id}`,
      detail: { sessionsEnded: result.sessionsEnded },
      ip: clientIp(request),
    });
  }
}
