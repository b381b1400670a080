import { Body, Controller, HttpCode, Post, Req, UploadedFile, UseInterceptors } from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express/multer';
import { ApiAcceptedResponse, ApiBody, ApiConsumes, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { CurrentUser, UploadAccepted } from '@oscp/contracts';
import { INPUT_DATASETS } from '@oscp/etl';
import { rm } from 'node:fs/promises';
import { z } from 'zod';
import { AuditService } from '../audit/audit.service';
import { clientIp, SignedInUser, type AuthenticatedRequest } from '../auth/authenticated-request';
import { Roles } from '../auth/roles.decorator';
import { openApiSchema } from '../docs/zod-openapi';
import { badRequest, fieldErrors } from '../http/zod-validation.pipe';
import { uploadAcceptedResponse } from './pipeline.openapi';
import { UploadLimitInterceptor } from './upload-limit.interceptor';
import { displayFileName, UploadService, type UploadedFile as UploadedExtract } from './upload.service';

const uploadBody = z.object({
  dataset: z.enum(INPUT_DATASETS, { message: `must be one of ${INPUT_DATASETS.join(', ')}` }),
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

/** The multipart form: the checked fields plus the file itself. */
const uploadForm = openApiSchema(uploadBody);
uploadForm.properties = {
  ...uploadForm.properties,
  file: { type: 'string', format: 'binary', description: '.csv or .xlsx; .xml for cin_census' },
};
uploadForm.required = [...(uploadForm.required ?? []), 'file'];

@ApiTags('submissions')
@Roles('analyst')
@Controller('api/submissions')
export class SubmissionsController {
  constructor(
    private readonly uploads: UploadService,
    private readonly audit: AuditService,
  ) {}

  /** Multipart `dataset`, `file` (.csv or .xlsx; .xml for `cin_census`) and optional `extractDate`; starts a run. */
  @Post()
  @HttpCode(202)
  @ApiConsumes('multipart/form-data')
  @ApiOperation({
    summary:
      'Upload an extract (`dataset`, `file`, optional `extractDate`): stored in the inbox and loaded by a run started at once',
  })
  @ApiBody({ schema: uploadForm })
  @ApiAcceptedResponse({ schema: openApiSchema(uploadAcceptedResponse, 'output') })
  @UseInterceptors(UploadLimitInterceptor, FileInterceptor('file'))
  async upload(
    @SignedInUser() actor: CurrentUser,
    @Req() request: AuthenticatedRequest,
    @UploadedFile() file: UploadedExtract | undefined,
    @Body() body: unknown,
  ): Promise<UploadAccepted> {
    // Multipart: the file and the fields are checked together, so one 400 names every problem
    // (the same field errors and 400 as ZodBody, with the missing file added).
    const parsed = uploadBody.safeParse(body ?? {});
    const fields = parsed.success ? [] : fieldErrors(parsed.error, 'body');
    if (!file) fields.push({ field: 'file', message: 'is required' });
    if (!parsed.success || !file) {
      if (file) await rm(file.path, { force: true });
      throw badRequest(fields, 'body');
    }
    const stored = await this.uploads.accept(file, parsed.data.dataset, parsed.data.extractDate, {
      id: actor.id,
      email: actor.email,
    });
    await this.audit.record({
      actor,
      action: 'upload.received',
      target: `submission:${stored.submissionId}`,
      detail: {
        dataset: parsed.data.dataset,
        fileName: stored.fileName,
        originalFileName: displayFileName(file.originalname),
        bytes: file.size,
        runId: stored.runId,
      },
      ip: clientIp(request),
    });
    return { submissionId: stored.submissionId, runId: stored.runId };
  }
}
