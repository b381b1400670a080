import { Injectable, Logger } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { comparePeriods, latestEndedQuarter, previousQuarter, WorkingDayCalendar } from '@oscp/calendar';
import type { CurrentUser, PartnerReturn, PartnerReturnReminder } from '@oscp/contracts';
import { createTransport } from 'nodemailer';
import { IsNull, Repository } from 'typeorm';
import { AgenciesService } from '../agencies/agencies.service';
import { AppConfig, todayFor } from '../config/app-config';
import { PartnerReturnsService, TRACKER_QUARTERS } from './partner-returns.service';
import { PartnerReturnReminderEntity } from './reminder.entity';

/** A return due within this many working days gets a "due soon" reminder. */
export const DUE_SOON_WORKING_DAYS = 5;

const NO_SMTP = 'Email is not set up (SMTP_URL is blank), so nothing was sent.';
const NO_CONTACT = 'No reminder contact is set for this agency.';

export interface OutboxRefresh {
  /** Reminders added to the outbox by this refresh. */
  added: number;
  sent: number;
}

const longDate = (iso: string): string =>
  new Intl.DateTimeFormat('en-GB', {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  }).format(new Date(`${iso}T00:00:00Z`));

function wording(entry: PartnerReturn, kind: 'due_soon' | 'overdue'): { subject: string; body: string } {
  const what = `${entry.agencyName}'s ${entry.indicatorCode} return (${entry.indicatorTitle}) for ${entry.period}`;
  if (kind === 'due_soon') {
    return {
      subject: `Reminder: ${entry.indicatorCode} return for ${entry.period} is due on ${longDate(entry.dueDate)}`,
      body: `${what} is due on ${longDate(entry.dueDate)}. Please send it by then so the partnership scorecard is complete.`,
    };
  }
  return {
    subject: `Overdue: ${entry.indicatorCode} return for ${entry.period} (due ${longDate(entry.dueDate)})`,
    body: `${what} was due on ${longDate(entry.dueDate)} and has not been received. Until it arrives the scorecard shows it as missing.`,
  };
}

/**
 * The reminders outbox: a scheduled job lists each partner return due within 5 working days or
 * overdue, once per return and kind, judged by the same rule as the tracker on today's date. With
 * `SMTP_URL` set it emails the agency's contact; without it nothing is sent and the outbox shows
 * what would have been.
 */
@Injectable()
export class RemindersService {
  private readonly logger = new Logger(RemindersService.name);

  constructor(
    private readonly config: AppConfig,
    private readonly returns: PartnerReturnsService,
    private readonly agencies: AgenciesService,
    @InjectRepository(PartnerReturnReminderEntity)
    private readonly outbox: Repository<PartnerReturnReminderEntity>,
  ) {}

  async refresh(today: string = todayFor(this.config)): Promise<OutboxRefresh> {
    const evidence = await this.returns.evidence();
    if (!evidence) return { added: 0, sent: 0 };
    // The quarters whose returns can be due or overdue today: the last 8 that have ended.
    const periods: string[] = [latestEndedQuarter(today)];
    while (periods.length < TRACKER_QUARTERS) periods.unshift(previousQuarter(periods[0] ?? ''));
    periods.sort(comparePeriods);
    const judged = await this.returns.judge(evidence, periods, today, null);
    const calendar = new WorkingDayCalendar(evidence.extraHolidays);
    const contacts = new Map((await this.agencies.list()).map((agency) => [agency.code, agency]));
    let added = 0;
    for (const entry of judged) {
      const kind =
        entry.status === 'overdue'
          ? 'overdue'
          : entry.status === 'not_yet_due' && calendar.wd(today, entry.dueDate) <= DUE_SOON_WORKING_DAYS
            ? 'due_soon'
            : null;
      if (!kind) continue;
      const { subject, body } = wording(entry, kind);
      const result = await this.outbox
        .createQueryBuilder()
        .insert()
        .into(PartnerReturnReminderEntity)
        .values({
          period: entry.period,
          agency: entry.agency,
          indicatorCode: entry.indicatorCode,
          kind,
          dueDate: entry.dueDate,
          recipient: contacts.get(entry.agency)?.contactEmail ?? null,
          subject,
          body,
        })
        .orIgnore()
        .execute();
      added += result.identifiers.filter((id) => id !== undefined).length;
    }
    const sent = await this.sendPending();
    if (added > 0 || sent > 0) this.logger.log({ added, sent }, 'Partner-return reminders listed');
    return { added, sent };
  }

  /** Sends unsent reminders that have a recipient, when a mail server is configured. */
  private async sendPending(): Promise<number> {
    if (!this.config.smtpUrl || !this.config.smtpFrom) return 0;
    const pending = await this.outbox.find({ where: { sentAt: IsNull() }, order: { createdAt: 'ASC' } });
    const transport = createTransport(this.config.smtpUrl);
    let sent = 0;
    for (const reminder of pending) {
      if (reminder.sentAt || !reminder.recipient) continue;
      try {
        await transport.sendMail({
          from: this.config.smtpFrom,
          to: reminder.recipient,
          subject: reminder.subject,
          text: reminder.body,
        });
        await this.outbox.update(reminder.id, { sentAt: new Date(), sendError: null });
        sent += 1;
      } catch (error) {
        const message = error instanceof Error ? error.message.split('\n')[0] : 'unknown error';
        await this.outbox.update(reminder.id, { sendError: `The mail server refused it: ${message}` });
      }
    }
    transport.close();
    return sent;
  }

  /** The outbox, newest first; recipients only for administrators and analysts. */
  async list(user: CurrentUser, limit = 100): Promise<PartnerReturnReminder[]> {
    const rows = await this.outbox.find({ order: { createdAt: 'DESC', agency: 'ASC' }, take: limit });
    const seesContacts = user.roles.includes('admin') || user.roles.includes('analyst');
    return rows.map((row) => ({
      id: row.id,
      period: row.period,
      agency: row.agency,
      indicatorCode: row.indicatorCode,
      kind: row.kind,
      dueDate: row.dueDate,
      recipient: seesContacts ? row.recipient : null,
      subject: row.subject,
      createdAt: row.createdAt.toISOString(),
      sentAt: row.sentAt ? row.sentAt.toISOString() : null,
      notSentBecause: row.sentAt
        ? null
        : !row.recipient
          ? NO_CONTACT
          : !this.config.smtpUrl
            ? NO_SMTP
            : (row.sendError ?? 'Waiting to be sent.'),
    }));
  }
}
