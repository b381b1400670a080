import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Users and roles, server-side sessions and the append-only audit log. */
export class UsersSessionsAudit1764590000000 implements MigrationInterface {
  name = 'UsersSessionsAudit1764590000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      create table app_user (
        id uuid primary key default gen_random_uuid(),
        email text not null,
        display_name text not null,
        password_hash text,
        roles text[] not null default '{viewer}',
        agency text,
        subgroups text[] not null default '{}',
        disabled boolean not null default false,
        failed_sign_ins integer not null default 0,
        locked_until timestamptz,
        last_sign_in_at timestamptz,
        created_at timestamptz not null default now(),
        updated_at timestamptz not null default now(),
        constraint ck_app_user_email_lower check (email = lower(email)),
        constraint ck_app_user_roles check (
          roles <@ array['viewer', 'chair', 'manager', 'analyst', 'admin']::text[] and 'viewer' = any (roles)
        )
      )`);
    await queryRunner.query(`create unique index ux_app_user_email on app_user (email)`);
    await queryRunner.query(`
      create table user_session (
        id uuid primary key default gen_random_uuid(),
        token_hash text not null,
        user_id uuid not null constraint fk_user_session_user references app_user (id) on delete cascade,
        created_at timestamptz not null,
        last_seen_at timestamptz not null,
        absolute_expires_at timestamptz not null,
        ip text,
        user_agent text
      )`);
    await queryRunner.query(`create unique index ux_user_session_token_hash on user_session (token_hash)`);
    await queryRunner.query(`create index ix_user_session_user_id on user_session (user_id)`);
    await queryRunner.query(
      `create index ix_user_session_absolute_expires_at on user_session (absolute_expires_at)`,
    );
    await queryRunner.query(`
      create table audit_log (
        id bigint generated always as identity primary key,
        at timestamptz not null default now(),
        actor_id uuid,
        actor_email text,
        action text not null,
        target text,
        detail jsonb not null default '{}'::jsonb,
        ip text
      )`);
    await queryRunner.query(`create index ix_audit_log_at on audit_log (at)`);
    await queryRunner.query(`create index ix_audit_log_action_at on audit_log (action, at)`);
    await queryRunner.query(`create index ix_audit_log_actor_id_at on audit_log (actor_id, at)`);
    // Append-only: the application may insert and read, nothing else.
    await queryRunner.query(`
      create function audit_log_append_only() returns trigger language plpgsql as $$
      begin
        raise exception 'audit_log is append-only: % is not allowed', tg_op using errcode = 'insufficient_privilege';
      end
      $$`);
    await queryRunner.query(`
      create trigger tr_audit_log_no_update_delete before update or delete on audit_log
      for each row execute function audit_log_append_only()`);
    await queryRunner.query(`
      create trigger tr_audit_log_no_truncate before truncate on audit_log
      for each statement execute function audit_log_append_only()`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`drop table audit_log`);
    await queryRunner.query(`drop function audit_log_append_only()`);
    await queryRunner.query(`drop table user_session`);
    await queryRunner.query(`drop table app_user`);
  }
}
