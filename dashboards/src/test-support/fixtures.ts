import type {
  AuditEntry,
  IndicatorDetail,
  PeriodList,
  Scorecard,
  ScorecardIndicator,
  SessionInfo,
  SignOff,
  UserSummary,
} from '@oscp/contracts';
import type { FakeRoute } from './render-app';

/** Typed fixtures for component tests: the shapes come from `@oscp/contracts`, so they break when it changes. */

const periods = [
  '2023-24 Q1',
  '2023-24 Q2',
  '2023-24 Q3',
  '2023-24 Q4',
  '2024-25 Q1',
  '2024-25 Q2',
  '2024-25 Q3',
  '2024-25 Q4',
];

export function makeIndicator(overrides: Partial<ScorecardIndicator> = {}): ScorecardIndicator {
  return {
    code: 'FD02',
    title: 'Contacts with a MASH decision within 1 working day',
    theme: 'front_door',
    unit: 'percent',
    polarity: 'higher',
    owner: 'CSC',
    subgroups: ['Front door'],
    numerator: 409,
    denominator: 2000,
    value: 20.45,
    display: '20.5',
    status: 'ok',
    target: 95,
    tolerance: 5,
    targetSource: 'catalogue',
    rag: 'red',
    direction: 'declining',
    previousValue: 30,
    exception: true,
    exceptionReasons: ['red'],
    comparators: { year: '2024-25', england: 80.04, region: 78.56, statNeighbours: 81, note: null },
    breakdown: [],
    trend: periods.map((period, i) => ({ period, value: i === 2 ? null : 20 + i })),
    ...overrides,
  };
}

export const scorecardFixture: Scorecard = {
  period: '2024-25 Q4',
  snapshotId: 'snap-0007',
  generatedAt: '2025-05-01T06:30:00.000Z',
  runDate: '2025-05-01',
  regionName: 'North West',
  publishedView: false,
  indicators: [
    makeIndicator(),
    makeIndicator({
      code: 'FD01',
      title: 'Contacts received',
      unit: 'count',
      polarity: 'context',
      numerator: 2043,
      denominator: null,
      value: 2043,
      display: '2043',
      target: null,
      tolerance: null,
      rag: null,
      direction: 'up',
      previousValue: 1900,
      exception: false,
      exceptionReasons: [],
      comparators: null,
    }),
    makeIndicator({
      code: 'CP02',
      title: 'Initial conferences within 15 working days of the strategy discussion',
      theme: 'child_protection',
      value: 92.1,
      display: '92.1',
      target: 90,
      rag: 'green',
      direction: 'improving',
      previousValue: 88,
      exception: false,
      exceptionReasons: [],
    }),
    makeIndicator({
      code: 'NG03',
      title: 'Early help neglect cases using Graded Care Profile 2',
      theme: 'neglect',
      owner: 'EARLY_HELP',
      value: 74,
      display: '74.0',
      target: 80,
      tolerance: 10,
      rag: 'amber',
      direction: 'no_change',
      previousValue: 74.2,
      exception: false,
      exceptionReasons: [],
    }),
    makeIndicator({
      code: 'PT05',
      title: 'Initial health assessments for children looked after within 20 working days',
      theme: 'priority_themes',
      owner: 'HEALTH',
      numerator: null,
      denominator: null,
      value: null,
      display: '[x]',
      status: 'awaited',
      rag: null,
      direction: null,
      previousValue: null,
      exception: false,
      exceptionReasons: [],
    }),
    makeIndicator({
      code: 'PT04',
      title: 'Domestic abuse incidents with children present',
      theme: 'priority_themes',
      owner: 'POLICE',
      unit: 'count',
      polarity: 'context',
      value: 310,
      display: '310',
      target: null,
      tolerance: null,
      rag: null,
      direction: 'down',
      previousValue: 350,
      exception: false,
      exceptionReasons: [],
    }),
  ],
};

export const periodListFixture: PeriodList = {
  snapshotId: 'snap-0007',
  defaultPeriod: '2024-25 Q4',
  coveredFrom: '2023-24 Q1',
  periods: periods.map((period) => ({ period, start: '2024-01-01', end: '2024-03-31', complete: true })),
};

export const sessionFixture: SessionInfo = {
  user: {
    id: 'u1',
    email: 'analyst@example.org',
    displayName: 'Ada Analyst',
    roles: ['analyst', 'viewer'],
    agency: 'EARLY_HELP',
    subgroups: [],
  },
  csrfToken: 'csrf-1',
  expiresAt: '2099-01-01T00:00:00.000Z',
};

