import { createHash } from 'node:crypto';
import { createWriteStream, type WriteStream } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import { dirname } from 'node:path';
import { machineMemoryLimit, sqlIdentifier, sqlString, withWarehouse } from '@oscp/warehouse';
import { loadContracts } from '../contracts';
import type { Finding, ValidateSubmissionInput, ValidationResult } from '../types';
import { checkWorkPaths, removeCheckWork } from '../validation/check-work';
import { fileRejection } from '../validation/file-rejection';
import { findingValue } from '../validation/mask';
import { parseFlag, parseInt32 } from '../validation/parsers';
import { pseudonymiseChildId } from './child-id-key';
import { CENSUS_PARQUET_COLUMNS, type CensusDataset } from './census-columns';
import {
  CensusParseError,
  NotACensusError,
  readCensus,
  type CensusChild,
  type CensusHeader,
  type CensusValue,
} from './census-reader';

/** Findings kept per file (row findings and warnings each); counts stay exact beyond it. */
export const MAX_CENSUS_FINDINGS = 100_000;

/** A date more than this many years before the census year began is flagged (no child's case is older). */
export const YEARS_BEFORE_CENSUS_YEAR_FLAGGED = 18;

/** What a census load counted, by kind: accepted children and records. */
export type CensusRecordCounts = {
  children: number;
  referrals: number;
  assessments: number;
  strategy_discussions: number;
  cp_plans: number;
  cp_reviews: number;
};

export interface CensusValidationInput extends ValidateSubmissionInput {
  /** The data folder's child identifier key (hex), see `loadOrCreateChildIdKey`. */
  childIdKey: string;
}

export interface CensusValidationResult extends ValidationResult {
  recordCounts: CensusRecordCounts | null;
  /** `YYYY-MM-DD` from `Header/CollectionDetails/ReferenceDate`, when the file got that far. */
  referenceDate: string | null;
}

const ISO_XS_DATE = /^(\d{4})-(\d{2})-(\d{2})(?:Z|[+-]\d{2}:\d{2})?$/;

/**
 * Validates a CIN census XML file and writes its records, mapped to the record-level datasets,
 * to `input.outputPath` as one Parquet file (`CENSUS_PARQUET_COLUMNS`). The file is streamed:
 * one child at a time is held, rows go to a CSV on disk and DuckDB turns it into Parquet.
 *
 * `LAchildID` becomes an HMAC of it (`pseudonymiseChildId`); no other identifier or
 * characteristic is read out of the XML. Findings follow the CSV rules: a file that is not
 * well-formed XML, not a census, or has no census date is rejected (with the parser's line and
 * column); a record breaking a rule is quarantined with the element, the XML line and the
 * child's position in the file; more than `rejectThresholdPct` of records failing rejects the
 * file. A date far outside the census year is a warning: the record still loads.
 */
export async function validateCensusSubmission(
  input: CensusValidationInput,
): Promise<CensusValidationResult> {
  const run = new CensusRun(input);
  try {
    return await run.execute();
  } finally {
    await removeCheckWork(input.outputPath);
  }
}

interface CensusYear {
  referenceDate: string;
  /** 1 April of the year before the census date. */
  start: string;
  /** Dates before this are flagged. */
  earliestPlausible: string;
  label: string;
}

type Row = Partial<Record<string, string | null>>;

class CensusRun {
  readonly csvPath: string;
  /** Where DuckDB spills past its memory limit: beside the output, in the data folder. */
  readonly spillPath: string;
  private readonly findings: Finding[] = [];
  private rowFindings = 0;
  private warnings = 0;
  private recordsRead = 0;
  private recordsFailed = 0;
  private readonly counts: CensusRecordCounts = {
    children: 0,
    referrals: 0,
    assessments: 0,
    strategy_discussions: 0,
    cp_plans: 0,
    cp_reviews: 0,
  };
  private year: CensusYear | null = null;
  private readonly codes: Record<
    'referral_source' | 'primary_need' | 'category_of_abuse' | 'assessment_factor',
    Set<string>
  >;
  private buffer = '';
  /**
   * Referrals seen so far per (pseudonymised child, referral date), across the whole file: a
   * child listed twice still gets one id per episode, so a key never repeats within a census.
   */
  private readonly referralOccurrences = new Map<string, number>();

