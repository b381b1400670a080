import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** A manager's sign-off of a quarter on one snapshot; withdrawn ones stay, with who and why. */
@Entity({ name: 'quarter_signoff' })
export class SignOffEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'text' })
  period!: string;

  @Column({ name: 'snapshot_id', type: 'uuid' })
  snapshotId!: string;

  @Column({ type: 'text', nullable: true })
  note!: string | null;

  @Column({ name: 'signed_off_by_id', type: 'uuid', nullable: true })
  signedOffById!: string | null;

  /** The manager's display name, as the quarter shows it ("Signed off … by <name>"). */
  @Column({ name: 'signed_off_by', type: 'text' })
  signedOffBy!: string;

  @Column({ name: 'signed_off_at', type: 'timestamptz', default: () => 'now()' })
  signedOffAt!: Date;

  @Column({ name: 'withdrawn_at', type: 'timestamptz', nullable: true })
  withdrawnAt!: Date | null;

  @Column({ name: 'withdrawn_by', type: 'text', nullable: true })
  withdrawnBy!: string | null;

  @Column({ name: 'withdrawn_reason', type: 'text', nullable: true })
  withdrawnReason!: string | null;
}
