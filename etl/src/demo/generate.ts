import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { datasetHeaders } from '../contracts';
import { loadDfePopulation } from '../reference/dfe';
import { DATASETS, type Dataset } from '../types';
import { CsvFileWriter } from './csv-writer';
import {
  DEMO_FIRST_DAY,
  DayTable,
  dayNumberOf,
  isoOfDayNumber,
  quarterIndexOf,
  quartersEndedBy,
  type DemoQuarter,
} from './days';
import { SeededRandom, WeightedChoice, pseudonymousChildId } from './prng';

/** The datasets the demo writes: all but comparators (the DfE's are shipped). */
const DEMO_DATASETS = DATASETS.filter(
  (dataset): dataset is Exclude<Dataset, 'comparators'> => dataset !== 'comparators',
);
export type DemoDataset = (typeof DEMO_DATASETS)[number];

/** The header of every dataset the demo writes, in the data contract's column order. */
export const DEMO_DATASET_HEADERS = Object.fromEntries(
  DEMO_DATASETS.map((dataset) => [dataset, datasetHeaders()[dataset]]),
) as Record<DemoDataset, readonly string[]>;

export interface DemoInboxOptions {
  /** Inbox folder to write into (created if missing); files are `<dataset>/<dataset>_<YYYYMMDD>.csv`. */
  outDir: string;
  /** Same seed, scale and as-of date give byte-identical files. Default 1. */
  seed?: number;
  /** 1 = Oldham-sized (about 30,000 contacts a year); volumes scale linearly. Default 1. */
  scale?: number;
  /** `YYYY-MM-DD`; events run to the end of the last quarter ended by this date. Default today (UTC). */
  asOf?: string;
  /** DfE LA number whose ONS 0-17 population sizes the data. Default 353 (Oldham). */
  laCode?: number;
}

export interface DemoInboxFile {
  dataset: DemoDataset;
  path: string;
  /** Data rows, the header not included (deliberately bad rows included). */
  rows: number;
}

export interface DemoInboxResult {
  files: DemoInboxFile[];
}

const OLDHAM = 353;
/** Oldham's ONS mid-2024 0-17 estimate: the size that scale 1 reproduces. */
const OLDHAM_CHILDREN = 64_069;
const CONTACTS_PER_YEAR = 30_000;
/** Share of the 0-17 population aged 10-17 (not in the DfE files). */
const AGED_10_TO_17_SHARE = 0.45;
/** About 1 row in 1,000 of the record-level files is made invalid, for the validator. */
const BAD_ROW_RATE = 0.001;
/** Plans already open on 1 April 2022 start in the year before (the extract holds open plans). */
const OPENING_STOCK_FIRST_DAY = dayNumberOf('2021-04-01');

