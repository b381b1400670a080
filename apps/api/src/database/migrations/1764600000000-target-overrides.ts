import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Analysts' target changes. Append-only history: a change adds a row and the latest row for a
 * code and financial year wins, so who changed what, when and why is never lost.
 */
export class TargetOverrides1764600000000 implements MigrationInterface {
  name = 'TargetOverrides1764600000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      create table target_override (
        id uuid primary key default gen_random_uuid(),
        seq bigint generated always as identity,
        code text not null,
        financial_year text not null,
        target jsonb not null,
        tolerance double precision not null,
        reason text not null,
        created_by_id uuid,
        created_by text not null,
        created_at timestamptz not null default now(),
        constraint ck_target_override_financial_year check (financial_year ~ '^[0-9]{4}-[0-9]{2}$'),
        constraint ck_target_override_tolerance check (tolerance >= 0),
        constraint ck_target_override_reason check (length(btrim(reason)) > 0)
      )`);
    await queryRunner.query(`create unique index ux_target_override_seq on target_override (seq)`);
    await queryRunner.query(
      `create index ix_target_override_code_year on target_override (code, financial_year, seq)`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`drop table target_override`);
  }
}