  constructor(private readonly input: CensusValidationInput) {
    const work = checkWorkPaths(input.outputPath);
    this.csvPath = work.rowsCsv;
    this.spillPath = work.spill;
    const lists = loadContracts().codeLists;
    const set = (name: string): Set<string> => new Set((lists[name]?.codes ?? []).map((entry) => entry.code));
    this.codes = {
      referral_source: set('referral_source'),
      primary_need: set('primary_need'),
      category_of_abuse: set('category_of_abuse'),
      assessment_factor: set('assessment_factor'),
    };
  }

  async execute(): Promise<CensusValidationResult> {
    await mkdir(dirname(this.input.outputPath), { recursive: true });
    const out = createWriteStream(this.csvPath, { encoding: 'utf8' });
    const closed = new Promise<void>((resolve, reject) => {
      out.on('close', resolve);
      out.on('error', reject);
    });
    this.buffer = `${CENSUS_PARQUET_COLUMNS.map(([name]) => name).join(',')}\n`;
    try {
      for await (const event of readCensus(this.input.path)) {
        if (event.kind === 'header') {
          const problem = this.readHeader(event.header);
          if (problem) return problem;
          continue;
        }
        if (!this.year)
          return this.reject(
            'missing_reference_date',
            'has no Header/CollectionDetails/ReferenceDate, so its census year is unknown',
            null,
          );
        this.child(event.child, this.year);
        if (this.buffer.length >= 1 << 16) {
          await write(out, this.buffer);
          this.buffer = '';
        }
      }
      await write(out, this.buffer);
    } catch (error) {
      if (error instanceof CensusParseError) {
        const what = error.problem === 'encoding' ? 'is not UTF-8 text' : 'is not well-formed XML';
        return this.reject(
          error.problem,
          `${what}: line ${error.line}, column ${error.column}: ${error.detail}`,
          null,
          error.line,
        );
      }
      if (error instanceof NotACensusError)
        return this.reject('not_cin_census', `is not a CIN census: it ${error.detail}`, null);
      throw error;
    } finally {
      out.end();
      await closed;
    }
    if (!this.year)
      return this.reject(
        'missing_reference_date',
        'has no Header/CollectionDetails/ReferenceDate, so its census year is unknown',
        null,
      );
    const threshold = this.input.rejectThresholdPct;
    if (this.recordsFailed * 100 > threshold * this.recordsRead) {
      const share = ((100 * this.recordsFailed) / this.recordsRead).toFixed(1);
      return this.reject(
        'too_many_failing_rows',
        `has ${this.recordsFailed} of ${this.recordsRead} records (${share}%) failing rules, more than the ${threshold}% allowed`,
        null,
      );
    }
    await this.writeParquet();
    this.findings.sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
    return {
      status: 'accepted',
      rowsRead: this.recordsRead,
      rowsAccepted: this.recordsRead - this.recordsFailed,
      rowsQuarantined: this.recordsFailed,
      reason: null,
      findings: this.findings,
      outputPath: this.input.outputPath,
      recordCounts: this.counts,
      referenceDate: this.year.referenceDate,
    };
  }

  private readHeader(header: CensusHeader): CensusValidationResult | null {
    const reference = header.referenceDate;
    if (!reference || reference.text === '')
      return this.reject(
        'missing_reference_date',
        'has no Header/CollectionDetails/ReferenceDate, so its census year is unknown',
        'ReferenceDate',
      );
    const date = parseXsDate(reference.text);
    if (!date) {
      return this.reject(
        'date_format',
        `has a census date (Header/CollectionDetails/ReferenceDate, line ${reference.line}) "${reference.text.slice(0, 50)}" that is not a date YYYY-MM-DD`,
        'ReferenceDate',
        reference.line,
      );
    }
    const referenceYear = Number(date.slice(0, 4));
    const startYear = date.slice(5) >= '04-01' ? referenceYear : referenceYear - 1;
    this.year = {
      referenceDate: date,
      start: `${startYear}-04-01`,
      earliestPlausible: `${startYear - YEARS_BEFORE_CENSUS_YEAR_FLAGGED}-04-01`,
      label: `the year to ${date}`,
    };
    return null;
  }