const REFERRAL_SOURCES = new WeightedChoice<string>([
  ['6', 29],
  ['2A', 18],
  ['2B', 1.5],
  ['3A', 3],
  ['3B', 2.5],
  ['3C', 1],
  ['3D', 2],
  ['3E', 3],
  ['3F', 2.5],
  ['5A', 4],
  ['5B', 3],
  ['5C', 3],
  ['5D', 2],
  ['1A', 2],
  ['1B', 3],
  ['1C', 1.5],
  ['1D', 1],
  ['4', 2],
  ['7', 2],
  ['8', 5],
  ['9', 2],
  ['10', 1],
]);
const CONTACT_OUTCOMES = new WeightedChoice<string>([
  ['REFERRAL', 18],
  ['EARLY_HELP', 15],
  ['ADVICE', 30],
  ['NFA', 37],
]);
const PRIMARY_NEEDS = new WeightedChoice<string>([
  ['N1', 55],
  ['N2', 3],
  ['N3', 3],
  ['N4', 8],
  ['N5', 15],
  ['N6', 3],
  ['N7', 1],
  ['N8', 2],
  ['N9', 10],
]);
const CONCERN_CATEGORIES = new WeightedChoice<string>([
  ['NEG', 42],
  ['EMO', 22],
  ['PHY', 18],
  ['SAB', 10],
  ['MUL', 8],
]);
const OTHER_FACTORS = new WeightedChoice<string>([
  ['3B', 14],
  ['3A', 4],
  ['3C', 3],
  ['4B', 12],
  ['4A', 4],
  ['2B', 6],
  ['1B', 4],
  ['17A', 9],
  ['18B', 3],
  ['19B', 2],
  ['10A', 2],
  ['11A', 1.5],
  ['24A', 1.5],
  ['14A', 2],
  ['15A', 2],
  ['6B', 2],
  ['5B', 1.5],
  ['7A', 1],
  ['20', 3],
]);
/** Hours of the day for contacts on a working day (hour 1 never: it is skipped when clocks go forward). */
const WORKING_DAY_HOURS = new WeightedChoice<number>([
  [0, 0.5],
  [2, 0.3],
  [3, 0.3],
  [4, 0.3],
  [5, 0.4],
  [6, 0.8],
  [7, 2],
  [8, 6],
  [9, 10],
  [10, 11],
  [11, 11],
  [12, 9],
  [13, 10],
  [14, 10],
  [15, 9],
  [16, 7],
  [17, 4],
  [18, 2.5],
  [19, 2],
  [20, 1.5],
  [21, 1.2],
  [22, 1],
  [23, 0.7],
]);
const MONTH_FACTORS = [1.0, 1.02, 1.05, 0.95, 1.05, 1.05, 1.0, 0.72, 1.12, 1.1, 1.1, 0.92];
const WEEKDAY_FACTORS = [0.3, 1.15, 1.1, 1.1, 1.1, 1.0, 0.35];
const ICPC_AGENCIES: readonly (readonly [string, number])[] = [
  ['POLICE', 1],
  ['HEALTH', 1],
  ['EDUCATION', 1],
  ['EARLY_HELP', 0.3],
  ['HOUSING', 0.15],
  ['PROBATION', 0.12],
  ['YJS', 0.08],
  ['OTHER', 0.05],
];
const RCPC_AGENCIES: readonly (readonly [string, number])[] = [
  ['HEALTH', 1],
  ['EDUCATION', 1],
  ['POLICE', 0.6],
  ['EARLY_HELP', 0.25],
  ['HOUSING', 0.1],
  ['PROBATION', 0.1],
  ['YJS', 0.06],
];
const ATTENDANCE: Record<string, number> = { POLICE: 0.86, HEALTH: 0.93, EDUCATION: 0.94, SARC: 0.9 };

const TIMES: string[] = Array.from(
  { length: 1440 },
  (_, minute) =>
    `${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`,
);

function pad(sequence: number, width: number): string {
  return String(sequence).padStart(width, '0');
}

function todayIso(): string {
  return new Date().toISOString().slice(0, 10);
}

function validateOptions(options: DemoInboxOptions): {
  seed: number;
  scale: number;
  asOfDay: number;
  laCode: number;
} {
  const seed = options.seed ?? 1;
  const scale = options.scale ?? 1;
  const laCode = options.laCode ?? OLDHAM;
  if (!Number.isInteger(seed)) throw new Error(`The seed must be a whole number; got ${seed}.`);
  if (!Number.isFinite(scale) || scale <= 0)
    throw new Error(`The scale must be a number above 0; got ${scale}.`);
  if (!Number.isInteger(laCode)) throw new Error(`The LA code must be a whole number; got ${laCode}.`);
  const asOfDay = dayNumberOf(options.asOf ?? todayIso());
  return { seed, scale, asOfDay, laCode };
}

/** How a row writes its dates: `YYYY-MM-DD` or `DD/MM/YYYY` (the contract accepts both). */
type DateStyle = 'iso' | 'dmy';

/**
 * Writes a synthetic inbox: every dataset of the data contract, events from 1 April 2022 to
 * the end of the last quarter ended by `asOf`, Oldham-sized at scale 1. All data is invented;
 * child identifiers are pseudonyms derived from the seed.
 */
export async function generateDemoInbox(options: DemoInboxOptions): Promise<DemoInboxResult> {
  const { seed, scale, asOfDay, laCode } = validateOptions(options);
  const quarters = quartersEndedBy(asOfDay);
  const lastQuarter = quarters.at(-1);
  if (!lastQuarter) {
    throw new Error(
      `No quarter has ended by ${isoOfDayNumber(asOfDay)}: demo data starts with 2022-23 Q1, which ends on 2022-06-30.`,
    );
  }
  const generator = new DemoInboxGenerator(
    options.outDir,
    seed,
    scale,
    asOfDay,
    laCode,
    quarters,
    lastQuarter,
  );
  return generator.run();
}

