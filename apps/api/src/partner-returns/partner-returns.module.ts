import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AgenciesModule } from '../agencies/agencies.module';
import { SubmissionEntity } from '../pipeline/submission.entity';
import { ScorecardModule } from '../scorecard/scorecard.module';
import { PartnerReturnsController } from './partner-returns.controller';
import { PartnerReturnsService } from './partner-returns.service';
import { PartnerReturnReminderEntity } from './reminder.entity';
import { RemindersService } from './reminders.service';

/** The partner returns tracker and the reminders outbox (its job runs on the server's schedule). */
@Module({
  imports: [
    TypeOrmModule.forFeature([SubmissionEntity, PartnerReturnReminderEntity]),
    ScorecardModule,
    AgenciesModule,
  ],
  controllers: [PartnerReturnsController],
  providers: [PartnerReturnsService, RemindersService],
  // The schedule (`SchedulingModule`) runs the reminders job.
  exports: [PartnerReturnsService, RemindersService],
})
export class PartnerReturnsModule {}
