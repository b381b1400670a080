import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A snapshot file's SHA-256, taken when it is published and checked when it is opened; and when
 * a submission's raw file (inbox copy and stored copy) was deleted under the retention rule.
 */
export class FileChecksumsAndRetention1765111000000 implements MigrationInterface {
  name = 'FileChecksumsAndRetention1765111000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`alter table snapshot add column file_sha256 char(64)`);
    await queryRunner.query(`alter table submission add column raw_removed_at timestamptz`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`alter table submission drop column raw_removed_at`);
    await queryRunner.query(`alter table snapshot drop column file_sha256`);
  }
}
