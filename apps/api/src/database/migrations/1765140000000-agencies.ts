import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Agencies as data: the contract's agency code list becomes a table an administrator edits
 * (name, type, the working days after a quarter's end its partner return is due, a contact for
 * reminders). Submissions record who uploaded them and the uploader's own file name (shown,
 * never used as a path). Reminders about partner returns go to an outbox table.
 */
export class Agencies1765140000000 implements MigrationInterface {
  name = 'Agencies1765140000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      create table agency (
        code text primary key,
        name text not null,
        type text not null,
        return_due_working_days integer not null default 20,
        contact_email text,
        retired boolean not null default false,
        created_at timestamptz not null default now(),
        updated_at timestamptz not null default now(),
        constraint ck_agency_code check (code ~ '^[A-Z][A-Z0-9_]{0,31}$'),
        constraint ck_agency_name check (length(btrim(name)) > 0),
        constraint ck_agency_due_days check (return_due_working_days between 0 and 120)
      )`);
    await queryRunner.query(`
      insert into agency (code, name, type) values
        ('CSC', 'Children''s social care', 'local_authority'),
        ('EARLY_HELP', 'Early help', 'local_authority'),
        ('POLICE', 'Police', 'police'),
        ('HEALTH', 'Health', 'health'),
        ('EDUCATION', 'Education', 'education'),
        ('PROBATION', 'Probation', 'justice'),
        ('HOUSING', 'Housing', 'housing'),
        ('YJS', 'Youth justice service', 'justice'),
        ('SARC', 'Sexual assault referral centre', 'health'),
        ('OSCP', 'Safeguarding children partnership', 'partnership'),
        ('OTHER', 'Other agency', 'other')`);
    await queryRunner.query(`alter table submission add column original_file_name text`);
    await queryRunner.query(`alter table submission add column uploaded_by_id uuid`);
    await queryRunner.query(`alter table submission add column uploaded_by text`);
    await queryRunner.query(`
      create table partner_return_reminder (
        id uuid primary key default gen_random_uuid(),
        period text not null,
        agency text not null,
        indicator_code text not null,
        kind text not null,
        due_date date not null,
        recipient text,
        subject text not null,
        body text not null,
        created_at timestamptz not null default now(),
        sent_at timestamptz,
        send_error text,
        constraint ck_partner_return_reminder_kind check (kind in ('due_soon', 'overdue'))
      )`);
    await queryRunner.query(
      `create unique index ux_partner_return_reminder_return_kind
       on partner_return_reminder (period, agency, indicator_code, kind)`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`drop table partner_return_reminder`);
    await queryRunner.query(`alter table submission drop column uploaded_by`);
    await queryRunner.query(`alter table submission drop column uploaded_by_id`);
    await queryRunner.query(`alter table submission drop column original_file_name`);
    await queryRunner.query(`drop table agency`);
  }
}
