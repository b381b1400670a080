import { Module, type Provider } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { getRepositoryToken } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { describe, expect, it } from 'vitest';
import { AppConfig } from '../config/app-config';
import { TargetOverridesSource } from '../targets/target-overrides-source';
import { EtlRunEntity } from './etl-run.entity';
import { InboxIntake } from './inbox-intake';
import { PipelineService } from './pipeline.service';
import { RawFileRetention } from './raw-file-retention';
import { RunLock } from './run-lock';
import { SnapshotPublisher } from './snapshot-publisher';
import { SubmissionEntity } from './submission.entity';
import { ValidationRecorder } from './validation-recorder';

/** Every dependency of the pipeline but the targets, as empty stand-ins (nothing runs). */
const PARTS: Provider[] = [
  PipelineService,
  ...[
    AppConfig,
    DataSource,
    RunLock,
    InboxIntake,
    RawFileRetention,
    ValidationRecorder,
    SnapshotPublisher,
  ].map((token) => ({
    provide: token,
    useValue: {},
  })),
  { provide: getRepositoryToken(EtlRunEntity), useValue: {} },
  { provide: getRepositoryToken(SubmissionEntity), useValue: {} },
];

async function start(providers: Provider[]): Promise<PipelineService> {
  @Module({ providers })
  class Application {}
  const context = await NestFactory.createApplicationContext(Application, {
    logger: false,
    abortOnError: false,
  });
  try {
    return context.get(PipelineService);
  } finally {
    await context.close();
  }
}

describe('PipelineService wiring', () => {
  it('fails at start-up when no module provides the target changes, instead of building without them', async () => {
    await expect(start(PARTS)).rejects.toThrow(/TargetOverridesSource/);
  });

  it('starts when the targets feature provides them', async () => {
    const targets: TargetOverridesSource = { overridesForBuild: async () => [] };
    await expect(
      start([...PARTS, { provide: TargetOverridesSource, useValue: targets }]),
    ).resolves.toBeInstanceOf(PipelineService);
  });
});
