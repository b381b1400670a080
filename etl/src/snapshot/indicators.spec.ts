import { describe, expect, it } from 'vitest';
import { buildFixture, numbers, type FixtureRow } from '../../test-support/fixture';

/**
 * Each of the 26 indicators computed by the SQL models on a small hand-made fixture. Working
 * days were counted by hand against the England and Wales calendar (2024: bank holidays on
 * 6 and 27 May, 26 Aug, 25 and 26 Dec; 2025: 1 Jan) and are written beside each row.
 */

const POPULATION: FixtureRow[] = [
  { year: 2023, age_band: '0-17', count: 20000 },
  { year: 2023, age_band: '10-17', count: 10000 },
];

function contact(
  id: string,
  at: string,
  decidedAt: string | null,
  outcome: string | null = 'NFA',
): FixtureRow {
  return {
    contact_id: id,
    child_id: `CH${id}`,
    contact_datetime: at,
    source: '6',
    decision_datetime: decidedAt,
    outcome: decidedAt ? outcome : null,
  };
}

function referral(id: string, child: string, date: string, source = '6'): FixtureRow {
  return { referral_id: id, child_id: child, referral_date: date, source };
}

function plan(
  id: string,
  child: string,
  start: string,
  end: string | null,
  extra: FixtureRow = {},
): FixtureRow {
  return {
    plan_id: id,
    child_id: child,
    start_date: start,
    end_date: end,
    initial_category: 'PHY',
    ...extra,
  };
}

function ret(
  agency: string,
  code: string,
  period: string,
  numerator: number,
  denominator: number | null = null,
): FixtureRow {
  return { agency, indicator_code: code, period, numerator, denominator };
}