class DemoInboxGenerator {
  private readonly random: SeededRandom;
  private readonly days: DayTable;
  private readonly lastDay: number;
  private readonly extractDay: number;
  private readonly sizeFactor: number;
  private readonly childPool: number;
  private readonly populationByYear: Map<number, number>;
  private readonly councilClosures: string[];
  private readonly writers = new Map<DemoDataset, CsvFileWriter>();
  private readonly sequences = new Map<DemoDataset | 'conference', number>();
  private readonly faultCounters = new Map<DemoDataset, number>();
  /** Recent referrals (child index, day) in date order, for re-referrals: a ring buffer. */
  private readonly recentChild: Int32Array;
  private readonly recentDay: Int32Array;
  private recentHead = 0;
  private recentCount = 0;
  /** Quarter whose SARC invitations lapse (PT01 red there), and whose decisions slow (FD02 amber). */
  private readonly sarcLapseQuarter: number;
  private readonly slowDecisionQuarter: number;

  constructor(
    private readonly outDir: string,
    private readonly seed: number,
    private readonly scale: number,
    asOfDay: number,
    laCode: number,
    private readonly quarters: DemoQuarter[],
    lastQuarter: DemoQuarter,
  ) {
    this.random = new SeededRandom(seed);
    this.lastDay = lastQuarter.last;
    this.extractDay = Math.min(this.lastDay + 7, asOfDay);
    this.populationByYear = populationOf(laCode);
    const latestPopulation =
      [...this.populationByYear.entries()].sort((a, b) => b[0] - a[0])[0]?.[1] ?? OLDHAM_CHILDREN;
    this.sizeFactor = (scale * latestPopulation) / OLDHAM_CHILDREN;
    this.childPool = Math.max(200, Math.round(latestPopulation * scale));
    this.councilClosures = councilClosureDays(OPENING_STOCK_FIRST_DAY, this.lastDay);
    // Room for plans and reviews running on past the last quarter before they are cut off.
    this.days = new DayTable(dayNumberOf('2019-01-01'), this.lastDay + 1200, this.councilClosures);
    const capacity = Math.ceil(CONTACTS_PER_YEAR * 0.2 * this.sizeFactor * 1.6) + 64;
    this.recentChild = new Int32Array(capacity);
    this.recentDay = new Int32Array(capacity);
    this.sarcLapseQuarter = quarters.length >= 3 ? quarters.length - 3 : 0;
    this.slowDecisionQuarter = quarters.length > 6 ? 6 : Math.max(0, quarters.length - 2);
  }

  async run(): Promise<DemoInboxResult> {
    const stamp = this.days.isoDate(this.extractDay).replace(/-/g, '');
    for (const dataset of DEMO_DATASETS) {
      const folder = join(this.outDir, dataset);
      await mkdir(folder, { recursive: true });
      this.writers.set(
        dataset,
        new CsvFileWriter(join(folder, `${dataset}_${stamp}.csv`), DEMO_DATASET_HEADERS[dataset]),
      );
    }
    try {
      await this.writeOpeningPlans();
      await this.writeEvents();
      this.writePartnerReturns();
      this.writePopulation();
      this.writeBankHolidays();
    } finally {
      for (const writer of this.writers.values()) await writer.close();
    }
    return {
      files: [...this.writers.entries()].map(([dataset, writer]) => ({
        dataset,
        path: writer.path,
        rows: writer.rows,
      })),
    };
  }

  private writer(dataset: DemoDataset): CsvFileWriter {
    const writer = this.writers.get(dataset);
    if (!writer) throw new Error(`No writer for ${dataset}.`);
    return writer;
  }

  private async flushFull(): Promise<void> {
    for (const writer of this.writers.values()) if (writer.needsFlush) await writer.flush();
  }

  private nextId(kind: DemoDataset | 'conference', prefix: string, width: number): string {
    const next = (this.sequences.get(kind) ?? 0) + 1;
    this.sequences.set(kind, next);
    return `${prefix}${pad(next, width)}`;
  }

