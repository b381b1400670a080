import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { Role } from '@oscp/contracts';

/** A person who may sign in. Users are disabled, never deleted, so the audit log keeps its actors. */
@Entity({ name: 'app_user' })
export class UserEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  /** Stored lower-case; unique. */
  @Column({ type: 'text' })
  email!: string;

  @Column({ name: 'display_name', type: 'text' })
  displayName!: string;

  /** argon2id PHC string; null for a user who signs in through an external identity provider. */
  @Column({ name: 'password_hash', type: 'text', nullable: true, select: false })
  passwordHash!: string | null;

  /** Always contains `viewer`: every signed-in user may do what a viewer may. */
  @Column({ type: 'text', array: true })
  roles!: Role[];

  @Column({ type: 'text', nullable: true })
  agency!: string | null;

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  subgroups!: string[];

  @Column({ type: 'boolean', default: false })
  disabled!: boolean;

  /** Consecutive failed sign-ins since the last success or lock. */
  @Column({ name: 'failed_sign_ins', type: 'integer', default: 0 })
  failedSignIns!: number;

  @Column({ name: 'locked_until', type: 'timestamptz', nullable: true })
  lockedUntil!: Date | null;

  @Column({ name: 'last_sign_in_at', type: 'timestamptz', nullable: true })
  lastSignInAt!: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