  /** Maps one child's records to rows; a record that breaks a rule is counted and left out. */
  private child(child: CensusChild, year: CensusYear): void {
    const where = `child ${child.position}`;
    const records = child.episodes.reduce(
      (sum, episode) =>
        sum +
        1 +
        episode.assessments.length +
        episode.section47s.length +
        episode.plans.reduce((plans, plan) => plans + 1 + plan.reviews.length, 0),
      0,
    );
    this.recordsRead += records;
    const laChildId = child.laChildId?.text ?? '';
    if (laChildId === '') {
      this.recordsFailed += records;
      this.rowFinding(
        child.laChildId?.line ?? child.line,
        where,
        'LAchildID',
        '',
        'required',
        `is missing, so none of this child's ${records} record(s) can be loaded`,
      );
      return;
    }
    if (records === 0) {
      this.rowFinding(
        child.line,
        where,
        'CINdetails',
        null,
        'required',
        'has no CINdetails, so nothing about this child can be loaded',
        'warning',
      );
      return;
    }
    this.counts.children += 1;
    const childId = pseudonymiseChildId(this.input.childIdKey, laChildId);
    for (const episode of child.episodes) {
      const episodeWhere = `${where}, referral ${episode.position}`;
      const seen = `${childId}\u001f${episode.referralDate?.text ?? ''}`;
      const occurrence = (this.referralOccurrences.get(seen) ?? 0) + 1;
      this.referralOccurrences.set(seen, occurrence);
      const referralId = generatedId('referral', [
        childId,
        episode.referralDate?.text ?? '',
        String(occurrence),
      ]);
      const check = new RecordCheck(this, year, episodeWhere, episode.line);
      const referralDate = check.date(episode.referralDate, 'CINreferralDate', true);
      const source = check.code(
        episode.referralSource,
        'ReferralSource',
        true,
        this.codes.referral_source,
        'referral source',
      );
      const need = check.code(
        episode.primaryNeed,
        'PrimaryNeedCode',
        false,
        this.codes.primary_need,
        'primary need',
      );
      const closure = check.date(episode.closureDate, 'CINclosureDate', false);
      check.notBefore(episode.closureDate, closure, 'CINclosureDate', referralDate, 'CINreferralDate');
      this.emit('referrals', episode.line, check, {
        referral_id: referralId,
        child_id: childId,
        referral_date: referralDate,
        source,
        primary_need_code: need,
        closure_date: closure,
      });

      for (const assessment of episode.assessments) {
        const a = new RecordCheck(
          this,
          year,
          `${episodeWhere}, assessment ${assessment.position}`,
          assessment.line,
        );
        const start = a.date(assessment.startDate, 'AssessmentActualStartDate', true);
        const authorised = a.date(assessment.authorisationDate, 'AssessmentAuthorisationDate', false);
        a.notBefore(
          assessment.authorisationDate,
          authorised,
          'AssessmentAuthorisationDate',
          start,
          'AssessmentActualStartDate',
        );
        const factors = assessment.factors
          .map((factor) =>
            a.code(factor, 'AssessmentFactors', false, this.codes.assessment_factor, 'assessment factor'),
          )
          .filter((factor): factor is string => factor !== null);
        this.emit('assessments', assessment.line, a, {
          assessment_id: generatedId('assessment', [referralId, String(assessment.position)]),
          child_id: childId,
          referral_id: referralId,
          start_date: start,
          authorised_date: authorised,
          factors: factors.length > 0 ? factors.join(';') : null,
        });
      }

      for (const s47 of episode.section47s) {
        const s = new RecordCheck(this, year, `${episodeWhere}, Section47 ${s47.position}`, s47.line);
        const start = s.date(s47.startDate, 'S47ActualStartDate', true);
        const icpc = s.date(s47.icpcDate, 'DateOfInitialCPC', false);
        s.notBefore(s47.icpcDate, icpc, 'DateOfInitialCPC', start, 'S47ActualStartDate');
        const notRequired = s.flag(s47.icpcNotRequired, 'ICPCnotRequired');
        if (notRequired === 'true' && icpc !== null && s47.icpcNotRequired) {
          s.fail(
            s47.icpcNotRequired,
            'ICPCnotRequired',
            'not_together',
            'is true, but the enquiry also has a DateOfInitialCPC',
          );
        }
        this.emit('strategy_discussions', s47.line, s, {
          strategy_id: generatedId('s47', [referralId, String(s47.position)]),
          child_id: childId,
          strategy_date: start,
          s47_start_date: start,
          icpc_date: icpc,
          icpc_not_required: notRequired,
        });
      }

      for (const plan of episode.plans) {
        const planWhere = `${episodeWhere}, ChildProtectionPlans ${plan.position}`;
        const p = new RecordCheck(this, year, planWhere, plan.line);
        const start = p.date(plan.startDate, 'CPPstartDate', true);
        const end = p.date(plan.endDate, 'CPPendDate', false);
        p.notBefore(plan.endDate, end, 'CPPendDate', start, 'CPPstartDate');
        const initial = p.code(
          plan.initialCategory,
          'InitialCategoryOfAbuse',
          true,
          this.codes.category_of_abuse,
          'category of abuse',
        );
        const latest = p.code(
          plan.latestCategory,
          'LatestCategoryOfAbuse',
          false,
          this.codes.category_of_abuse,
          'category of abuse',
        );
        const previous = p.count(plan.previousPlans, 'NumberOfPreviousCPP');
        const planId = generatedId('plan', [referralId, String(plan.position)]);
        const planLoaded = this.emit('cp_plans', plan.line, p, {
          plan_id: planId,
          child_id: childId,
          start_date: start,
          end_date: end,
          initial_category: initial,
          latest_category: latest,
          previous_plans: previous,
        });
        plan.reviews.forEach((review, index) => {
          const r = new RecordCheck(this, year, `${planWhere}, review ${index + 1}`, review.line);
          const date = r.date(review, 'CPPreviewDate', true);
          if (planLoaded) {
            if (date !== null && start !== null && date < start) {
              r.fail(
                review,
                'CPPreviewDate',
                'before_plan_start',
                `is before the plan's CPPstartDate (${start})`,
              );
            }
          } else {
            r.fail(
              null,
              'CPPreviewDate',
              'plan_quarantined',
              'belongs to a plan that was quarantined, so it cannot be loaded',
            );
          }
          this.emit('cp_reviews', review.line, r, {
            review_id: generatedId('review', [planId, String(index + 1)]),
            plan_id: planId,
            review_date: date,
          });
        });
      }
    }
  }

