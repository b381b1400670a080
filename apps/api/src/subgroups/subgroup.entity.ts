import { Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';

/** A subgroup of the partnership that owns indicators and whose chairs write exception reports. */
@Entity({ name: 'subgroup' })
export class SubgroupEntity {
  /** A stable slug (`performance-co-ordination`): renaming keeps it, so users and reports keep pointing here. */
  @PrimaryColumn({ type: 'text' })
  id!: string;

  @Column({ type: 'text' })
  name!: string;

  @Column({ name: 'indicator_codes', type: 'text', array: true, default: () => "'{}'" })
  indicatorCodes!: string[];

  /** Retired subgroups stay for the reports and users that name them, but take no new work. */
  @Column({ type: 'boolean', default: false })
  retired!: boolean;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
