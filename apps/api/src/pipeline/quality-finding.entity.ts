import type { FindingKind } from '@oscp/contracts';
import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

@Entity({ name: 'quality_finding' })
@Index('ix_quality_finding_run_dataset_rule', ['runId', 'dataset', 'rule'])
@Index('ix_quality_finding_submission_id', ['submissionId'])
export class QualityFindingEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'run_id', type: 'uuid' })
  runId!: string;

  @Column({ name: 'submission_id', type: 'uuid', nullable: true })
  submissionId!: string | null;

  @Column({ type: 'text' })
  kind!: FindingKind;

  @Column({ type: 'text' })
  dataset!: string;

  @Column({ name: 'file_name', type: 'text' })
  fileName!: string;

  @Column({ type: 'integer', nullable: true })
  line!: number | null;

  @Column({ name: 'column_name', type: 'text', nullable: true })
  column!: string | null;

  @Column({ type: 'text', nullable: true })
  value!: string | null;

  @Column({ type: 'text' })
  rule!: string;

  @Column({ type: 'text' })
  message!: string;

  /** Order of the finding within its run, so listings are stable. */
  @Column({ type: 'integer' })
  seq!: number;
}