describe('front door', () => {
  // Contacts of 2024-25 Q2 (Jul-Sep 2024); 9 Jul 2024 is an extra holiday from the inbox.
  const contacts: FixtureRow[] = [
    contact('C1', '2024-07-05 17:00', '2024-07-08 09:00', 'REFERRAL'), // Fri -> Mon: wd 1
    contact('C2', '2024-07-06 10:00', '2024-07-08 09:00'), // Sat -> Mon: wd 1
    contact('C3', '2024-08-23 12:00', '2024-08-27 09:00'), // Fri -> Tue over the 26 Aug bank holiday: wd 1
    contact('C4', '2024-08-23 12:00', '2024-08-28 09:00', 'REFERRAL'), // Fri -> Wed: wd 2
    contact('C5', '2024-07-08 09:00', null), // not decided
    contact('C6', '2024-09-30 23:30', '2024-10-01 08:00'), // last evening of Q2 (London) -> next day: wd 1
    contact('C7', '2024-07-08 09:00', '2024-07-10 09:00'), // Mon -> Wed over the extra holiday: wd 1
  ];
  const bankHolidays: FixtureRow[] = [{ date: '2024-07-09', title: 'Council closure' }];

  it('FD01 counts the contacts whose London date falls in the quarter, and gives [x] to a quarter with none', async () => {
    const built = await buildFixture({ contacts, bank_holidays: bankHolidays }, { runDate: '2025-01-15' });
    expect(built.periods).toEqual(['2024-25 Q2', '2024-25 Q3']);
    expect(numbers(built.measure('FD01', '2024-25 Q2'))).toEqual({
      status: 'ok',
      numerator: 7,
      denominator: null,
    });
    // C6's decision on 1 Oct does not make Q3 a quarter with contacts.
    expect(numbers(built.measure('FD01', '2024-25 Q3'))).toEqual({
      status: 'no_data',
      numerator: null,
      denominator: null,
    });
    expect(built.indicator('FD01', '2024-25 Q3').display).toBe('[x]');
  });

  it('FD02 counts a Friday or Saturday contact decided on Monday, and a decision over a bank or extra holiday, as 1 working day', async () => {
    const built = await buildFixture({ contacts, bank_holidays: bankHolidays }, { runDate: '2025-01-15' });
    // Within 1 working day: C1, C2, C3, C6, C7; not: C4 (2), C5 (no decision).
    expect(numbers(built.measure('FD02', '2024-25 Q2'))).toEqual({
      status: 'ok',
      numerator: 5,
      denominator: 7,
    });
    expect(built.records('FD02', '2024-25 Q2', 'numerator')).toEqual(['C1', 'C2', 'C3', 'C6', 'C7']);
    expect(built.records('FD02', '2024-25 Q2', 'denominator')).toHaveLength(7);
  });

  it('FD03 counts the contacts with outcome REFERRAL', async () => {
    const built = await buildFixture({ contacts }, { runDate: '2025-01-15' });
    expect(numbers(built.measure('FD03', '2024-25 Q2'))).toEqual({
      status: 'ok',
      numerator: 2,
      denominator: 7,
    });
  });

  it('FD04 sums the rolling 12 months of referrals per 10,000 children, and is [x] without data in all 4 quarters', async () => {
    // 1, 2, 3 and 4 referrals in 2023-24 Q4 and 2024-25 Q1-Q3.
    const referrals = [
      referral('R01', 'A', '2024-03-31'),
      referral('R02', 'B', '2024-04-01'),
      referral('R03', 'C', '2024-06-30'),
      referral('R04', 'D', '2024-07-01'),
      referral('R05', 'E', '2024-08-01'),
      referral('R06', 'F', '2024-09-30'),
      referral('R07', 'G', '2024-10-01'),
      referral('R08', 'H', '2024-11-01'),
      referral('R09', 'I', '2024-12-01'),
      referral('R10', 'J', '2024-12-31'),
    ];
    const built = await buildFixture({ referrals, population: POPULATION }, { runDate: '2025-01-15' });
    // 10 referrals; population: mid-2023 is the latest estimate at or before 2024 (FY 2024-25).
    expect(numbers(built.measure('FD04', '2024-25 Q3'))).toEqual({
      status: 'ok',
      numerator: 10,
      denominator: 20000,
    });
    expect(built.indicator('FD04', '2024-25 Q3').value).toBe(5);
    // 2024-25 Q2's window starts in 2023-24 Q3, which has no referrals.
    expect(built.measure('FD04', '2024-25 Q2').status).toBe('no_data');
  });

  it('FD05 counts a re-referral at exactly 12 months (clamped at month end) but not at 12 months and 1 day, nor on the same day', async () => {
    const referrals = [
      referral('A0', 'A', '2023-02-28'),
      referral('A1', 'A', '2024-02-29'), // 29 Feb 2024 - 12 months = 28 Feb 2023: re-referral
      referral('B0', 'B', '2023-01-15'),
      referral('B1', 'B', '2024-01-15'), // exactly 12 months: re-referral
      referral('C0', 'C', '2023-01-15'),
      referral('C1', 'C', '2024-01-16'), // 12 months and 1 day: not
      referral('D1', 'D', '2024-03-01'), // the child's first: not
      referral('D2', 'D', '2024-03-10'), // 9 days after D1: re-referral
      referral('E1', 'E', '2024-02-05'), // two on one day: neither is earlier than the other
      referral('E2', 'E', '2024-02-05'),
    ];
    const built = await buildFixture({ referrals }, { runDate: '2024-05-01' });
    expect(numbers(built.measure('FD05', '2023-24 Q4'))).toEqual({
      status: 'ok',
      numerator: 3,
      denominator: 7,
    });
    expect(built.records('FD05', '2023-24 Q4', 'numerator')).toEqual(['A1', 'B1', 'D2']);
  });

  it("FD06 counts the quarter's referrals with a breakdown by source group in code-list order", async () => {
    const referrals = [
      referral('R1', 'A', '2024-07-01', '2A'),
      referral('R2', 'B', '2024-07-02', '2B'),
      referral('R3', 'C', '2024-07-03', '2A'),
      referral('R4', 'D', '2024-07-04', '6'),
      referral('R5', 'E', '2024-07-05', '3F'),
      referral('R6', 'F', '2024-07-08', '3A'),
      referral('R7', 'G', '2024-07-09', '10'),
    ];
    const built = await buildFixture({ referrals }, { runDate: '2024-10-15' });
    expect(numbers(built.measure('FD06', '2024-25 Q2'))).toEqual({
      status: 'ok',
      numerator: 7,
      denominator: null,
    });
    expect(built.measure('FD06', '2024-25 Q2').breakdown).toEqual([
      { key: 'Education', numerator: 3, denominator: 7 },
      { key: 'Health', numerator: 2, denominator: 7 },
      { key: 'Police', numerator: 1, denominator: 7 },
      { key: 'Other', numerator: 1, denominator: 7 },
    ]);
  });

  it('FD07 counts an assessment authorised after exactly 45 working days as on time and one after 46 as late', async () => {
    const assessments: FixtureRow[] = [
      // From Mon 1 Jul 2024: 22 working days to the end of July, 21 in August (26 Aug a bank holiday).
      { assessment_id: 'A45', child_id: 'X', start_date: '2024-07-01', authorised_date: '2024-09-03' }, // wd 45
      { assessment_id: 'A46', child_id: 'Y', start_date: '2024-07-01', authorised_date: '2024-09-04' }, // wd 46
      { assessment_id: 'OPEN', child_id: 'Z', start_date: '2024-07-01', authorised_date: null }, // still open: not counted
    ];
    const built = await buildFixture({ assessments }, { runDate: '2024-10-15' });
    expect(numbers(built.measure('FD07', '2024-25 Q2'))).toEqual({
      status: 'ok',
      numerator: 1,
      denominator: 2,
    });
    expect(built.records('FD07', '2024-25 Q2', 'numerator')).toEqual(['A45']);
  });

  it('FD08 counts an early help assessment completed after exactly 30 working days as on time and one after 31 as late', async () => {
    const early_help: FixtureRow[] = [
      { episode_id: 'E30', child_id: 'X', start_date: '2024-07-01', assessment_completed_date: '2024-08-12' }, // wd 30
      { episode_id: 'E31', child_id: 'Y', start_date: '2024-07-01', assessment_completed_date: '2024-08-13' }, // wd 31
    ];
    const built = await buildFixture({ early_help }, { runDate: '2024-10-15' });
    expect(numbers(built.measure('FD08', '2024-25 Q2'))).toEqual({
      status: 'ok',
      numerator: 1,
      denominator: 2,
    });
  });
});

