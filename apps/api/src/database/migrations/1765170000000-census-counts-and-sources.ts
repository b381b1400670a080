import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A CIN census file's accepted children and records by kind (the data page lists them), and a
 * run's record of which kind of file (census or extract) fed each dataset's quarter.
 */
export class CensusCountsAndSources1765170000000 implements MigrationInterface {
  name = 'CensusCountsAndSources1765170000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`alter table submission add column record_counts jsonb`);
    await queryRunner.query(`alter table etl_run add column sources_by_quarter jsonb`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`alter table etl_run drop column sources_by_quarter`);
    await queryRunner.query(`alter table submission drop column record_counts`);
  }
}
