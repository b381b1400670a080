import { PipelineTables1764576000000 } from './1764576000000-pipeline-tables';
import { UsersSessionsAudit1764590000000 } from './1764590000000-users-sessions-audit';
import { TargetOverrides1764600000000 } from './1764600000000-target-overrides';
import { SnapshotInputs1764620000000 } from './1764620000000-snapshot-inputs';
import { SubmissionFileStat1765110000000 } from './1765110000000-submission-file-stat';
import { FileChecksumsAndRetention1765111000000 } from './1765111000000-file-checksums-and-retention';

/**
 * Every migration, oldest first. Add a line here with each new migration file (explicit classes
 * rather than a glob, so the same list works compiled and under the test runner).
 */
export const MIGRATIONS = [
  PipelineTables1764576000000,
  UsersSessionsAudit1764590000000,
  TargetOverrides1764600000000,
  SnapshotInputs1764620000000,
  SubmissionFileStat1765110000000,
  FileChecksumsAndRetention1765111000000,
];