describe('child protection', () => {
  function discussion(id: string, strategyDate: string, extra: FixtureRow = {}): FixtureRow {
    return {
      strategy_id: id,
      child_id: `CH${id}`,
      strategy_date: strategyDate,
      concern_category: 'PHY',
      ...extra,
    };
  }

  it('CP01 counts S47 enquiries started in the rolling 12 months per 10,000 children', async () => {
    const strategy_discussions = [
      discussion('S1', '2024-03-01', { s47_start_date: '2024-03-04' }), // 2023-24 Q4
      discussion('S2', '2024-05-01', { s47_start_date: '2024-05-01' }), // 2024-25 Q1
      discussion('S3', '2024-08-01', { s47_start_date: '2024-08-01' }), // Q2
      discussion('S4', '2024-11-01', { s47_start_date: '2024-11-01' }), // Q3
      discussion('S5', '2024-11-02'), // no S47 started: not counted
    ];
    const built = await buildFixture(
      { strategy_discussions, population: POPULATION },
      { runDate: '2025-01-15' },
    );
    expect(numbers(built.measure('CP01', '2024-25 Q3'))).toEqual({
      status: 'ok',
      numerator: 4,
      denominator: 20000,
    });
    expect(built.indicator('CP01', '2024-25 Q3').value).toBe(2);
  });

  it('CP02 counts an ICPC 15 working days after the strategy discussion as on time and 16 as late, over Christmas', async () => {
    const strategy_discussions = [
      discussion('X15', '2024-12-16', { s47_start_date: '2024-12-16', icpc_date: '2025-01-09' }), // wd 15
      discussion('X16', '2024-12-16', { s47_start_date: '2024-12-16', icpc_date: '2025-01-10' }), // wd 16
      discussion('F15', '2025-02-03', { s47_start_date: '2025-02-03', icpc_date: '2025-02-24' }), // wd 15
      discussion('F16', '2025-02-03', { s47_start_date: '2025-02-03', icpc_date: '2025-02-25' }), // wd 16
    ];
    const built = await buildFixture({ strategy_discussions }, { runDate: '2025-04-15' });
    expect(numbers(built.measure('CP02', '2024-25 Q4'))).toEqual({
      status: 'ok',
      numerator: 2,
      denominator: 4,
    });
    expect(built.records('CP02', '2024-25 Q4', 'numerator')).toEqual(['F15', 'X15']);
    // The strategy discussions of December had no ICPC in Q3.
    expect(built.measure('CP02', '2024-25 Q3').status).toBe('no_data');
  });

  it('CP03 counts distinct children on a plan at quarter end, 0 when plans exist but none is open, [x] with no plans at all', async () => {
    const cp_plans = [
      plan('P1', 'X', '2024-01-10', null),
      plan('P2', 'X', '2024-06-01', null), // the same child again: counted once
      plan('P3', 'Y', '2024-02-01', '2024-12-31'), // ends on the quarter's last day: not open
      plan('P4', 'Z', '2024-02-01', '2025-01-01'), // ends the day after: open
      plan('P5', 'W', '2025-01-01', null), // starts after the quarter
      plan('P6', 'V', '2023-10-02', '2023-11-01'), // ended in 2023-24 Q3
    ];
    const built = await buildFixture({ cp_plans, population: POPULATION }, { runDate: '2025-04-15' });
    expect(numbers(built.measure('CP03', '2024-25 Q3'))).toEqual({
      status: 'ok',
      numerator: 2,
      denominator: 20000,
    });
    expect(numbers(built.measure('CP03', '2023-24 Q3'))).toEqual({
      status: 'ok',
      numerator: 0,
      denominator: 20000,
    });
    const none = await buildFixture(
      { contacts: [contact('C1', '2024-07-01 10:00', null)], population: POPULATION },
      { runDate: '2024-10-15' },
    );
    expect(none.measure('CP03', '2024-25 Q2').status).toBe('no_data');
  });

  it('CP04 times the first review from the plan start + 3 months and later ones from the previous review + 6 months, clamped to month end', async () => {
    const cp_plans = [plan('P1', 'X', '2023-11-30', null), plan('P2', 'Y', '2024-03-01', null)];
    const cp_reviews: FixtureRow[] = [
      { review_id: 'V1', plan_id: 'P1', review_date: '2024-02-29' }, // 30 Nov + 3 months = 29 Feb 2024: on time
      { review_id: 'V2', plan_id: 'P1', review_date: '2024-08-29' }, // 29 Feb + 6 months = 29 Aug: on time
      { review_id: 'V3', plan_id: 'P1', review_date: '2025-03-01' }, // 29 Aug + 6 months = 28 Feb 2025: late
      { review_id: 'W1', plan_id: 'P2', review_date: '2024-06-02' }, // 1 Mar + 3 months = 1 Jun: late
    ];
    const built = await buildFixture({ cp_plans, cp_reviews }, { runDate: '2025-04-15' });
    expect(numbers(built.measure('CP04', '2023-24 Q4'))).toEqual({
      status: 'ok',
      numerator: 1,
      denominator: 1,
    });
    expect(numbers(built.measure('CP04', '2024-25 Q1'))).toEqual({
      status: 'ok',
      numerator: 0,
      denominator: 1,
    });
    expect(numbers(built.measure('CP04', '2024-25 Q2'))).toEqual({
      status: 'ok',
      numerator: 1,
      denominator: 1,
    });
    expect(numbers(built.measure('CP04', '2024-25 Q4'))).toEqual({
      status: 'ok',
      numerator: 0,
      denominator: 1,
    });
  });

  it('CP04 leaves out, and reports, a review of an unknown plan and one held before its plan started', async () => {
    const cp_plans = [plan('P1', 'X', '2024-04-10', null)];
    const cp_reviews: FixtureRow[] = [
      { review_id: 'V1', plan_id: 'P1', review_date: '2024-07-01' },
      { review_id: 'V2', plan_id: 'NOPLAN99', review_date: '2024-07-02' },
      { review_id: 'V3', plan_id: 'P1', review_date: '2024-04-09' },
    ];
    const built = await buildFixture({ cp_plans, cp_reviews }, { runDate: '2024-10-15' });
    expect(numbers(built.measure('CP04', '2024-25 Q2'))).toEqual({
      status: 'ok',
      numerator: 1,
      denominator: 1,
    });
    expect(built.measure('CP04', '2024-25 Q1').status).toBe('no_data');
    expect(built.findings.map((f) => [f.line, f.column, f.value, f.rule])).toEqual([
      [3, 'plan_id', 'NO…(8)', 'unknown_plan'],
      [4, 'review_date', '2024-04-09', 'before_plan_start'],
    ]);
    expect(built.findings[0]?.message).toContain('cp_reviews_20300101.csv, line 3, column plan_id');
  });

  it('CP05 counts plans with previous_plans >= 1 or an earlier plan of the same child in the data', async () => {
    const cp_plans = [
      plan('A1', 'A', '2024-01-10', '2024-05-01'),
      plan('A2', 'A', '2024-07-15', null), // A had an earlier plan
      plan('B', 'B', '2024-08-01', null, { previous_plans: 1 }),
      plan('C', 'C', '2024-08-05', null, { previous_plans: 0 }),
      plan('D1', 'D', '2024-09-02', null), // two plans the same day: neither is earlier
      plan('D2', 'D', '2024-09-02', null),
    ];
    const built = await buildFixture({ cp_plans }, { runDate: '2024-10-15' });
    expect(numbers(built.measure('CP05', '2024-25 Q2'))).toEqual({
      status: 'ok',
      numerator: 2,
      denominator: 5,
    });
    expect(built.records('CP05', '2024-25 Q2', 'numerator')).toEqual(['A2', 'B']);
  });

  it('CP06 counts a plan of exactly 24 months as 2 years but not 1 Mar 2022 to 29 Feb 2024 (730 days)', async () => {
    const cp_plans = [
      plan('P1', 'X', '2022-03-01', '2024-02-29'), // + 24 months = 1 Mar 2024: not 2 years
      plan('P2', 'Y', '2022-02-28', '2024-02-28'), // exactly 24 months
      plan('P3', 'Z', '2021-03-15', '2024-01-20'),
    ];
    const built = await buildFixture({ cp_plans }, { runDate: '2024-05-01' });
    expect(numbers(built.measure('CP06', '2023-24 Q4'))).toEqual({
      status: 'ok',
      numerator: 2,
      denominator: 3,
    });
    expect(built.records('CP06', '2023-24 Q4', 'numerator')).toEqual(['P2', 'P3']);
  });

  // A conference on Fri 27 Dec 2024, after the Christmas bank holidays.
  const participation: FixtureRow[] = [
    {
      conference_id: 'CF1',
      conference_type: 'ICPC',
      conference_date: '2024-12-27',
      agency: 'POLICE',
      attended: true,
      report_submitted_date: '2024-12-23',
    }, // wd 2: on time
    {
      conference_id: 'CF1',
      conference_type: 'ICPC',
      conference_date: '2024-12-27',
      agency: 'HEALTH',
      attended: true,
      report_submitted_date: '2024-12-24',
    }, // wd 1: late
    {
      conference_id: 'CF1',
      conference_type: 'ICPC',
      conference_date: '2024-12-27',
      agency: 'EDUCATION',
      attended: true,
      report_submitted_date: null,
    }, // no report
    {
      conference_id: 'CF1',
      conference_type: 'ICPC',
      conference_date: '2024-12-27',
      agency: 'HOUSING',
      attended: false,
      report_submitted_date: '2024-12-20',
    }, // did not attend
    {
      conference_id: 'CF1',
      conference_type: 'ICPC',
      conference_date: '2024-12-27',
      agency: 'CSC',
      attended: true,
      report_submitted_date: '2024-12-20',
    }, // not a partner
    {
      conference_id: 'CF0',
      conference_type: 'RCPC',
      conference_date: '2024-08-01',
      agency: 'CSC',
      attended: true,
      report_submitted_date: null,
    }, // Q2: CSC only
  ];

  it("CP07 counts attending partners' reports at least 2 working days before, by agency, and is [z] when only CSC took part", async () => {
    const built = await buildFixture({ conference_participation: participation }, { runDate: '2025-01-15' });
    expect(numbers(built.measure('CP07', '2024-25 Q3'))).toEqual({
      status: 'ok',
      numerator: 1,
      denominator: 3,
    });
    expect(built.measure('CP07', '2024-25 Q3').breakdown).toEqual([
      { key: 'EDUCATION', numerator: 0, denominator: 1 },
      { key: 'HEALTH', numerator: 0, denominator: 1 },
      { key: 'POLICE', numerator: 1, denominator: 1 },
    ]);
    expect(numbers(built.measure('CP07', '2024-25 Q2'))).toEqual({
      status: 'not_applicable',
      numerator: 0,
      denominator: 0,
    });
    expect(built.indicator('CP07', '2024-25 Q2').display).toBe('[z]');
  });

  it('CP08 counts invited partners who attended, by agency', async () => {
    const built = await buildFixture({ conference_participation: participation }, { runDate: '2025-01-15' });
    expect(numbers(built.measure('CP08', '2024-25 Q3'))).toEqual({
      status: 'ok',
      numerator: 3,
      denominator: 4,
    });
    expect(
      built.measure('CP08', '2024-25 Q3').breakdown.map((e) => [e.key, e.numerator, e.denominator]),
    ).toEqual([
      ['EDUCATION', 1, 1],
      ['HEALTH', 1, 1],
      ['HOUSING', 0, 1],
      ['POLICE', 1, 1],
    ]);
  });
});