  private childId(index: number): string {
    return pseudonymousChildId(this.seed, index);
  }

  private randomChild(): number {
    return this.random.int(0, this.childPool - 1);
  }

  /** Which deliberate fault (if any) this row gets: 0 bad date, 1 unknown code, 2 out of order, 3 duplicate. */
  private fault(dataset: DemoDataset): number {
    if (!this.random.chance(BAD_ROW_RATE)) return -1;
    const count = this.faultCounters.get(dataset) ?? 0;
    this.faultCounters.set(dataset, count + 1);
    return count % 4;
  }

  private emit(dataset: DemoDataset, cells: string[], fault: number): void {
    const writer = this.writer(dataset);
    writer.row(cells);
    if (fault === 3) writer.row(cells);
  }

  private dateStyle(dmyShare: number): DateStyle {
    return this.random.chance(dmyShare) ? 'dmy' : 'iso';
  }

  private date(day: number | null, style: DateStyle): string {
    if (day === null) return '';
    return style === 'dmy' ? this.days.dmyDate(day) : this.days.isoDate(day);
  }

  private datetime(day: number, minute: number, style: number): string {
    // Mostly ISO with T, some with a space and seconds, a few DD/MM/YYYY HH:MM.
    if (style < 0.88) return `${this.days.isoDate(day)}T${TIMES[minute] ?? '09:00'}`;
    if (style < 0.95) return `${this.days.isoDate(day)} ${TIMES[minute] ?? '09:00'}:00`;
    return `${this.days.dmyDate(day)} ${TIMES[minute] ?? '09:00'}`;
  }

  /** Null when the day is after the last quarter: the extract does not know it yet. */
  private known(day: number): number | null {
    return day <= this.lastDay ? day : null;
  }

  /** Position of a day between 1 April 2022 (0) and the last quarter's end (1). */
  private progress(day: number): number {
    return Math.min(1, Math.max(0, (day - DEMO_FIRST_DAY) / Math.max(1, this.lastDay - DEMO_FIRST_DAY)));
  }

  private dayFactor(day: number): number {
    const month = this.days.monthOf(day);
    const dayOfMonth = this.days.dayOfMonthOf(day);
    const weekday = this.days.weekdayOf(day);
    const holiday = weekday !== 0 && weekday !== 6 && !this.days.isWorkingDay(day);
    let factor = (MONTH_FACTORS[month - 1] ?? 1) * (holiday ? 0.35 : (WEEKDAY_FACTORS[weekday] ?? 1));
    if ((month === 12 && dayOfMonth >= 22) || (month === 1 && dayOfMonth <= 2)) factor *= 0.55;
    // Demand grows about 3% a year.
    return factor * (1 + 0.03 * ((day - DEMO_FIRST_DAY) / 365));
  }

  private async writeEvents(): Promise<void> {
    let factorSum = 0;
    for (let day = DEMO_FIRST_DAY; day <= this.lastDay; day += 1) factorSum += this.dayFactor(day);
    const years = (this.lastDay - DEMO_FIRST_DAY + 1) / 365.25;
    const contactsPerFactor = (CONTACTS_PER_YEAR * this.sizeFactor * years) / factorSum;
    for (let day = DEMO_FIRST_DAY; day <= this.lastDay; day += 1) {
      const contacts = this.random.poisson(contactsPerFactor * this.dayFactor(day));
      for (let i = 0; i < contacts; i += 1) this.writeContact(day);
      await this.flushFull();
    }
  }

  private rememberReferral(child: number, day: number): void {
    const capacity = this.recentChild.length;
    if (this.recentCount === capacity) {
      this.recentHead = (this.recentHead + 1) % capacity;
      this.recentCount -= 1;
    }
    const slot = (this.recentHead + this.recentCount) % capacity;
    this.recentChild[slot] = child;
    this.recentDay[slot] = day;
    this.recentCount += 1;
  }

  /** A child referred in the last 12 months, or null when there is none. */
  private recentlyReferredChild(today: number): number | null {
    const capacity = this.recentChild.length;
    while (this.recentCount > 0 && (this.recentDay[this.recentHead] ?? 0) < today - 360) {
      this.recentHead = (this.recentHead + 1) % capacity;
      this.recentCount -= 1;
    }
    if (this.recentCount === 0) return null;
    return this.recentChild[(this.recentHead + this.random.int(0, this.recentCount - 1)) % capacity] ?? null;
  }

