import type { Scorecard, ScorecardIndicator, SignOff } from '@oscp/contracts';
import { catalogue } from '@oscp/scorecard';
import { assembleBriefingPack, type AssembleBriefingInput, type BriefingPack } from '../briefing-pack';

/** Made-up scorecards and a sign-off for the briefing pack's unit tests. */

const PERIODS = [
  '2023-24 Q1',
  '2023-24 Q2',
  '2023-24 Q3',
  '2023-24 Q4',
  '2024-25 Q1',
  '2024-25 Q2',
  '2024-25 Q3',
  '2024-25 Q4',
];

/** One indicator row in the shape the scorecard routes send. */
export function indicatorRow(code: string, change: Partial<ScorecardIndicator> = {}): ScorecardIndicator {
  const definition = catalogue.find((entry) => entry.code === code);
  if (!definition) throw new Error(`no indicator ${code}`);
  const value = definition.unit === 'count' ? 120 : 84.5;
  return {
    code,
    title: definition.title,
    theme: definition.theme,
    unit: definition.unit,
    polarity: definition.polarity,
    owner: definition.owner,
    subgroups: definition.subgroups,
    numerator: definition.unit === 'count' ? 120 : 169,
    denominator: definition.unit === 'count' ? null : 200,
    value,
    display: definition.unit === 'count' ? '120' : '84.5',
    status: 'ok',
    target: definition.target,
    tolerance: definition.tolerance,
    targetSource: 'catalogue',
    rag: definition.polarity === 'context' ? null : 'green',
    direction: 'no_change',
    previousValue: value,
    exception: false,
    exceptionReasons: [],
    comparators: null,
    breakdown: [],
    trend: PERIODS.map((period) => ({ period, value })),
    ...change,
  };
}

export function scorecardOf(
  period: string,
  changes: Record<string, Partial<ScorecardIndicator>> = {},
  publishedView = false,
): Scorecard {
  return {
    period,
    snapshotId: '0b0e7c8e-3a52-4c7e-9a51-3f1f1f7f0001',
    generatedAt: '2025-05-30T01:02:03.000Z',
    runDate: '2025-05-30',
    regionName: 'North West',
    publishedView,
    indicators: catalogue.map((definition) => indicatorRow(definition.code, changes[definition.code])),
  };
}

export const SIGN_OFF: SignOff = {
  id: '6c8f8a4e-7d1c-4d4e-9a77-0c1b2a3d4e5f',
  period: '2024-25 Q4',
  snapshotId: '0b0e7c8e-3a52-4c7e-9a51-3f1f1f7f0001',
  note: 'Agreed at the Statutory Partner meeting',
  signedOffBy: 'Pat Manager',
  signedOffAt: '2025-06-12T10:00:00.000Z',
  withdrawnAt: null,
  withdrawnBy: null,
  withdrawnReason: null,
};

/** A pack for 2024-25 Q4: FD02 newly red (an exception), CP02 recovered from red. */
export function samplePack(change: Partial<AssembleBriefingInput> = {}): BriefingPack {
  const current = scorecardOf('2024-25 Q4', {
    FD02: {
      value: 83.25,
      display: '83.3',
      rag: 'red',
      exception: true,
      exceptionReasons: ['red'],
      direction: 'declining',
    },
    CP02: { rag: 'green' },
  });
  return assembleBriefingPack({
    partnership: 'Test Safeguarding Children Partnership',
    scorecard: current,
    internal: current,
    previous: scorecardOf('2024-25 Q3', { CP02: { rag: 'red' } }),
    signOff: SIGN_OFF,
    definitions: catalogue,
    dataQuality: [{ dataset: 'contacts', quarantinedRows: 3, rejectedFiles: 1 }],
    commentary: new Map([['FD01', 'Contacts rose after the schools campaign.']]),
    ...change,
  });
}
