import type { MigrationInterface, QueryRunner } from 'typeorm';

/** ETL runs, submissions, quality findings and warehouse snapshots. */
export class PipelineTables1764576000000 implements MigrationInterface {
  name = 'PipelineTables1764576000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      create table etl_run (
        id uuid primary key default gen_random_uuid(),
        trigger text not null,
        status text not null,
        started_at timestamptz not null default now(),
        finished_at timestamptz,
        run_date date not null,
        snapshot_id uuid,
        error text,
        files_accepted integer not null default 0,
        files_rejected integer not null default 0,
        rows_quarantined integer not null default 0,
        constraint ck_etl_run_status check (status in ('running', 'published', 'unchanged', 'failed'))
      )`);
    await queryRunner.query(`create index ix_etl_run_started_at on etl_run (started_at)`);
    await queryRunner.query(`
      create table submission (
        id uuid primary key,
        run_id uuid not null constraint fk_submission_run references etl_run (id) on delete cascade,
        dataset text not null,
        file_name text not null,
        inbox_path text not null,
        agency text,
        extract_date date not null,
        sha256 char(64) not null,
        parquet_path text,
        rows_read integer not null default 0,
        rows_accepted integer not null default 0,
        rows_quarantined integer not null default 0,
        status text not null,
        reason text,
        created_at timestamptz not null default now(),
        constraint ck_submission_status check (status in ('accepted', 'rejected', 'skipped_duplicate'))
      )`);
    await queryRunner.query(`create index ix_submission_run_id on submission (run_id)`);
    await queryRunner.query(`create index ix_submission_sha256 on submission (sha256)`);
    // A file is taken once: at most one accepted submission per SHA-256.
    await queryRunner.query(
      `create unique index ux_submission_accepted_sha256 on submission (sha256) where status = 'accepted'`,
    );
    await queryRunner.query(`
      create table quality_finding (
        id uuid primary key default gen_random_uuid(),
        run_id uuid not null constraint fk_quality_finding_run references etl_run (id) on delete cascade,
        submission_id uuid constraint fk_quality_finding_submission references submission (id) on delete cascade,
        kind text not null,
        dataset text not null,
        file_name text not null,
        line integer,
        column_name text,
        value text,
        rule text not null,
        message text not null,
        seq integer not null
      )`);
    await queryRunner.query(
      `create index ix_quality_finding_run_dataset_rule on quality_finding (run_id, dataset, rule)`,
    );
    await queryRunner.query(
      `create index ix_quality_finding_submission_id on quality_finding (submission_id)`,
    );
    await queryRunner.query(`
      create table snapshot (
        id uuid primary key,
        run_id uuid not null constraint fk_snapshot_run references etl_run (id),
        path text not null,
        created_at timestamptz not null default now(),
        published_at timestamptz,
        is_current boolean not null default false,
        run_date date not null,
        periods jsonb not null default '[]'::jsonb,
        default_period text,
        pinned boolean not null default false,
        removed_at timestamptz
      )`);
    await queryRunner.query(`create index ix_snapshot_created_at on snapshot (created_at)`);
    await queryRunner.query(
      `create unique index ux_snapshot_current on snapshot (is_current) where is_current`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`drop table snapshot`);
    await queryRunner.query(`drop table quality_finding`);
    await queryRunner.query(`drop table submission`);
    await queryRunner.query(`drop table etl_run`);
  }
}
