import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

@Entity({ name: 'snapshot' })
@Index('ix_snapshot_created_at', ['createdAt'])
export class SnapshotEntity {
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  @Column({ name: 'run_id', type: 'uuid' })
  runId!: string;

  /** The DuckDB file, relative to the data folder. */
  @Column({ type: 'text' })
  path!: string;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt!: Date;

  @Column({ name: 'published_at', type: 'timestamptz', nullable: true })
  publishedAt!: Date | null;

  /** Exactly one snapshot is current (a partial unique index enforces it). */
  @Column({ name: 'is_current', type: 'boolean', default: false })
  isCurrent!: boolean;

  @Column({ name: 'run_date', type: 'date' })
  runDate!: string;

  @Column({ type: 'jsonb', default: () => `'[]'::jsonb` })
  periods!: string[];

  @Column({ name: 'default_period', type: 'text', nullable: true })
  defaultPeriod!: string | null;

  /** Kept by retention regardless of age: signed off, referenced by a report or an export. */
  @Column({ type: 'boolean', default: false })
  pinned!: boolean;

  /** SHA-256 of what it was built from (submissions, target overrides, LA); null before it was recorded. */
  @Column({ name: 'inputs_sha256', type: 'char', length: 64, nullable: true })
  inputsSha256!: string | null;

  /** SHA-256 of the DuckDB file when it was published; checked before it is served. Null before it was recorded. */
  @Column({ name: 'file_sha256', type: 'char', length: 64, nullable: true })
  fileSha256!: string | null;

  /** When retention deleted the file; the row stays so history keeps its references. */
  @Column({ name: 'removed_at', type: 'timestamptz', nullable: true })
  removedAt!: Date | null;
}
