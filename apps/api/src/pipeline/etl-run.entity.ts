import type { RunStatus, RunTrigger } from '@oscp/contracts';
import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

@Entity({ name: 'etl_run' })
@Index('ix_etl_run_started_at', ['startedAt'])
export class EtlRunEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'text' })
  trigger!: RunTrigger;

  @Column({ type: 'text' })
  status!: RunStatus;

  @Column({ name: 'started_at', type: 'timestamptz', default: () => 'now()' })
  startedAt!: Date;

  @Column({ name: 'finished_at', type: 'timestamptz', nullable: true })
  finishedAt!: Date | null;

  /** "Today" for the run, `YYYY-MM-DD`. */
  @Column({ name: 'run_date', type: 'date' })
  runDate!: string;

  @Column({ name: 'snapshot_id', type: 'uuid', nullable: true })
  snapshotId!: string | null;

  @Column({ type: 'text', nullable: true })
  error!: string | null;

  @Column({ name: 'files_accepted', type: 'integer', default: 0 })
  filesAccepted!: number;

  @Column({ name: 'files_rejected', type: 'integer', default: 0 })
  filesRejected!: number;

  @Column({ name: 'rows_quarantined', type: 'integer', default: 0 })
  rowsQuarantined!: number;
}