describe('neglect', () => {
  it('NG01 counts new plans whose initial category is neglect', async () => {
    const cp_plans = [
      plan('P1', 'A', '2024-07-01', null, { initial_category: 'NEG' }),
      plan('P2', 'B', '2024-07-02', null, { initial_category: 'NEG', latest_category: 'EMO' }),
      plan('P3', 'C', '2024-07-03', null, { initial_category: 'PHY', latest_category: 'NEG' }),
    ];
    const built = await buildFixture({ cp_plans }, { runDate: '2024-10-15' });
    expect(numbers(built.measure('NG01', '2024-25 Q2'))).toEqual({
      status: 'ok',
      numerator: 2,
      denominator: 3,
    });
  });

  it('NG02 counts authorised assessments whose factors include 16A', async () => {
    const assessments: FixtureRow[] = [
      {
        assessment_id: 'A1',
        child_id: 'A',
        start_date: '2024-07-01',
        authorised_date: '2024-07-10',
        factors: ['16A', '4C'],
      },
      {
        assessment_id: 'A2',
        child_id: 'B',
        start_date: '2024-07-01',
        authorised_date: '2024-07-10',
        factors: ['21'],
      },
      {
        assessment_id: 'A3',
        child_id: 'C',
        start_date: '2024-07-01',
        authorised_date: '2024-07-10',
        factors: null,
      },
      {
        assessment_id: 'A4',
        child_id: 'D',
        start_date: '2024-07-01',
        authorised_date: '2024-07-10',
        factors: ['16A'],
      },
    ];
    const built = await buildFixture({ assessments }, { runDate: '2024-10-15' });
    expect(numbers(built.measure('NG02', '2024-25 Q2'))).toEqual({
      status: 'ok',
      numerator: 2,
      denominator: 4,
    });
  });

  it('NG03 counts neglect episodes with a Graded Care Profile 2, and is [z] when episodes started but none identified neglect', async () => {
    const early_help: FixtureRow[] = [
      {
        episode_id: 'E1',
        child_id: 'A',
        start_date: '2024-07-01',
        neglect_identified: true,
        gcp2_completed_date: '2024-08-01',
      },
      { episode_id: 'E2', child_id: 'B', start_date: '2024-07-01', neglect_identified: true },
      {
        episode_id: 'E3',
        child_id: 'C',
        start_date: '2024-07-01',
        neglect_identified: false,
        gcp2_completed_date: '2024-08-01',
      },
      { episode_id: 'E4', child_id: 'D', start_date: '2024-07-01', neglect_identified: null },
      { episode_id: 'E5', child_id: 'E', start_date: '2024-10-01', neglect_identified: false },
    ];
    const built = await buildFixture({ early_help }, { runDate: '2025-01-15' });
    expect(numbers(built.measure('NG03', '2024-25 Q2'))).toEqual({
      status: 'ok',
      numerator: 1,
      denominator: 2,
    });
    expect(numbers(built.measure('NG03', '2024-25 Q3'))).toEqual({
      status: 'not_applicable',
      numerator: 0,
      denominator: 0,
    });
  });

  it('NG04 counts distinct children on an open plan whose latest category, else initial, is neglect', async () => {
    const cp_plans = [
      plan('P1', 'A', '2024-07-01', null, { initial_category: 'PHY', latest_category: 'NEG' }),
      plan('P2', 'B', '2024-07-01', null, { initial_category: 'NEG' }),
      plan('P3', 'C', '2024-07-01', null, { initial_category: 'NEG', latest_category: 'EMO' }),
      plan('P4', 'D', '2024-07-01', null, { initial_category: 'NEG' }),
      plan('P5', 'D', '2024-08-01', null, { initial_category: 'NEG' }),
    ];
    const built = await buildFixture({ cp_plans, population: POPULATION }, { runDate: '2024-10-15' });
    expect(numbers(built.measure('NG04', '2024-25 Q2'))).toEqual({
      status: 'ok',
      numerator: 3,
      denominator: 20000,
    });
    expect(built.indicator('NG04', '2024-25 Q2').value).toBe(1.5);
  });
});