  /** Writes the record's row unless a check failed; answers whether it was written. */
  private emit(dataset: CensusDataset, line: number, check: RecordCheck, row: Row): boolean {
    if (check.failed) {
      this.recordsFailed += 1;
      return false;
    }
    this.counts[dataset] += 1;
    const reference = this.year?.referenceDate ?? '';
    let csv = `${dataset},${line},${reference}`;
    for (const [name] of CENSUS_PARQUET_COLUMNS.slice(3)) {
      const value = row[name];
      csv += value == null ? ',' : `,${csvField(value)}`;
    }
    this.buffer += `${csv}\n`;
    return true;
  }

  rowFinding(
    line: number,
    where: string,
    element: string,
    value: string | null,
    rule: string,
    detail: string,
    kind: 'row_quarantined' | 'warning' = 'row_quarantined',
  ): void {
    const count = kind === 'warning' ? (this.warnings += 1) : (this.rowFindings += 1);
    if (count > MAX_CENSUS_FINDINGS) {
      if (count === MAX_CENSUS_FINDINGS + 1) {
        this.findings.push({
          kind: 'warning',
          dataset: this.input.dataset,
          fileName: this.input.fileName,
          line: null,
          column: null,
          value: null,
          rule: 'findings_truncated',
          message: `${this.input.fileName}: more than ${MAX_CENSUS_FINDINGS} ${kind === 'warning' ? 'warnings' : 'findings'}; only the first ${MAX_CENSUS_FINDINGS} are listed (rule: findings_truncated)`,
        });
      }
      return;
    }
    // LAchildID is an identifier: only its shape is kept, as for `*_id` columns of a CSV.
    const stored =
      value === null || value === ''
        ? value
        : findingValue(element === 'LAchildID' ? 'child_id' : element, value);
    const what = stored === null ? 'the record' : stored === '' ? 'the element' : `"${stored}"`;
    this.findings.push({
      kind,
      dataset: this.input.dataset,
      fileName: this.input.fileName,
      line,
      column: element,
      value: stored,
      rule,
      message: `${this.input.fileName} line ${line}, ${where}, ${element}: ${what} ${detail} (rule: ${rule})`,
    });
  }

