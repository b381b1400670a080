import type { MigrationInterface, QueryRunner } from 'typeorm';

/** What a snapshot was built from (a SHA-256 of its inputs), so a run can tell whether anything changed. */
export class SnapshotInputs1764620000000 implements MigrationInterface {
  name = 'SnapshotInputs1764620000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`alter table snapshot add column inputs_sha256 char(64)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`alter table snapshot drop column inputs_sha256`);
  }
}
