import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A submission's size and modification time in the inbox, so a run hashes only the files it has
 * not seen before (same path, size and modification time means the same file).
 */
export class SubmissionFileStat1765110000000 implements MigrationInterface {
  name = 'SubmissionFileStat1765110000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `alter table submission add column file_size double precision, add column file_modified_ms double precision`,
    );
    await queryRunner.query(
      `create index ix_submission_inbox_path_stat on submission (inbox_path, file_size, file_modified_ms)`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`drop index ix_submission_inbox_path_stat`);
    await queryRunner.query(`alter table submission drop column file_size, drop column file_modified_ms`);
  }
}
