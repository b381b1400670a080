import type { SubmissionStatus } from '@oscp/contracts';
import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

@Entity({ name: 'submission' })
@Index('ix_submission_run_id', ['runId'])
@Index('ix_submission_sha256', ['sha256'])
@Index('ix_submission_inbox_path_stat', ['inboxPath', 'fileSize', 'fileModifiedMs'])
export class SubmissionEntity {
  /** Assigned by the API, so an upload can answer with it before its run reaches the file. */
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  @Column({ name: 'run_id', type: 'uuid' })
  runId!: string;

  @Column({ type: 'text' })
  dataset!: string;

  @Column({ name: 'file_name', type: 'text' })
  fileName!: string;

  /** Path inside the inbox, `/`-separated. */
  @Column({ name: 'inbox_path', type: 'text' })
  inboxPath!: string;

  @Column({ type: 'text', nullable: true })
  agency!: string | null;

  @Column({ name: 'extract_date', type: 'date' })
  extractDate!: string;

  @Column({ type: 'char', length: 64 })
  sha256!: string;

  /** The accepted rows as Parquet, relative to the data folder. */
  @Column({ name: 'parquet_path', type: 'text', nullable: true })
  parquetPath!: string | null;

  @Column({ name: 'rows_read', type: 'integer', default: 0 })
  rowsRead!: number;

  @Column({ name: 'rows_accepted', type: 'integer', default: 0 })
  rowsAccepted!: number;

  @Column({ name: 'rows_quarantined', type: 'integer', default: 0 })
  rowsQuarantined!: number;

  @Column({ type: 'text' })
  status!: SubmissionStatus;

  @Column({ type: 'text', nullable: true })
  reason!: string | null;

  /**
   * The inbox file's size and modification time (ms since the epoch) when it was taken in: a file
   * at the same path with the same size and time is not read again. Double precision holds both
   * exactly; null for submissions from before they were recorded.
   */
  @Column({ name: 'file_size', type: 'double precision', nullable: true })
  fileSize!: number | null;

  @Column({ name: 'file_modified_ms', type: 'double precision', nullable: true })
  fileModifiedMs!: number | null;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt!: Date;

  /** When the raw file (inbox and stored copy) was deleted under OSCP_RAW_RETENTION_DAYS; the rows and findings stay. */
  @Column({ name: 'raw_removed_at', type: 'timestamptz', nullable: true })
  rawRemovedAt!: Date | null;
}