  private writeContact(day: number): void {
    const random = this.random;
    const quarter = quarterIndexOf(this.days, day);
    const working = this.days.isWorkingDay(day);
    const hour = working
      ? WORKING_DAY_HOURS.pick(random)
      : random.pick([0, 2, 3, 6, 8, 9, 10, 11, 12, 14, 15, 16, 18, 19, 20, 21, 22, 23]);
    const minute = hour * 60 + random.int(0, 59);
    const source = REFERRAL_SOURCES.pick(random);
    const outcome = CONTACT_OUTCOMES.pick(random);
    // Re-referrals: some referrals are of a child referred in the last year (FD05 near 20-23%).
    const rereferralShare = 0.14 + 0.025 * Math.sin(quarter * 1.3);
    const recent =
      outcome === 'REFERRAL' && random.chance(rereferralShare) ? this.recentlyReferredChild(day) : null;
    const child = recent ?? this.randomChild();

    // MASH decision: within 1 working day for most (FD02), slower in one winter quarter.
    const onTimeShare = quarter === this.slowDecisionQuarter ? 0.925 : 0.968;
    let decisionDay: number;
    if (random.chance(onTimeShare)) {
      decisionDay = working && hour < 15 && random.chance(0.7) ? day : this.days.addWorkingDays(day, 1);
    } else {
      decisionDay = this.days.addWorkingDays(day, random.int(2, 4));
    }
    let decisionMinute =
      decisionDay === day ? Math.min(1439, minute + random.int(20, 240)) : random.int(8 * 60, 17 * 60 + 59);
    // Keep clear of 01:00-01:59, which does not exist (or happens twice) when the clocks change.
    if (decisionMinute >= 60 && decisionMinute < 120) decisionMinute += 60;
    const decided = this.known(decisionDay) !== null;

    const contactId = this.nextId('contacts', 'CT', 8);
    const style = random.next();
    const cells = [
      contactId,
      this.childId(child),
      this.datetime(day, minute, style),
      source,
      decided ? this.datetime(decisionDay, decisionMinute, style) : '',
      decided ? outcome : '',
    ];
    const fault = this.fault('contacts');
    if (fault === 0) cells[2] = `${this.days.isoDate(day).slice(0, 8)}32 ${TIMES[minute] ?? ''}`;
    if (fault === 1) cells[3] = '11Z';
    if (fault === 2) cells[4] = this.datetime(day - 1, minute, 0);
    if (fault === 2 && cells[5] === '') cells[5] = outcome;
    this.emit('contacts', cells, fault);

    if (!decided) return;
    if (outcome === 'REFERRAL') this.writeReferral(child, decisionDay, source, contactId);
    else if (outcome === 'EARLY_HELP' && random.chance(0.7)) this.writeEarlyHelp(child, decisionDay);
  }

  private writeReferral(child: number, day: number, source: string, contactId: string): void {
    const random = this.random;
    this.rememberReferral(child, day);
    const referralId = this.nextId('referrals', 'RF', 8);
    const style = this.dateStyle(0.05);
    const closure = this.known(day + random.int(14, 240));
    const cells = [
      referralId,
      this.childId(child),
      this.date(day, style),
      source,
      contactId,
      random.chance(0.03) ? '' : PRIMARY_NEEDS.pick(random),
      this.date(closure, style),
    ];
    const fault = this.fault('referrals');
    if (fault === 0) cells[2] = `31/02/${this.days.yearOf(day)}`;
    if (fault === 1) cells[5] = 'N12';
    if (fault === 2) cells[6] = this.date(day - 5, 'iso');
    this.emit('referrals', cells, fault);

    if (random.chance(0.9)) this.writeAssessment(child, day, referralId);
    if (random.chance(0.44)) this.writeStrategyDiscussion(child, day);
  }

