import { HttpException, Injectable, NotFoundException } from '@nestjs/common';
import { previousQuarter } from '@oscp/calendar';
import type { ApiError, BriefingSummary, Scorecard } from '@oscp/contracts';
import { catalogue } from '@oscp/scorecard';
import { CommentaryService } from '../commentary/commentary.service';
import { AppConfig } from '../config/app-config';
import { ExceptionReportsService } from '../exceptions/exception-reports.service';
import { ScorecardService } from '../scorecard/scorecard.service';
import { SignOffsService } from '../signoffs/signoffs.service';
import { briefingCsv } from './briefing-csv';
import { briefingHtml, runningFooter, runningHeader } from './briefing-html';
import { assembleBriefingPack, ragCounts, type BriefingPack, type BriefingReport } from './briefing-pack';
import { AGENCY_LABELS } from './briefing-words';
import { briefingXlsx } from './briefing-xlsx';
import { CHROMIUM_MISSING_MESSAGE, PdfPrinter } from './pdf-printer';

export type BriefingFormat = 'pdf' | 'xlsx' | 'csv' | 'html';

export interface BriefingQuery {
  period?: string;
  published: boolean;
  /** A named snapshot; default: the quarter's signed-off one, else the current one. */
  snapshot?: string;
}

export interface RenderedBriefing {
  bytes: Buffer;
  contentType: string;
  fileName: string;
  pack: BriefingPack;
}

export const BRIEFING_CONTENT_TYPES: Record<BriefingFormat, string> = {
  pdf: 'application/pdf',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  csv: 'text/csv; charset=utf-8',
  html: 'text/html; charset=utf-8',
};

function isNotFound(error: unknown): boolean {
  return error instanceof HttpException && error.getStatus() === 404;
}

/**
 * The quarter's briefing pack, always from one snapshot: the signed-off one, else the current
 * one (marked draft). Built once per request, then printed (Chromium) or written (exceljs, CSV).
 */
@Injectable()
export class BriefingsService {
  constructor(
    private readonly scorecards: ScorecardService,
    private readonly signOffs: SignOffsService,
    private readonly printer: PdfPrinter,
    private readonly config: AppConfig,
    private readonly exceptionReports: ExceptionReportsService,
    private readonly commentary: CommentaryService,
  ) {}

  async pack(query: BriefingQuery): Promise<BriefingPack> {
    const period = query.period ?? (await this.defaultPeriod());
    const signOff = await this.signOffs.inForce(period);
    const snapshot = query.snapshot ?? signOff?.snapshotId;
    const internal = await this.scorecards.scorecard({ period, snapshot, published: false });
    const scorecard = query.published
      ? await this.scorecards.scorecard({ period, snapshot: internal.snapshotId, published: true })
      : internal;
    const previous = await this.scorecards
      .scorecard({
        period: previousQuarter(period),
        snapshot: internal.snapshotId,
        published: query.published,
      })
      .catch((error: unknown): Scorecard | null => {
        if (isNotFound(error)) return null;
        throw error;
      });
    return assembleBriefingPack({
      partnership: this.config.partnershipName,
      scorecard,
      internal,
      previous,
      signOff: signOff && signOff.snapshotId === internal.snapshotId ? signOff : null,
      definitions: catalogue,
      dataQuality: await this.scorecards.snapshotDataQuality(internal.snapshotId),
      reports: await this.acceptedReports(period),
      commentary: new Map(
        (await this.commentary.listForPeriod(period))
          .filter((entry) => entry.text.trim() !== '')
          .map((entry) => [entry.indicatorCode, entry.text]),
      ),
    });
  }

  /** The quarter's accepted exception reports, in the words the pack prints. */
  private async acceptedReports(period: string): Promise<Map<string, BriefingReport>> {
    const reports = await this.exceptionReports.listForPeriod(period, { status: 'accepted' });
    return new Map(
      reports.map((report): [string, BriefingReport] => [
        report.indicatorCode,
        {
          cause:
            [
              report.cause.trim(),
              report.dataQualityNote.trim() ? `Data lag or quality: ${report.dataQualityNote.trim()}` : '',
            ]
              .filter(Boolean)
              .join(' ') || null,
          impact: report.impact.trim() || null,
          actions: report.actions.map((action) => ({
            action: action.what,
            ownerAgency:
              AGENCY_LABELS[action.ownerAgency as keyof typeof AGENCY_LABELS] ?? action.ownerAgency,
            dueDate: action.dueDate,
            status: action.status === 'done' ? 'Done' : 'Open',
            overdue: action.overdue,
          })),
          trajectory: report.trajectoryPeriod
            ? `The target should be met by ${report.trajectoryPeriod}.`
            : null,
          escalation:
            report.escalationNeeded === true
              ? `Escalation needed${report.escalationTo.trim() ? `: to ${report.escalationTo.trim()}` : ''}.`
              : report.escalationNeeded === false
                ? 'No escalation needed.'
                : null,
        },
      ]),
    );
  }

  async summary(query: BriefingQuery): Promise<BriefingSummary> {
    const pack = await this.pack(query);
    return {
      period: pack.period,
      snapshotId: pack.snapshotId,
      generatedAt: pack.generatedAt,
      signOff: pack.signOff,
      draft: pack.draft,
      counts: ragCounts(pack.scorecard.indicators),
      exceptions: pack.exceptions.map((exception) => exception.indicator.code),
      pdfUnavailableReason: this.printer.executable() ? null : CHROMIUM_MISSING_MESSAGE,
    };
  }

  async render(query: BriefingQuery, format: BriefingFormat): Promise<RenderedBriefing> {
    const pack = await this.pack(query);
    const name = `briefing-pack-${pack.period.replace(' ', '-')}${pack.published ? '-published' : ''}${pack.draft ? '-draft' : ''}.${format}`;
    const bytes = await this.bytes(pack, format);
    return { bytes, contentType: BRIEFING_CONTENT_TYPES[format], fileName: name, pack };
  }

  private async bytes(pack: BriefingPack, format: BriefingFormat): Promise<Buffer> {
    switch (format) {
      case 'csv':
        return Buffer.from(briefingCsv(pack), 'utf8');
      case 'xlsx':
        return briefingXlsx(pack);
      case 'html':
        return Buffer.from(briefingHtml(pack), 'utf8');
      case 'pdf':
        return this.printer.print(briefingHtml(pack), {
          headerTemplate: runningHeader(pack),
          footerTemplate: runningFooter(pack),
        });
    }
  }

  private async defaultPeriod(): Promise<string> {
    const periods = await this.scorecards.periods();
    if (!periods.defaultPeriod) {
      const body: ApiError = {
        statusCode: 404,
        message: 'No scorecard has been published yet: run the ETL first.',
      };
      throw new NotFoundException(body);
    }
    return periods.defaultPeriod;
  }
}
