import {
  BadRequestException,
  Body,
  Controller,
  HttpCode,
  Post,
  Req,
  UploadedFile,
  UseInterceptors,
} from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { ApiConsumes, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { CurrentUser, UploadAccepted } from '@oscp/contracts';
import { DATASETS } from '@oscp/etl';
import { rm } from 'node:fs/promises';
import { z } from 'zod';
import { AuditService } from '../audit/audit.service';
import { clientIp, SignedInUser, type AuthenticatedRequest } from '../auth/authenticated-request';
import { Roles } from '../auth/roles.decorator';
import { UploadLimitInterceptor } from './upload-limit.interceptor';
import { UploadService, type UploadedFile as UploadedExtract } from './upload.service';

const uploadBody = z.object({
  dataset: z.enum(DATASETS, { message: `must be one of ${DATASETS.join(', ')}` }),
  extractDate: z
    .string()
    .trim()
    .regex(/^\d{4}-\d{2}-\d{2}$/, { message: 'must be a date written YYYY-MM-DD' })
    .refine((value) => new Date(`${value}T00:00:00Z`).toISOString().startsWith(value), {
      message: 'must be a real calendar date',
    })
    .optional()
    .or(z.literal('').transform(() => undefined)),
});

@ApiTags('submissions')
@Roles('analyst')
@Controller('api/submissions')
export class SubmissionsController {
  constructor(
    private readonly uploads: UploadService,
    private readonly audit: AuditService,
  ) {}

  /** Multipart `dataset`, `file` (.csv or .xlsx) and optional `extractDate`; starts a run. */
  @Post()
  @HttpCode(202)
  @ApiConsumes('multipart/form-data')
  @ApiOperation({
    summary:
      'Upload an extract (`dataset`, `file`, optional `extractDate`): stored in the inbox and loaded by a run started at once',
  })
  @UseInterceptors(UploadLimitInterceptor, FileInterceptor('file'))
  async upload(
    @SignedInUser() actor: CurrentUser,
    @Req() request: AuthenticatedRequest,
    @UploadedFile() file: UploadedExtract | undefined,
    @Body() body: unknown,
  ): Promise<UploadAccepted> {
    const parsed = uploadBody.safeParse(body ?? {});
    const fields = parsed.success
      ? []
      : parsed.error.issues.map((issue) => ({
          field: issue.path.map(String).join('.') || '(body)',
          message: issue.message,
        }));
    if (!file) fields.push({ field: 'file', message: 'is required' });
    if (!parsed.success || !file) {
      if (file) await rm(file.path, { force: true });
      throw new BadRequestException({ statusCode: 400, message: 'Some values are not valid.', fields });
    }
    const stored = await this.uploads.accept(file, parsed.data.dataset, parsed.data.extractDate);
    await this.audit.record({
      actor,
      action: 'upload.received',
      target: `submission:${stored.submissionId}`,
      detail: {
        dataset: parsed.data.dataset,
        fileName: stored.fileName,
        bytes: file.size,
        runId: stored.runId,
      },
      ip: clientIp(request),
    });
    return { submissionId: stored.submissionId, runId: stored.runId };
  }
}
