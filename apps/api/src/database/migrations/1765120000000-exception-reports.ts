import type { MigrationInterface, QueryRunner } from 'typeorm';

/** A stable id for a subgroup name: lower-case words joined by hyphens. */
export function subgroupSlug(name: string): string {
  return (
    name
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '') || 'subgroup'
  );
}

/**
 * Subgroups as data (seeded from the catalogue's owning subgroups), exception reports with their
 * history, and one commentary per indicator and quarter with its history. Users' subgroups change
 * from free-text names to subgroup ids; a name that matches no catalogue subgroup becomes a
 * subgroup of its own, so nothing a user held is lost.
 */
export class ExceptionReports1765120000000 implements MigrationInterface {
  name = 'ExceptionReports1765120000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      create table subgroup (
        id text primary key,
        name text not null,
        indicator_codes text[] not null default '{}',
        retired boolean not null default false,
        created_at timestamptz not null default now(),
        updated_at timestamptz not null default now(),
        constraint ck_subgroup_name check (length(btrim(name)) > 0)
      )`);
    await queryRunner.query(`create unique index ux_subgroup_name on subgroup (lower(name))`);

    // Loaded here, not at the top: the embedded database's thread lists the migrations at every
    // start, and the scorecard library (with the catalogue's validation) was 80 ms of it.
    const { catalogue } = await import('@oscp/scorecard');
    const owned = new Map<string, string[]>();
    for (const indicator of catalogue) {
      for (const name of indicator.subgroups) owned.set(name, [...(owned.get(name) ?? []), indicator.code]);
    }
    for (const [name, codes] of owned) {
      await queryRunner.query(`insert into subgroup (id, name, indicator_codes) values ($1, $2, $3)`, [
        subgroupSlug(name),
        name,
        codes,
      ]);
    }
    const held = (await queryRunner.query(`select distinct unnest(subgroups) as name from app_user`)) as {
      name: string;
    }[];
    for (const { name } of held) {
      const existing = (await queryRunner.query(`select id from subgroup where lower(name) = lower($1)`, [
        name,
      ])) as { id: string }[];
      if (existing.length > 0) continue;
      const base = subgroupSlug(name);
      let id = base;
      for (
        let n = 2;
        ((await queryRunner.query(`select 1 from subgroup where id = $1`, [id])) as unknown[]).length > 0;
        n += 1
      )
        id = `${base}-${n}`;
      await queryRunner.query(`insert into subgroup (id, name) values ($1, $2)`, [id, name]);
    }
    await queryRunner.query(`
      update app_user u set subgroups = coalesce((
        select array_agg(s.id order by s.id) from subgroup s
        where lower(s.name) in (select lower(x) from unnest(u.subgroups) as x)
      ), '{}')`);

    await queryRunner.query(`
      create table exception_report (
        id uuid primary key default gen_random_uuid(),
        indicator_code text not null,
        period text not null,
        status text not null default 'draft',
        subgroup_ids text[] not null default '{}',
        opened_by text not null,
        evidence jsonb not null,
        revisions jsonb not null default '[]',
        cause text not null default '',
        data_quality_note text not null default '',
        impact text not null default '',
        actions jsonb not null default '[]',
        trajectory_period text,
        escalation_needed boolean,
        escalation_to text not null default '',
        return_comment text,
        version integer not null default 1,
        updated_by text,
        created_at timestamptz not null default now(),
        updated_at timestamptz not null default now(),
        constraint ck_exception_report_status check (status in ('draft', 'submitted', 'returned', 'accepted', 'closed')),
        constraint ck_exception_report_opened_by check (opened_by in ('automatic', 'by_hand'))
      )`);
    // Exactly one report per indicator and quarter, however often runs repeat.
    await queryRunner.query(
      `create unique index ux_exception_report_indicator_period on exception_report (indicator_code, period)`,
    );
    await queryRunner.query(`create index ix_exception_report_period on exception_report (period, status)`);
    await queryRunner.query(`
      create table exception_report_history (
        id uuid primary key default gen_random_uuid(),
        seq bigint generated always as identity,
        report_id uuid not null references exception_report (id) on delete cascade,
        at timestamptz not null default now(),
        actor_id uuid,
        actor text,
        action text not null,
        comment text,
        changes jsonb not null default '[]'
      )`);
    await queryRunner.query(
      `create index ix_exception_report_history_report on exception_report_history (report_id, seq)`,
    );

    await queryRunner.query(`
      create table commentary (
        indicator_code text not null,
        period text not null,
        text text not null,
        version integer not null default 1,
        updated_by text,
        updated_at timestamptz not null default now(),
        constraint pk_commentary primary key (indicator_code, period),
        constraint ck_commentary_length check (length(text) <= 1000)
      )`);
    await queryRunner.query(`
      create table commentary_history (
        id uuid primary key default gen_random_uuid(),
        seq bigint generated always as identity,
        indicator_code text not null,
        period text not null,
        at timestamptz not null default now(),
        actor_id uuid,
        actor text,
        action text not null,
        changes jsonb not null default '[]'
      )`);
    await queryRunner.query(
      `create index ix_commentary_history_key on commentary_history (indicator_code, period, seq)`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`drop table commentary_history`);
    await queryRunner.query(`drop table commentary`);
    await queryRunner.query(`drop table exception_report_history`);
    await queryRunner.query(`drop table exception_report`);
    await queryRunner.query(`
      update app_user u set subgroups = coalesce((
        select array_agg(s.name order by s.name) from subgroup s where s.id = any(u.subgroups)
      ), '{}')`);
    await queryRunner.query(`drop table subgroup`);
  }
}
