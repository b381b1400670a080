import { Module } from '@nestjs/common';
import { MulterModule } from '@nestjs/platform-express/multer';
import { AppConfig } from '../config/app-config';
import { dataPath } from './data-folders';
import { PipelineModule } from './pipeline.module';
import { RunsController } from './runs.controller';
import { SubmissionsController } from './submissions.controller';
import { UploadService } from './upload.service';

/**
 * The pipeline's routes: run history, starting a run, uploads (multer, into the data folder's
 * `uploads`). The server imports this module, a command only `PipelineModule` (see
 * `cli/command-modules.ts`).
 */
@Module({
  imports: [
    PipelineModule,
    MulterModule.registerAsync({
      inject: [AppConfig],
      useFactory: (config: AppConfig) => ({
        dest: dataPath(config.dataDir, 'uploads'),
        limits: { fileSize: config.uploadMaxMb * 1024 * 1024, files: 1, fields: 10, fieldSize: 1024 },
      }),
    }),
  ],
  controllers: [RunsController, SubmissionsController],
  providers: [UploadService],
})
export class PipelineHttpModule {}