describe('priority themes', () => {
  it('PT01 counts sexual abuse strategy discussions with the SARC invited, [z] when the quarter has none about sexual abuse', async () => {
    const base = { concern_category: 'SAB' };
    const strategy_discussions: FixtureRow[] = [
      { strategy_id: 'S1', child_id: 'A', strategy_date: '2024-07-01', ...base, sarc_invited: true },
      { strategy_id: 'S2', child_id: 'B', strategy_date: '2024-07-01', ...base, sarc_invited: false },
      { strategy_id: 'S3', child_id: 'C', strategy_date: '2024-07-01', ...base, sarc_invited: null },
      {
        strategy_id: 'S4',
        child_id: 'D',
        strategy_date: '2024-07-01',
        concern_category: 'NEG',
        sarc_invited: true,
      },
      {
        strategy_id: 'S5',
        child_id: 'E',
        strategy_date: '2024-10-01',
        concern_category: 'NEG',
        sarc_invited: true,
      },
    ];
    const built = await buildFixture({ strategy_discussions }, { runDate: '2025-01-15' });
    expect(numbers(built.measure('PT01', '2024-25 Q2'))).toEqual({
      status: 'ok',
      numerator: 1,
      denominator: 3,
    });
    expect(numbers(built.measure('PT01', '2024-25 Q3'))).toEqual({
      status: 'not_applicable',
      numerator: 0,
      denominator: 0,
    });
    expect(built.indicator('PT01', '2024-25 Q3').display).toBe('[z]');
  });

  it('PT02 counts children seen alone among assessments where it was recorded', async () => {
    const assessments: FixtureRow[] = [
      {
        assessment_id: 'A1',
        child_id: 'A',
        start_date: '2024-07-01',
        authorised_date: '2024-07-10',
        child_seen_alone: true,
      },
      {
        assessment_id: 'A2',
        child_id: 'B',
        start_date: '2024-07-01',
        authorised_date: '2024-07-10',
        child_seen_alone: false,
      },
      {
        assessment_id: 'A3',
        child_id: 'C',
        start_date: '2024-07-01',
        authorised_date: '2024-07-10',
        child_seen_alone: null,
      },
    ];
    const built = await buildFixture({ assessments }, { runDate: '2024-10-15' });
    expect(numbers(built.measure('PT02', '2024-25 Q2'))).toEqual({
      status: 'ok',
      numerator: 1,
      denominator: 2,
    });
  });

  // Partner-return indicators need a period: one contact makes 2023-24 Q4 the first.
  const anchor = [contact('C1', '2024-01-02 10:00', null)];

  it('PT03 sums 4 quarters of YJS returns per 100,000 aged 10-17, [x] when a quarter is missing (own return missing only there)', async () => {
    const partner_returns = [
      ret('YJS', 'PT03', '2023-24 Q4', 3),
      ret('YJS', 'PT03', '2024-25 Q1', 4),
      // 2024-25 Q2 missing
      ret('YJS', 'PT03', '2024-25 Q3', 5),
      ret('YJS', 'PT03', '2024-25 Q4', 6),
      ret('YJS', 'PT03', '2025-26 Q1', 7),
      ret('YJS', 'PT03', '2025-26 Q2', 8),
      ret('POLICE', 'PT03', '2024-25 Q2', 99), // not the owner's return
    ];
    const built = await buildFixture(
      { contacts: anchor, partner_returns, population: POPULATION },
      { runDate: '2025-12-01' },
    );
    expect(numbers(built.measure('PT03', '2024-25 Q1'))).toEqual({
      status: 'no_data',
      numerator: null,
      denominator: null,
    });
    expect(built.measure('PT03', '2024-25 Q2').ownReturnMissing).toBe(true);
    expect(built.measure('PT03', '2024-25 Q3').ownReturnMissing).toBe(false);
    expect(built.measure('PT03', '2025-26 Q1').status).toBe('no_data');
    // 2025-26 Q2: 5 + 6 + 7 + 8 = 26 per 10,000 aged 10-17 (mid-2023, the latest estimate).
    expect(numbers(built.measure('PT03', '2025-26 Q2'))).toEqual({
      status: 'ok',
      numerator: 26,
      denominator: 10000,
    });
    expect(built.indicator('PT03', '2025-26 Q2').value).toBe(260);
  });

  it('PT04 takes the police return, the later-sorting file winning a same-day tie', async () => {
    const partner_returns = [
      {
        fileName: 'partner_returns_20250415.csv',
        extractDate: '2025-04-15',
        rows: [ret('POLICE', 'PT04', '2023-24 Q4', 250)],
      },
      {
        fileName: 'partner_returns_20250415_police.csv',
        extractDate: '2025-04-15',
        rows: [ret('POLICE', 'PT04', '2023-24 Q4', 252)],
      },
      {
        fileName: 'partner_returns_20250410.csv',
        extractDate: '2025-04-10',
        rows: [ret('POLICE', 'PT04', '2023-24 Q4', 248), ret('POLICE', 'PT04', '2024-25 Q1', 240)],
      },
    ];
    const built = await buildFixture({ contacts: anchor, partner_returns }, { runDate: '2024-08-01' });
    expect(numbers(built.measure('PT04', '2023-24 Q4'))).toEqual({
      status: 'ok',
      numerator: 252,
      denominator: null,
    });
    // A row absent from the later files is kept.
    expect(numbers(built.measure('PT04', '2024-25 Q1'))).toEqual({
      status: 'ok',
      numerator: 240,
      denominator: null,
    });
  });

  it("PT05 takes the health return's numerator and denominator, [x] with the return missing", async () => {
    const partner_returns = [ret('HEALTH', 'PT05', '2023-24 Q4', 45, 50)];
    const built = await buildFixture({ contacts: anchor, partner_returns }, { runDate: '2024-08-01' });
    expect(numbers(built.measure('PT05', '2023-24 Q4'))).toEqual({
      status: 'ok',
      numerator: 45,
      denominator: 50,
    });
    expect(built.indicator('PT05', '2023-24 Q4').value).toBe(90);
    expect(built.measure('PT05', '2024-25 Q1')).toMatchObject({ status: 'no_data', ownReturnMissing: true });
    expect(built.indicator('PT05', '2024-25 Q1').display).toBe('[x]');
  });

  it('PT06 takes the OSCP audit return, 0 of 4 being 0%', async () => {
    const partner_returns = [ret('OSCP', 'PT06', '2023-24 Q4', 0, 4)];
    const built = await buildFixture({ contacts: anchor, partner_returns }, { runDate: '2024-08-01' });
    expect(numbers(built.measure('PT06', '2023-24 Q4'))).toEqual({
      status: 'ok',
      numerator: 0,
      denominator: 4,
    });
    expect(built.indicator('PT06', '2023-24 Q4').value).toBe(0);
  });
});