  private writeAssessment(child: number, referralDay: number, referralId: string): void {
    const random = this.random;
    const start = this.days.addWorkingDays(referralDay, random.int(0, 2));
    if (this.known(start) === null) return;
    // FD07 drifts down: about 94.5% within 45 working days at the start, about 83% by the end.
    const onTimeShare = 0.945 - 0.115 * this.progress(start);
    const workingDays = random.chance(onTimeShare) ? random.int(8, 45) : random.int(46, 75);
    const authorised = this.known(this.days.addWorkingDays(start, workingDays));
    const factors = new Set<string>();
    if (random.chance(0.25)) factors.add('16A');
    const extra = random.int(0, 3);
    for (let i = 0; i < extra; i += 1) factors.add(OTHER_FACTORS.pick(random));
    if (factors.size === 0) factors.add('21');
    const seenAlone = random.next();
    const style = this.dateStyle(0.05);
    const cells = [
      this.nextId('assessments', 'AS', 8),
      this.childId(child),
      referralId,
      this.date(start, style),
      this.date(authorised, style),
      [...factors].join(random.chance(0.05) ? '; ' : ';'),
      seenAlone < 0.76 ? 'Y' : seenAlone < 0.9 ? 'N' : '',
    ];
    const fault = this.fault('assessments');
    if (fault === 0) cells[3] = `${this.days.yearOf(start)}-13-01`;
    if (fault === 1) cells[5] = `${cells[5] ?? ''};99Z`;
    if (fault === 2) cells[4] = this.date(start - 3, 'iso');
    this.emit('assessments', cells, fault);
  }

  private writeStrategyDiscussion(child: number, referralDay: number): void {
    const random = this.random;
    const strategyDay = this.days.addWorkingDays(referralDay, random.int(0, 2));
    if (this.known(strategyDay) === null) return;
    const quarter = quarterIndexOf(this.days, strategyDay);
    const category = CONCERN_CATEGORIES.pick(random);
    let sarcInvited: string;
    if (category === 'SAB')
      sarcInvited = random.chance(quarter === this.sarcLapseQuarter ? 0.7 : 0.99) ? 'Y' : 'N';
    else sarcInvited = random.chance(0.7) ? 'N' : '';

    let s47: number | null = null;
    let icpc: number | null = null;
    let icpcNotRequired = '';
    if (random.chance(0.84)) {
      s47 = this.known(random.chance(0.85) ? strategyDay : this.days.addWorkingDays(strategyDay, 1));
      if (s47 !== null && random.chance(0.27)) {
        // CP02 sits in amber: about 87% within 15 working days of the strategy discussion.
        const workingDays = random.chance(0.87) ? random.int(8, 15) : random.int(16, 24);
        icpc = this.known(this.days.addWorkingDays(strategyDay, workingDays));
        if (icpc !== null && random.chance(0.3)) icpcNotRequired = 'N';
      } else if (s47 !== null && random.chance(0.6)) {
        icpcNotRequired = 'Y';
      }
    }
    const strategyId = this.nextId('strategy_discussions', 'SD', 7);
    const style = this.dateStyle(0.03);
    const cells = [
      strategyId,
      this.childId(child),
      this.date(strategyDay, style),
      category,
      sarcInvited,
      this.date(s47, style),
      this.date(icpc, style),
      icpcNotRequired,
    ];
    const fault = this.fault('strategy_discussions');
    if (fault === 0) cells[2] = `30/02/${this.days.yearOf(strategyDay)}`;
    if (fault === 1) cells[3] = 'ABUSE';
    if (fault === 2) cells[5] = this.date(strategyDay - 2, 'iso');
    this.emit('strategy_discussions', cells, fault);

    if (icpc === null) return;
    this.writeConference(`IC${strategyId.slice(2)}`, 'ICPC', icpc, category === 'SAB');
    if (random.chance(0.92))
      this.writePlan(child, icpc, category === 'MUL' || random.chance(0.9) ? category : 'MUL');
  }

  /** Plans already open on 1 April 2022 (started in the year before), with their reviews. */
  private async writeOpeningPlans(): Promise<void> {
    // A year of starts, a little above the 500 a year that follow, stands in for the older plans still open.
    const starts = Math.round(640 * this.sizeFactor);
    for (let i = 0; i < starts; i += 1) {
      const start = this.days.nextWorkingDayOnOrAfter(
        this.random.int(OPENING_STOCK_FIRST_DAY, DEMO_FIRST_DAY - 1),
      );
      const length = this.planLengthDays();
      if (start + length < DEMO_FIRST_DAY) continue;
      this.writePlan(this.randomChild(), start, CONCERN_CATEGORIES.pick(this.random), length);
      await this.flushFull();
    }
  }