  private async writeParquet(): Promise<void> {
    const columns = CENSUS_PARQUET_COLUMNS.map(
      ([name, type]) =>
        `${sqlString(name)}: '${type.toLowerCase() === 'varchar[]' ? 'VARCHAR' : type.toUpperCase()}'`,
    ).join(', ');
    const source = `read_csv(${sqlString(this.csvPath)}, header = true, auto_detect = false, delim = ',', quote = '"', escape = '"', nullstr = '', columns = {${columns}})`;
    const select = CENSUS_PARQUET_COLUMNS.map(([name, type]) =>
      type.toLowerCase() === 'varchar[]'
        ? `string_split(${sqlIdentifier(name)}, ';') as ${sqlIdentifier(name)}`
        : sqlIdentifier(name),
    ).join(', ');
    await rm(this.input.outputPath, { force: true });
    // A tenth of the machine's memory, as every other file's check has (it levels off well below
    // that), spilling into the data folder past it rather than DuckDB's `.tmp` in the working folder.
    const options = { path: ':memory:', memoryLimit: machineMemoryLimit(0.1), tempDirectory: this.spillPath };
    await withWarehouse(options, async (warehouse) => {
      // Row order carries no meaning (`_line` keeps the file's order): without it, and on one
      // thread, DuckDB streams the CSV into Parquet holding about one row group, so its memory
      // levels off instead of growing with the file (`npm run bench:cin-census`).
      await warehouse.run('set preserve_insertion_order = false');
      await warehouse.run('set threads = 1');
      await warehouse.run(
        `copy (select ${select} from ${source}) to ${sqlString(this.input.outputPath)} (format parquet)`,
      );
    });
  }

  private reject(
    rule: string,
    detail: string,
    column: string | null,
    line: number | null = null,
  ): CensusValidationResult {
    const { finding, reason } = fileRejection(this.input, rule, detail, column, line);
    this.findings.unshift(finding);
    return {
      status: 'rejected',
      rowsRead: this.recordsRead,
      rowsAccepted: 0,
      rowsQuarantined: this.recordsFailed,
      reason,
      findings: this.findings,
      outputPath: null,
      recordCounts: null,
      referenceDate: this.year?.referenceDate ?? null,
    };
  }
}

/** The checks of one record: each failure is a finding; `failed` says whether to leave it out. */
class RecordCheck {
  failed = false;

  constructor(
    private readonly run: CensusRun,
    private readonly year: CensusYear,
    private readonly where: string,
    private readonly recordLine: number,
  ) {}

