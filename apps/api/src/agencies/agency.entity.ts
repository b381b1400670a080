import type { AgencyType } from '@oscp/contracts';
import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A partner agency (the contract's agency code list, editable by an administrator). Retired, never deleted. */
@Entity({ name: 'agency' })
export class AgencyEntity {
  @PrimaryColumn({ type: 'text' })
  code!: string;

  @Column({ type: 'text' })
  name!: string;

  @Column({ type: 'text' })
  type!: AgencyType;

  @Column({ name: 'return_due_working_days', type: 'integer', default: 20 })
  returnDueWorkingDays!: number;

  @Column({ name: 'contact_email', type: 'text', nullable: true })
  contactEmail!: string | null;

  @Column({ type: 'boolean', default: false })
  retired!: boolean;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt!: Date;

  @Column({ name: 'updated_at', type: 'timestamptz', default: () => 'now()' })
  updatedAt!: Date;
}
