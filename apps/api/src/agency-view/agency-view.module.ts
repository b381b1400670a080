import { Module } from '@nestjs/common';
import { AgenciesModule } from '../agencies/agencies.module';
import { ExceptionsModule } from '../exceptions/exceptions.module';
import { PartnerReturnsModule } from '../partner-returns/partner-returns.module';
import { ScorecardModule } from '../scorecard/scorecard.module';
import { AgencyViewController } from './agency-view.controller';
import { AgencyViewService } from './agency-view.service';

/** Each agency's view of the scorecard. */
@Module({
  imports: [ScorecardModule, AgenciesModule, PartnerReturnsModule, ExceptionsModule],
  controllers: [AgencyViewController],
  providers: [AgencyViewService],
})
export class AgencyViewModule {}
