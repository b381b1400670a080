import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Managers' sign-offs of a quarter on one published snapshot. A withdrawal keeps the row (who,
 * when, why); at most one sign-off of a quarter is in force at a time.
 */
export class QuarterSignoffs1765130000000 implements MigrationInterface {
  name = 'QuarterSignoffs1765130000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      create table quarter_signoff (
        id uuid primary key default gen_random_uuid(),
        period text not null,
        snapshot_id uuid not null references snapshot (id),
        note text,
        signed_off_by_id uuid,
        signed_off_by text not null,
        signed_off_at timestamptz not null default now(),
        withdrawn_at timestamptz,
        withdrawn_by text,
        withdrawn_reason text,
        constraint ck_quarter_signoff_period check (period ~ '^[0-9]{4}-[0-9]{2} Q[1-4]$'),
        constraint ck_quarter_signoff_withdrawal check (
          (withdrawn_at is null and withdrawn_by is null and withdrawn_reason is null)
          or (withdrawn_at is not null and withdrawn_by is not null and length(btrim(withdrawn_reason)) > 0)
        )
      )`);
    await queryRunner.query(
      `create unique index ux_quarter_signoff_in_force on quarter_signoff (period) where withdrawn_at is null`,
    );
    await queryRunner.query(`create index ix_quarter_signoff_snapshot on quarter_signoff (snapshot_id)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`drop table quarter_signoff`);
  }
}
