import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { Target } from '@oscp/contracts';

/** One analyst's change of an indicator's target for a financial year (append-only; latest wins). */
@Entity({ name: 'target_override' })
export class TargetOverrideEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  /** Insertion order, which decides the latest change even within one transaction. */
  @Column({ type: 'bigint', insert: false, update: false })
  seq!: string;

  @Column({ type: 'text' })
  code!: string;

  @Column({ name: 'financial_year', type: 'text' })
  financialYear!: string;

  /** A number, or `{ low, high }` for a range indicator. */
  @Column({ type: 'jsonb' })
  target!: Exclude<Target, null>;

  @Column({ type: 'double precision' })
  tolerance!: number;

  @Column({ type: 'text' })
  reason!: string;

  @Column({ name: 'created_by_id', type: 'uuid', nullable: true })
  createdById!: string | null;

  /** The signed-in user's email, copied so the history outlives the user. */
  @Column({ name: 'created_by', type: 'text' })
  createdBy!: string;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt!: Date;
}
