import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { ExceptionEvidence, ExceptionStatus, FieldChange, FigureRevision } from '@oscp/contracts';

/** One action as stored: `overdue` is derived when the report is read. */
export interface StoredAction {
  id: string;
  what: string;
  ownerAgency: string;
  dueDate: string;
  status: 'open' | 'done';
  carriedOverFrom: string | null;
}

/** A subgroup's exception report for one indicator and quarter (unique per indicator and quarter). */
@Entity({ name: 'exception_report' })
export class ExceptionReportEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'indicator_code', type: 'text' })
  indicatorCode!: string;

  @Column({ type: 'text' })
  period!: string;

  @Column({ type: 'text' })
  status!: ExceptionStatus;

  @Column({ name: 'subgroup_ids', type: 'text', array: true })
  subgroupIds!: string[];

  @Column({ name: 'opened_by', type: 'text' })
  openedBy!: 'automatic' | 'by_hand';

  /** Frozen when the report is opened; never rewritten. */
  @Column({ type: 'jsonb' })
  evidence!: ExceptionEvidence;

  @Column({ type: 'jsonb' })
  revisions!: FigureRevision[];

  @Column({ type: 'text' })
  cause!: string;

  @Column({ name: 'data_quality_note', type: 'text' })
  dataQualityNote!: string;

  @Column({ type: 'text' })
  impact!: string;

  @Column({ type: 'jsonb' })
  actions!: StoredAction[];

  @Column({ name: 'trajectory_period', type: 'text', nullable: true })
  trajectoryPeriod!: string | null;

  @Column({ name: 'escalation_needed', type: 'boolean', nullable: true })
  escalationNeeded!: boolean | null;

  @Column({ name: 'escalation_to', type: 'text' })
  escalationTo!: string;

  @Column({ name: 'return_comment', type: 'text', nullable: true })
  returnComment!: string | null;

  @Column({ type: 'integer' })
  version!: number;

  @Column({ name: 'updated_by', type: 'text', nullable: true })
  updatedBy!: string | null;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt!: Date;

  @Column({ name: 'updated_at', type: 'timestamptz', default: () => 'now()' })
  updatedAt!: Date;
}

/** One change to a report: who, when, what (field, old and new value). Append-only. */
@Entity({ name: 'exception_report_history' })
export class ExceptionReportHistoryEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'bigint', insert: false, update: false })
  seq!: string;

  @Column({ name: 'report_id', type: 'uuid' })
  reportId!: string;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  at!: Date;

  @Column({ name: 'actor_id', type: 'uuid', nullable: true })
  actorId!: string | null;

  /** The actor's name and email as they were, so history outlives the user. */
  @Column({ type: 'text', nullable: true })
  actor!: string | null;

  @Column({ type: 'text' })
  action!: string;

  @Column({ type: 'text', nullable: true })
  comment!: string | null;

  @Column({ type: 'jsonb' })
  changes!: FieldChange[];
}