export function indicatorDetailFixture(): IndicatorDetail {
  const current = makeIndicator({
    code: 'CP07',
    title: 'Partner reports to conference on time',
    theme: 'child_protection',
    breakdown: [
      { key: 'POLICE', numerator: 40, denominator: 50, value: 80 },
      { key: 'HEALTH', numerator: 45, denominator: 50, value: 90 },
      { key: 'EDUCATION', numerator: null, denominator: null, value: null },
    ],
  });
  return {
    definition: {
      code: 'CP07',
      title: 'Partner reports to conference on time',
      plainDefinition:
        'Of the partner agencies that attended a child protection conference this quarter, how many sent their written report at least 2 working days before it.',
      whyItMatters:
        'Families and other professionals need time to read reports before the conference so that decisions are well informed.',
      theme: 'child_protection',
      definition:
        'Of conference_participation rows with conference_date in the quarter, agency other than CSC and attended = Y, those with wd(report_submitted_date, conference_date) >= 2.',
      numeratorDefinition: 'Attending partners whose report arrived 2 or more working days before.',
      denominatorDefinition: 'Partners other than children’s social care that attended.',
      source: ['conference_participation'],
      unit: 'percent',
      polarity: 'higher',
      target: 90,
      tolerance: 10,
      directionThreshold: { kind: 'absolute', value: 2 },
      owner: 'OSCP',
      subgroups: ['Child protection'],
      seedReference: 'OSCP Improving Practice Framework: partner reports 2 working days before conference',
      breakdown: 'agency',
      comparatorNote: null,
    },
    snapshotId: 'snap-0007',
    period: '2024-25 Q4',
    regionName: 'North West',
    current,
    trend: periods.map((period, i) => ({
      period,
      numerator: 40 + i,
      denominator: 50,
      value: i === 3 ? null : 80 + i,
      display: i === 3 ? '[x]' : (80 + i).toFixed(1),
      status: i === 3 ? 'no_data' : 'ok',
      target: 90,
      rag: i === 3 ? null : 'amber',
      direction: i === 0 || i === 3 || i === 4 ? null : 'improving',
      comparators: { year: period.slice(0, 7), england: 85, region: 84.2, statNeighbours: 86.35, note: null },
    })),
    dataQuality: [{ dataset: 'conference_participation', quarantinedRows: 3, rejectedFiles: 0 }],
  };
}

export const adminSessionFixture: SessionInfo = {
  user: {
    id: '6f1c1f5e-0000-4000-8000-000000000001',
    email: 'admin@example.org',
    displayName: 'Alex Admin',
    roles: ['viewer', 'chair', 'manager', 'analyst', 'admin'],
    agency: null,
    subgroups: [],
  },
  csrfToken: 'csrf-admin',
  expiresAt: '2099-01-01T00:00:00.000Z',
};

export function makeUserSummary(overrides: Partial<UserSummary> = {}): UserSummary {
  return {
    ...adminSessionFixture.user,
    disabled: false,
    createdAt: '2025-04-01T09:00:00.000Z',
    lastSignInAt: '2025-05-01T08:15:00.000Z',
    ...overrides,
  };
}

export function makeAuditEntry(overrides: Partial<AuditEntry> = {}): AuditEntry {
  return {
    id: '41',
    at: '2025-05-01T08:15:00.000Z',
    actorId: adminSessionFixture.user.id,
    actorEmail: adminSessionFixture.user.email,
    action: 'user.created',
    target: 'user:6f1c1f5e-0000-4000-8000-000000000002',
    detail: { email: 'pat@example.org', roles: ['viewer', 'analyst'] },
    ip: '10.0.0.7',
    ...overrides,
  };
}

/** A sign-off of 2024-25 Q4 in force (withdrawn when `withdrawnAt` is given). */
export function makeSignOff(overrides: Partial<SignOff> = {}): SignOff {
  return {
    id: '0b7e6a52-1c2d-4e3f-8a9b-0c1d2e3f4a5b',
    period: '2024-25 Q4',
    snapshotId: 'snap-0007',
    note: null,
    signedOffBy: 'Pat Manager',
    signedOffAt: '2025-06-12T10:00:00.000Z',
    withdrawnAt: null,
    withdrawnBy: null,
    withdrawnReason: null,
    ...overrides,
  };
}

/** `GET /api/signoffs?period=` answered from the given sign-offs of each quarter (newest first). */
export function signOffsAnswer(url: URL, signOffs: readonly SignOff[]): { status: number; body: unknown } {
  const asked = (url.searchParams.get('period') ?? '').replace('-Q', ' Q');
  const items = signOffs.filter((signOff) => !asked || signOff.period === asked);
  return { status: 200, body: { items, total: items.length } };
}

/**
 * The fake API of a page that shows a quarter: the signed-in session, the quarters, the
 * quarter's sign-offs (each `?period=` asked is recorded in `asked`) and the page's own answers
 * by path (all 200).
 */
export function quarterPageApi(
  signOffs: readonly SignOff[],
  asked: string[],
  pageAnswers: Record<string, unknown>,
): FakeRoute {
  return (url) => {
    if (url.pathname === '/api/auth/me') return { status: 200, body: sessionFixture };
    if (url.pathname === '/api/periods') return { status: 200, body: periodListFixture };
    if (url.pathname === '/api/signoffs') {
      asked.push(url.search);
      return signOffsAnswer(url, signOffs);
    }
    return url.pathname in pageAnswers ? { status: 200, body: pageAnswers[url.pathname] } : undefined;
  };
}
