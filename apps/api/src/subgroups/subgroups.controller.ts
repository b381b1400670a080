import { Controller, Get, Patch, Post, Req } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { CurrentUser, Subgroup } from '@oscp/contracts';
import { AuditService } from '../audit/audit.service';
import { clientIp, SignedInUser, type AuthenticatedRequest } from '../auth/authenticated-request';
import { Roles } from '../auth/roles.decorator';
import { openApiSchema } from '../docs/zod-openapi';
import { ZodBody, ZodParam } from '../http/zod-request';
import {
  createSubgroupSchema,
  subgroupIdSchema,
  updateSubgroupSchema,
  type CreateSubgroupBody,
  type UpdateSubgroupBody,
} from './subgroups.dto';
import { subgroupListResponse, subgroupResponse } from './subgroups.openapi';
import { SubgroupsService } from './subgroups.service';

@ApiTags('subgroups')
@Controller('api/subgroups')
export class SubgroupsController {
  constructor(
    private readonly subgroups: SubgroupsService,
    private readonly audit: AuditService,
  ) {}

  @Get()
  @Roles('viewer')
  @ApiOperation({ summary: 'The partnership subgroups and the indicators each owns.' })
  @ApiOkResponse({ schema: openApiSchema(subgroupListResponse, 'output') })
  list(): Promise<Subgroup[]> {
    return this.subgroups.list();
  }

  @Post()
  @Roles('admin')
  @ApiOperation({ summary: 'Add a subgroup (admin; audited).' })
  @ApiOkResponse({ schema: openApiSchema(subgroupResponse, 'output') })
  async create(
    @SignedInUser() actor: CurrentUser,
    @Req() request: AuthenticatedRequest,
    @ZodBody(createSubgroupSchema) body: CreateSubgroupBody,
  ): Promise<Subgroup> {
    const subgroup = await this.subgroups.create(body);
    await this.audit.record({
      actor,
      action: 'subgroup.created',
      target: `subgroup:${subgroup.id}`,
      detail: { name: subgroup.name, indicatorCodes: subgroup.indicatorCodes },
      ip: clientIp(request),
    });
    return subgroup;
  }

  @Patch(':id')
  @Roles('admin')
  @ApiOperation({ summary: 'Rename, retire or reassign the indicators of a subgroup (admin; audited).' })
  @ApiOkResponse({ schema: openApiSchema(subgroupResponse, 'output') })
  async update(
    @SignedInUser() actor: CurrentUser,
    @Req() request: AuthenticatedRequest,
    @ZodParam('id', subgroupIdSchema) id: string,
    @ZodBody(updateSubgroupSchema) body: UpdateSubgroupBody,
  ): Promise<Subgroup> {
    const { subgroup, changed } = await this.subgroups.update(id, body);
    if (changed.length > 0) {
      await this.audit.record({
        actor,
        action: 'subgroup.updated',
        target: `subgroup:${id}`,
        detail: {
          changed,
          name: subgroup.name,
          indicatorCodes: subgroup.indicatorCodes,
          retired: subgroup.retired,
        },
        ip: clientIp(request),
      });
    }
    return subgroup;
  }
}
