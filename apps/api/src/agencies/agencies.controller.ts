import { Controller, Get, Patch, Post, Req } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import type { Agency, CurrentUser } from '@oscp/contracts';
import { clientIp, SignedInUser, type AuthenticatedRequest } from '../auth/authenticated-request';
import { Roles } from '../auth/roles.decorator';
import { openApiSchema } from '../docs/zod-openapi';
import { agencyResponse } from '../partner-returns/partner-returns.openapi';
import { ZodBody, ZodParam } from '../http/zod-request';
import {
  agencyCodeParam,
  createAgencySchema,
  updateAgencySchema,
  type CreateAgencyBody,
  type UpdateAgencyBody,
} from './agencies.dto';
import { AgenciesService } from './agencies.service';

/** Contacts are for reminders: administrators and analysts see them, others do not. */
function forViewer(agency: Agency, user: CurrentUser): Agency {
  const seesContacts = user.roles.includes('admin') || user.roles.includes('analyst');
  return seesContacts ? agency : { ...agency, contactEmail: null };
}

@ApiTags('agencies')
@Controller('api/agencies')
export class AgenciesController {
  constructor(private readonly agencies: AgenciesService) {}

  @Get()
  @Roles('viewer')
  @ApiOperation({
    summary: 'Every agency (code, name, type, partner-return due days; contacts for admins and analysts)',
  })
  @ApiOkResponse({ schema: openApiSchema(z.array(agencyResponse), 'output') })
  async list(@SignedInUser() user: CurrentUser): Promise<Agency[]> {
    return (await this.agencies.list()).map((agency) => forViewer(agency, user));
  }

  @Post()
  @Roles('admin')
  @ApiOperation({ summary: 'Add an agency (admin; audited)' })
  @ApiOkResponse({ schema: openApiSchema(agencyResponse, 'output') })
  create(
    @SignedInUser() actor: CurrentUser,
    @Req() request: AuthenticatedRequest,
    @ZodBody(createAgencySchema) body: CreateAgencyBody,
  ): Promise<Agency> {
    return this.agencies.create(body, actor, clientIp(request));
  }

  @Patch(':code')
  @Roles('admin')
  @ApiOperation({
    summary:
      'Change an agency: name, type, partner-return due days, reminder contact, retired (admin; audited)',
  })
  @ApiOkResponse({ schema: openApiSchema(agencyResponse, 'output') })
  update(
    @SignedInUser() actor: CurrentUser,
    @Req() request: AuthenticatedRequest,
    @ZodParam('code', agencyCodeParam) code: string,
    @ZodBody(updateAgencySchema) body: UpdateAgencyBody,
  ): Promise<Agency> {
    return this.agencies.update(code, body, actor, clientIp(request));
  }
}
