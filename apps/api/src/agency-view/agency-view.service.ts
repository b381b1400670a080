import { Injectable } from '@nestjs/common';
import { previousQuarter } from '@oscp/calendar';
import type {
  AgencyBreakdownRow,
  AgencyOverdueAction,
  AgencyView,
  CurrentUser,
  ScorecardIndicator,
} from '@oscp/contracts';
import { formatDisplay } from '@oscp/scorecard';
import { AgenciesService } from '../agencies/agencies.service';
import { canRead } from '../exceptions/exception-workflow';
import { ExceptionReportsService } from '../exceptions/exception-reports.service';
import { PartnerReturnsService } from '../partner-returns/partner-returns.service';
import { ScorecardService } from '../scorecard/scorecard.service';
import { contributionSentence, ownedSentence } from './agency-sentences';

/**
 * The referral source group (FD06's breakdown) each agency's referrals fall in, from the
 * contract's code list (Police 6; Health 3A-3F; Education 2A-2B; Housing 4; Local authority
 * 5A-5D, which includes early help 5D). Agencies without a group of their own have no FD06 share.
 */
const SOURCE_GROUP_OF_AGENCY: Readonly<Record<string, string>> = {
  POLICE: 'Police',
  HEALTH: 'Health',
  EDUCATION: 'Education',
  HOUSING: 'Housing',
  CSC: 'Local authority',
  EARLY_HELP: 'Local authority',
};

/** The breakdown key that is this agency's row in an indicator's breakdown, if any. */
function keyFor(indicator: ScorecardIndicator, agency: string): string | null {
  if (indicator.code === 'FD06') return SOURCE_GROUP_OF_AGENCY[agency] ?? null;
  return indicator.breakdown.some((entry) => entry.key === agency) ? agency : null;
}

/**
 * One agency's view of a quarter: the indicators it owns, its rows in other indicators'
 * breakdowns (CP07/CP08 by agency, FD06's share by source), its partner returns, and sentences
 * comparing the quarter with the one before.
 */
@Injectable()
export class AgencyViewService {
  constructor(
    private readonly scorecards: ScorecardService,
    private readonly agencies: AgenciesService,
    private readonly returns: PartnerReturnsService,
    private readonly exceptions: ExceptionReportsService,
  ) {}

  async view(code: string, period: string | undefined, user: CurrentUser): Promise<AgencyView> {
    const agency = await this.agencies.get(code);
    const current = await this.scorecards.scorecard({ period, published: false });
    const previousPeriod = previousQuarter(current.period);
    const previous = await this.scorecards
      .scorecard({ period: previousPeriod, snapshot: current.snapshotId, published: false })
      .catch(() => null);
    const before = new Map((previous?.indicators ?? []).map((indicator) => [indicator.code, indicator]));

    const owned = current.indicators.filter((indicator) => indicator.owner === agency.code);
    const contributions: AgencyBreakdownRow[] = [];
    for (const indicator of current.indicators) {
      const key = keyFor(indicator, agency.code);
      const entry = key === null ? undefined : indicator.breakdown.find((row) => row.key === key);
      if (!entry || key === null || entry.numerator === null || entry.denominator === null) continue;
      const earlier = before.get(indicator.code)?.breakdown.find((row) => row.key === key);
      contributions.push({
        indicatorCode: indicator.code,
        indicatorTitle: indicator.title,
        key,
        numerator: entry.numerator,
        denominator: entry.denominator,
        value: entry.value,
        display: formatDisplay('percent', entry.numerator, entry.denominator, 'ok'),
        previousValue: earlier?.value ?? null,
        previousDisplay:
          earlier && earlier.value !== null
            ? formatDisplay('percent', earlier.numerator, earlier.denominator, 'ok')
            : null,
      });
    }
    const tracker = await this.returns.tracker(current.period, user);
    const returns = tracker.returns.filter((entry) => entry.agency === agency.code);
    const overdueActions: AgencyOverdueAction[] = (await this.exceptions.listForPeriod(current.period))
      .filter((report) => canRead(user, report))
      .flatMap((report) =>
        report.actions
          .filter((action) => action.ownerAgency === agency.code && action.overdue)
          .map((action) => ({
            reportId: report.id,
            indicatorCode: report.indicatorCode,
            period: report.period,
            what: action.what,
            dueDate: action.dueDate,
          })),
      );
    const summary = [
      ...owned.map((indicator) => {
        const earlier = before.get(indicator.code);
        return ownedSentence(indicator, earlier && earlier.value !== null ? earlier.display : null);
      }),
      ...contributions.map((row) => contributionSentence(agency.name, row)),
    ];
    return {
      agency:
        user.roles.includes('admin') || user.roles.includes('analyst')
          ? agency
          : { ...agency, contactEmail: null },
      period: current.period,
      previousPeriod: previous ? previousPeriod : null,
      snapshotId: current.snapshotId,
      owned,
      contributions,
      returns,
      overdueActions,
      summary,
    };
  }
}
