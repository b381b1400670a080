import { Injectable } from '@nestjs/common';
import type { Scorecard } from '@oscp/contracts';
import { CommentaryService } from '../commentary/commentary.service';
import { ScorecardService } from '../scorecard/scorecard.service';

export type ScorecardExportFormat = 'json' | 'csv' | 'xlsx';

export const SCORECARD_EXPORT_CONTENT_TYPES: Record<ScorecardExportFormat, string> = {
  json: 'application/json; charset=utf-8',
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

export interface ScorecardExportQuery {
  period?: string;
  /** Disclosure control, and no commentary. */
  published: boolean;
}

export interface RenderedScorecard {
  bytes: Buffer;
  contentType: string;
  fileName: string;
  scorecard: Scorecard;
}

/**
 * The current snapshot's scorecard of a quarter as a file, as `oscp scorecard` prints it and
 * `/api/exports/scorecard.*` downloads it: JSON in the command-line contract's shape, or CSV and
 * XLSX with plain-English headings and the quarter's commentary (internal versions only).
 */
@Injectable()
export class ScorecardExportsService {
  constructor(
    private readonly scorecards: ScorecardService,
    private readonly commentary: CommentaryService,
  ) {}

  async render(query: ScorecardExportQuery, format: ScorecardExportFormat): Promise<RenderedScorecard> {
    const scorecard = await this.scorecards.scorecard(query);
    const fileName = `scorecard-${scorecard.period.replace(' ', '-')}${query.published ? '-published' : ''}.${format}`;
    const done = (bytes: Buffer | string): RenderedScorecard => ({
      bytes: typeof bytes === 'string' ? Buffer.from(bytes, 'utf8') : bytes,
      contentType: SCORECARD_EXPORT_CONTENT_TYPES[format],
      fileName,
      scorecard,
    });
    if (format === 'json') return done(`${JSON.stringify(scorecard, null, 2)}\n`);
    // Commentary is internal: the published version never asks for it.
    const commentary = new Map<string, string>();
    if (!query.published) {
      for (const entry of await this.commentary.listForPeriod(scorecard.period))
        commentary.set(entry.indicatorCode, entry.text);
    }
    // Each writer is loaded only for its format (the XLSX one brings a large library).
    if (format === 'csv')
      return done((await import('../scorecard/scorecard-csv.js')).scorecardCsv(scorecard, commentary));
    return done(await (await import('../scorecard/scorecard-xlsx.js')).scorecardXlsx(scorecard, commentary));
  }
}
