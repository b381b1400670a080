import { Module } from '@nestjs/common';
import { CommentaryModule } from '../commentary/commentary.module';
import { ExceptionsModule } from '../exceptions/exceptions.module';
import { ScorecardModule } from '../scorecard/scorecard.module';
import { SignOffsModule } from '../signoffs/signoffs.module';
import { BriefingsController } from './briefings.controller';
import { BriefingsService } from './briefings.service';
import { PdfPrinter } from './pdf-printer';

/** The quarter's Safeguarding Accountability briefing pack: PDF, XLSX, CSV and its print page. */
@Module({
  imports: [ScorecardModule, SignOffsModule, ExceptionsModule, CommentaryModule],
  controllers: [BriefingsController],
  providers: [BriefingsService, PdfPrinter],
  exports: [BriefingsService],
})
export class BriefingsModule {}