  fail(value: CensusValue | null, element: string, rule: string, detail: string): void {
    this.failed = true;
    this.run.rowFinding(
      value?.line ?? this.recordLine,
      this.where,
      element,
      value?.text ?? null,
      rule,
      detail,
    );
  }

  private missing(value: CensusValue | null, element: string, required: boolean): boolean {
    if (value && value.text !== '') return false;
    if (required) this.fail(value, element, 'required', 'is missing, but the record needs it');
    return true;
  }

  date(value: CensusValue | null, element: string, required: boolean): string | null {
    if (this.missing(value, element, required) || !value) return null;
    const date = parseXsDate(value.text);
    if (!date) {
      this.fail(value, element, 'date_format', 'is not a date YYYY-MM-DD');
      return null;
    }
    if (date > this.year.referenceDate) {
      this.warn(
        value,
        element,
        `is after the census date ${this.year.referenceDate}; the record is loaded, but check the date`,
      );
    } else if (date < this.year.earliestPlausible) {
      this.warn(
        value,
        element,
        `is more than ${YEARS_BEFORE_CENSUS_YEAR_FLAGGED} years before the census year (${this.year.label} began on ${this.year.start}); the record is loaded, but check the date`,
      );
    }
    return date;
  }

  notBefore(
    value: CensusValue | null,
    date: string | null,
    element: string,
    other: string | null,
    otherElement: string,
  ): void {
    if (value && date !== null && other !== null && date < other) {
      this.fail(value, element, 'not_before', `is before ${otherElement} (${other})`);
    }
  }

  code(
    value: CensusValue | null,
    element: string,
    required: boolean,
    codes: Set<string>,
    listName: string,
  ): string | null {
    if (this.missing(value, element, required) || !value) return null;
    const code = value.text.toUpperCase();
    if (!codes.has(code)) {
      this.fail(value, element, 'code_list', `is not a code of the ${listName} list`);
      return null;
    }
    return code;
  }

  flag(value: CensusValue | null, element: string): 'true' | 'false' | null {
    if (this.missing(value, element, false) || !value) return null;
    const flag = parseFlag(value.text);
    if (flag === undefined) {
      this.fail(value, element, 'flag_format', 'is not true, false, 1 or 0');
      return null;
    }
    return flag;
  }

  count(value: CensusValue | null, element: string): string | null {
    if (this.missing(value, element, false) || !value) return null;
    const parsed = parseInt32(value.text);
    if (parsed === undefined || Number(parsed) < 0) {
      this.fail(value, element, 'int_format', 'is not a whole number of 0 or more');
      return null;
    }
    return String(Number(parsed));
  }

  private warn(value: CensusValue, element: string, detail: string): void {
    this.run.rowFinding(
      value.line,
      this.where,
      element,
      value.text,
      'outside_census_year',
      detail,
      'warning',
    );
  }
}

/** `xs:date`: `YYYY-MM-DD`, optionally with a time zone (ignored: the date is the day recorded). */
export function parseXsDate(text: string): string | null {
  const match = ISO_XS_DATE.exec(text);
  if (!match) return null;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day)
    return null;
  return `${match[1]}-${match[2]}-${match[3]}`;
}

/**
 * A record id from what identifies it in the census: the pseudonymised child, the referral
 * date and the element's place in its episode. The same file loaded again, or the next year's
 * census repeating the episode, gives the same id, so "latest extract wins" applies by key.
 */
export function generatedId(
  kind: 'referral' | 'assessment' | 's47' | 'plan' | 'review',
  parts: readonly string[],
): string {
  const digest = createHash('sha256').update(parts.join('\u001f'), 'utf8').digest('hex').slice(0, 32);
  return `cin-${kind}-${digest}`;
}

function csvField(value: string): string {
  if (value === '') return '""';
  return /[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

function write(out: WriteStream, chunk: string): Promise<void> {
  if (chunk === '') return Promise.resolve();
  return new Promise((resolve, reject) => {
    out.write(chunk, (error) => (error ? reject(error) : resolve()));
  });
}