  private planLengthDays(): number {
    const r = this.random.next();
    if (r < 0.02) return this.random.int(30, 90);
    if (r < 0.6) return this.random.int(91, 365);
    if (r < 0.965) return this.random.int(366, 715);
    // Plans lasting 2 years or more (CP06 near its 3% target).
    return this.random.int(731, 975);
  }

  private writePlan(
    child: number,
    start: number,
    category: string,
    lengthDays = this.planLengthDays(),
  ): void {
    const random = this.random;
    const planned = this.days.nextWorkingDayOnOrAfter(start + lengthDays);
    const end = this.known(planned);
    const latest = random.next();
    const previous = random.next();
    const planId = this.nextId('cp_plans', 'CPP', 7);
    this.writer('cp_plans').row([
      planId,
      this.childId(child),
      this.days.isoDate(start),
      this.date(end, 'iso'),
      category,
      latest < 0.75 ? '' : latest < 0.9 ? category : random.pick(['NEG', 'EMO', 'MUL']),
      // Second or subsequent plans about 20% (CP05 inside its 15-23% range).
      previous < 0.15 ? '1' : previous < 0.19 ? '2' : previous < 0.2 ? '3' : previous < 0.75 ? '0' : '',
    ]);

    // Reviews: the first within 3 months of the start, then every 6 months, a few late (CP04).
    let due = this.days.addMonths(start, 3);
    for (;;) {
      const review = random.chance(0.975)
        ? this.days.previousWorkingDayOnOrBefore(due - random.int(0, 12))
        : this.days.nextWorkingDayOnOrAfter(due + random.int(1, 15));
      if (review >= planned || review > this.lastDay) break;
      const reviewId = this.nextId('cp_reviews', 'RV', 8);
      this.writer('cp_reviews').row([reviewId, planId, this.date(review, this.dateStyle(0.15))]);
      if (review >= DEMO_FIRST_DAY) this.writeConference(reviewId, 'RCPC', review, false);
      due = this.days.addMonths(review, 6);
    }
  }

  private writeConference(
    conferenceId: string,
    type: 'ICPC' | 'RCPC',
    day: number,
    sexualAbuse: boolean,
  ): void {
    const random = this.random;
    const invited = ['CSC'];
    for (const [agency, share] of type === 'ICPC' ? ICPC_AGENCIES : RCPC_AGENCIES)
      if (random.chance(share)) invited.push(agency);
    if (sexualAbuse && random.chance(0.5)) invited.push('SARC');
    const style = this.dateStyle(0.03);
    for (const agency of invited) {
      const attended = agency === 'CSC' || random.chance(ATTENDANCE[agency] ?? 0.88);
      let report: number | null = null;
      const r = random.next();
      if (agency === 'CSC') report = this.days.subtractWorkingDays(day, 3);
      else if (attended ? r < 0.84 : r < 0.4) report = this.days.subtractWorkingDays(day, random.int(2, 6));
      else if (attended && r < 0.93) report = this.days.subtractWorkingDays(day, random.int(0, 1));
      this.writer('conference_participation').row([
        conferenceId,
        type,
        this.date(day, style),
        agency,
        attended ? 'Y' : 'N',
        this.date(report, style),
      ]);
    }
  }

  private writeEarlyHelp(child: number, decisionDay: number): void {
    const random = this.random;
    const start = this.known(this.days.nextWorkingDayOnOrAfter(decisionDay + random.int(0, 10)));
    if (start === null) return;
    const workingDays = random.chance(0.88) ? random.int(5, 30) : random.int(31, 50);
    const assessed = this.known(this.days.addWorkingDays(start, workingDays));
    const neglect = random.next();
    const neglectIdentified = neglect < 0.2 ? 'Y' : neglect < 0.95 ? 'N' : '';
    // Graded Care Profile 2 for about 78% of neglect cases (NG03 amber).
    const gcp2 =
      neglectIdentified === 'Y' && random.chance(0.78) ? this.known(start + random.int(5, 40)) : null;
    const end = this.known(start + random.int(60, 300));
    const style = this.dateStyle(0.2);
    const cells = [
      this.nextId('early_help', 'EH', 8),
      this.childId(child),
      this.date(start, style),
      this.date(assessed, style),
      neglectIdentified,
      this.date(gcp2, style),
      this.date(end, style),
    ];
    const fault = this.fault('early_help');
    if (fault === 0) cells[2] = '2023-02-29';
    if (fault === 1) cells[4] = 'MAYBE';
    if (fault === 2) cells[3] = this.date(start - 7, 'iso');
    this.emit('early_help', cells, fault);
  }

