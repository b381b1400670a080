import { randomUUID } from 'node:crypto';
import { constants } from 'node:fs';
import { copyFile, mkdir, open, readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { BadRequestException, ConflictException, Injectable } from '@nestjs/common';
import type { UploadAccepted } from '@oscp/contracts';
import type { InputDataset, InputFormat } from '@oscp/etl';
import { AppConfig, todayFor } from '../config/app-config';
import { dataPath } from './data-folders';
import { makePrivate, PRIVATE_FOLDER_MODE } from './raw-file-retention';
import { PipelineService } from './pipeline.service';
import { RunAlreadyRunningError } from './run-lock';

/** The answer, and the name the file was given in the inbox. */
export interface StoredUpload extends UploadAccepted {
  fileName: string;
}

export interface UploadedFile {
  /** Where multer stored it (a random name in `DATA_DIR/uploads`). */
  path: string;
  originalname: string;
  size: number;
}

/**
 * An uploaded extract goes into the inbox as `<dataset>/<dataset>_<YYYYMMDD>_upload<n>.<ext>`
 * (the client's file name is never used as a path: only its extension is read) and starts a run.
 */
@Injectable()
export class UploadService {
  constructor(
    private readonly config: AppConfig,
    private readonly pipeline: PipelineService,
  ) {}

  async accept(
    file: UploadedFile,
    dataset: InputDataset,
    extractDate: string | undefined,
    uploader: { id: string; email: string },
  ): Promise<StoredUpload> {
    try {
      const format = formatOf(file.originalname, dataset);
      await assertContentMatches(file.path, format);
      const date = (extractDate ?? todayFor(this.config)).replaceAll('-', '');
      const folder = join(dataPath(this.config.dataDir, 'inbox'), dataset);
      await mkdir(folder, { recursive: true, mode: PRIVATE_FOLDER_MODE });
      const fileName = await this.placeInInbox(file.path, folder, `${dataset}_${date}_upload`, format);
      const submissionId = randomUUID();
      try {
        const started = await this.pipeline.start('upload', {
          submissionIds: new Map([[`${dataset}/${fileName}`, submissionId]]),
          uploads: new Map([
            [
              `${dataset}/${fileName}`,
              {
                originalFileName: displayFileName(file.originalname),
                uploadedById: uploader.id,
                uploadedBy: uploader.email,
              },
            ],
          ]),
        });
        return { submissionId, runId: started.runId, fileName };
      } catch (error) {
        // Not queued: take the file back out so the answer and the inbox agree.
        await rm(join(folder, fileName), { force: true });
        if (error instanceof RunAlreadyRunningError) {
          throw new ConflictException(
            'An ETL run is already running. Upload the file again when it has finished.',
          );
        }
        throw error;
      }
    } finally {
      await rm(file.path, { force: true });
    }
  }

  /** Copies to the first free `<prefix><n>.<ext>`, never overwriting. */
  private async placeInInbox(
    source: string,
    folder: string,
    prefix: string,
    format: InputFormat,
  ): Promise<string> {
    const taken = (await readdir(folder)).filter((name) => name.startsWith(prefix));
    let n = taken.reduce((max, name) => Math.max(max, Number(/_upload(\d+)\./.exec(name)?.[1] ?? 0)), 0) + 1;
    for (;;) {
      const fileName = `${prefix}${n}.${format}`;
      try {
        await copyFile(source, join(folder, fileName), constants.COPYFILE_EXCL);
        await makePrivate(join(folder, fileName));
        return fileName;
      } catch (error) {
        if (!(error instanceof Error && 'code' in error && error.code === 'EEXIST')) throw error;
        n += 1;
      }
    }
  }
}

/**
 * The uploader's own file name, kept only to be shown (escaped by whoever shows it); a folder
 * part a browser sent is dropped, control characters removed, at most 255 characters.
 */
export function displayFileName(originalName: string): string {
  const lastPart = originalName.replace(/\\/g, '/').split('/').pop() ?? '';
  // eslint-disable-next-line no-control-regex -- removing control characters is the point
  const cleaned = lastPart.replace(/[\u0000-\u001f\u007f]/g, '').trim();
  return (cleaned === '' ? 'upload' : cleaned).slice(0, 255);
}

function formatOf(originalName: string, dataset: InputDataset): InputFormat {
  if (dataset === 'cin_census') {
    if (/\.xml$/i.test(originalName.trim())) return 'xml';
    throw new BadRequestException({
      statusCode: 400,
      message: 'The children in need census is uploaded as its .xml file.',
      fields: [{ field: 'file', message: 'must be the census .xml file' }],
    });
  }
  const match = /\.(csv|xlsx)$/i.exec(originalName.trim());
  if (!match?.[1]) {
    throw new BadRequestException({
      statusCode: 400,
      message: 'Only .csv and .xlsx files can be uploaded.',
      fields: [{ field: 'file', message: 'must be a .csv or .xlsx file' }],
    });
  }
  return match[1].toLowerCase() as 'csv' | 'xlsx';
}

/** An .xlsx is a zip file; a CSV or XML file is text (no NUL bytes in its first block). */
async function assertContentMatches(path: string, format: InputFormat): Promise<void> {
  const handle = await open(path, 'r');
  try {
    const buffer = Buffer.alloc(4096);
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
    const head = buffer.subarray(0, bytesRead);
    const zip =
      head.length >= 4 && head[0] === 0x50 && head[1] === 0x4b && head[2] === 0x03 && head[3] === 0x04;
    const ok = format === 'xlsx' ? zip : !head.includes(0);
    if (!ok) {
      const expected =
        format === 'xlsx'
          ? 'an Excel workbook (.xlsx)'
          : format === 'xml'
            ? 'a text XML file'
            : 'a text CSV file';
      throw new BadRequestException({
        statusCode: 400,
        message: `The file is not ${expected}.`,
        fields: [{ field: 'file', message: `must be ${expected}` }],
      });
    }
  } finally {
    await handle.close();
  }
}
