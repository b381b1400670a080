import { Column, Entity, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';
import type { FieldChange } from '@oscp/contracts';

/** The owning subgroup's short "so what" for one indicator and quarter. */
@Entity({ name: 'commentary' })
export class CommentaryEntity {
  @PrimaryColumn({ name: 'indicator_code', type: 'text' })
  indicatorCode!: string;

  @PrimaryColumn({ type: 'text' })
  period!: string;

  /** Empty once cleared (a missing commentary shows nothing). */
  @Column({ type: 'text' })
  text!: string;

  @Column({ type: 'integer' })
  version!: number;

  @Column({ name: 'updated_by', type: 'text', nullable: true })
  updatedBy!: string | null;

  @Column({ name: 'updated_at', type: 'timestamptz', default: () => 'now()' })
  updatedAt!: Date;
}

/** Each change of a commentary, append-only. */
@Entity({ name: 'commentary_history' })
export class CommentaryHistoryEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'bigint', insert: false, update: false })
  seq!: string;

  @Column({ name: 'indicator_code', type: 'text' })
  indicatorCode!: string;

  @Column({ type: 'text' })
  period!: string;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  at!: Date;

  @Column({ name: 'actor_id', type: 'uuid', nullable: true })
  actorId!: string | null;

  @Column({ type: 'text', nullable: true })
  actor!: string | null;

  @Column({ type: 'text' })
  action!: string;

  @Column({ type: 'jsonb' })
  changes!: FieldChange[];
}
