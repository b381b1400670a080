import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** One reminder about one partner return in the outbox: at most one per return and kind. */
@Entity({ name: 'partner_return_reminder' })
export class PartnerReturnReminderEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'text' })
  period!: string;

  @Column({ type: 'text' })
  agency!: string;

  @Column({ name: 'indicator_code', type: 'text' })
  indicatorCode!: string;

  @Column({ type: 'text' })
  kind!: 'due_soon' | 'overdue';

  @Column({ name: 'due_date', type: 'date' })
  dueDate!: string;

  @Column({ type: 'text', nullable: true })
  recipient!: string | null;

  @Column({ type: 'text' })
  subject!: string;

  @Column({ type: 'text' })
  body!: string;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt!: Date;

  @Column({ name: 'sent_at', type: 'timestamptz', nullable: true })
  sentAt!: Date | null;

  @Column({ name: 'send_error', type: 'text', nullable: true })
  sendError!: string | null;
}