  private populationFor(year: number): number {
    const years = [...this.populationByYear.keys()].sort((a, b) => a - b);
    const earlier = years.filter((y) => y <= year).at(-1) ?? years[0];
    return earlier === undefined ? OLDHAM_CHILDREN : (this.populationByYear.get(earlier) ?? OLDHAM_CHILDREN);
  }

  private writePartnerReturns(): void {
    const random = this.random;
    const writer = this.writer('partner_returns');
    const missingHealthQuarter = this.quarters.length >= 2 ? this.quarters.length - 2 : -1;
    for (const quarter of this.quarters) {
      const financialYear = 2022 + Math.floor(quarter.index / 4);
      const aged10To17 = this.populationFor(financialYear) * AGED_10_TO_17_SHARE * this.scale;
      // First-time entrants around 150-175 per 100,000 a year (PT03 green to amber).
      const ratePer100k = 160 + 15 * Math.sin(quarter.index * 0.9);
      writer.row([
        'YJS',
        'PT03',
        quarter.label,
        String(random.poisson((aged10To17 * ratePer100k) / 100_000 / 4)),
        '',
        '',
      ]);
      const policeSeason = quarter.index % 4 === 2 ? 1.1 : 1;
      writer.row([
        'POLICE',
        'PT04',
        quarter.label,
        String(random.poisson(620 * this.sizeFactor * policeSeason)),
        '',
        '',
      ]);
      if (quarter.index !== missingHealthQuarter) {
        const assessments = Math.max(1, random.poisson(42 * this.sizeFactor));
        writer.row([
          'HEALTH',
          'PT05',
          quarter.label,
          String(random.binomial(assessments, 0.87)),
          String(assessments),
          '',
        ]);
      }
      const audits = random.int(8, 12);
      writer.row(['OSCP', 'PT06', quarter.label, String(random.binomial(audits, 0.72)), String(audits), '']);
    }
  }

  private writePopulation(): void {
    const writer = this.writer('population');
    const lastYear = 2022 + Math.floor((this.quarters.length - 1) / 4);
    for (let year = 2021; year <= lastYear; year += 1) {
      const children = Math.round(this.populationFor(year) * this.scale);
      writer.row([String(year), '0-17', String(children)]);
      writer.row([String(year), '10-17', String(Math.round(children * AGED_10_TO_17_SHARE))]);
    }
  }

  private writeBankHolidays(): void {
    for (const date of this.councilClosures)
      this.writer('bank_holidays').row([date, 'Council closure (Christmas Eve)']);
  }
}

/** The LA's ONS 0-17 estimates by mid-year (throws a clear error for an unknown LA). */
function populationOf(laCode: number): Map<number, number> {
  const map = new Map<number, number>();
  for (const row of loadDfePopulation(laCode)) if (row.ageBand === '0-17') map.set(row.year, row.count);
  if (map.size === 0) map.set(2024, OLDHAM_CHILDREN);
  return map;
}

/** Christmas Eve on a weekday each year: a local closure day, sent in the `bank_holidays` file. */
function councilClosureDays(first: number, last: number): string[] {
  const closures: string[] = [];
  const firstYear = new Date(first * 86_400_000).getUTCFullYear();
  const lastYear = new Date(last * 86_400_000).getUTCFullYear();
  for (let year = firstYear; year <= lastYear; year += 1) {
    const day = Date.UTC(year, 11, 24) / 86_400_000;
    const weekday = new Date(day * 86_400_000).getUTCDay();
    if (day >= first && day <= last && weekday !== 0 && weekday !== 6) closures.push(isoOfDayNumber(day));
  }
  return closures;
}
