import { createReadStream } from 'node:fs';
import { SaxesParser } from 'saxes';

/** A kept element's text, trimmed, and the line its start tag is on. */
export interface CensusValue {
  text: string;
  line: number;
}

/** `Header`: the census date, year and local authority. */
export interface CensusHeader {
  referenceDate: CensusValue | null;
  year: CensusValue | null;
  lea: CensusValue | null;
}

interface Positioned {
  /** 1-based place among its siblings of the same kind (the 2nd `Section47` of an episode is 2). */
  position: number;
  line: number;
}

export interface CensusAssessment extends Positioned {
  startDate: CensusValue | null;
  authorisationDate: CensusValue | null;
  factors: CensusValue[];
}

export interface CensusSection47 extends Positioned {
  startDate: CensusValue | null;
  icpcDate: CensusValue | null;
  icpcNotRequired: CensusValue | null;
}

export interface CensusPlan extends Positioned {
  startDate: CensusValue | null;
  endDate: CensusValue | null;
  initialCategory: CensusValue | null;
  latestCategory: CensusValue | null;
  previousPlans: CensusValue | null;
  reviews: CensusValue[];
}

/** One `CINdetails`: a referral episode and what happened in it. */
export interface CensusEpisode extends Positioned {
  referralDate: CensusValue | null;
  referralSource: CensusValue | null;
  primaryNeed: CensusValue | null;
  closureDate: CensusValue | null;
  assessments: CensusAssessment[];
  section47s: CensusSection47[];
  plans: CensusPlan[];
}

/**
 * One `Child`, holding only what the data contract maps. Identifiers and characteristics other
 * than `LAchildID` (UPN, former UPN, birth and death dates, sex, ethnicity, disabilities) are
 * never copied out of the parser's events, so they cannot reach anything stored or logged.
 */
export interface CensusChild extends Positioned {
  laChildId: CensusValue | null;
  episodes: CensusEpisode[];
}

export type CensusEvent = { kind: 'header'; header: CensusHeader } | { kind: 'child'; child: CensusChild };

/** The file is not well-formed XML (or not UTF-8): where the parser stopped, and why. */
export class CensusParseError extends Error {
  constructor(
    readonly line: number,
    readonly column: number,
    readonly detail: string,
    readonly problem: 'malformed_xml' | 'encoding',
  ) {
    super(`line ${line}, column ${column}: ${detail}`);
    this.name = 'CensusParseError';
  }
}

/** The file is XML but not a CIN census (wrong root element, no `Children`). */
export class NotACensusError extends Error {
  constructor(readonly detail: string) {
    super(detail);
    this.name = 'NotACensusError';
  }
}

type Leaf = (value: CensusValue) => void;

/**
 * Streams a CIN census XML file with saxes: the header once (when `Children` starts), then one
 * event per `Child` as soon as its end tag is read. Only one child is held at a time, so memory
 * does not grow with the file. Throws `CensusParseError` for malformed XML or bytes that are not
 * UTF-8, `NotACensusError` for XML of another shape. Element names are matched without any
 * namespace prefix; the 2017-2025 schema variants differ only in elements this reader skips
 * (`GenderCurrent`/`Sex`) or in optional blocks.
 */
export async function* readCensus(path: string): AsyncGenerator<CensusEvent> {
  const parser = new SaxesParser({ position: true });
  const decoder = new TextDecoder('utf-8', { fatal: true });
  const state = new CensusState();
  let failure: CensusParseError | null = null;
  parser.on('error', (error) => {
    failure ??= new CensusParseError(
      parser.line,
      parser.column,
      plainSaxesMessage(error.message),
      'malformed_xml',
    );
  });
  parser.on('opentag', (tag) => state.open(localName(tag.name), parser.line));
  parser.on('text', (text) => state.text(text));
  parser.on('cdata', (text) => state.text(text));
  parser.on('closetag', (tag) => state.close(localName(tag.name)));

  const stream = createReadStream(path);
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      let text: string;
      try {
        text = decoder.decode(chunk, { stream: true });
      } catch {
        throw new CensusParseError(parser.line, parser.column + 1, 'the file is not UTF-8 text', 'encoding');
      }
      parser.write(text);
      if (failure) throw failure;
      if (state.problem) throw new NotACensusError(state.problem);
      yield* state.drain();
    }
    parser.close();
    if (failure) throw failure;
    if (state.problem) throw new NotACensusError(state.problem);
    yield* state.drain();
    if (!state.sawRoot) throw new NotACensusError('holds no XML elements');
    if (!state.sawChildren) throw new NotACensusError('has no Children element');
  } finally {
    stream.destroy();
  }
}

/** saxes writes `line:column: message`; the finding gives line and column separately. */
function plainSaxesMessage(message: string): string {
  return message.replace(/^(?:[^:]*:)?\d+:\d+: /, '');
}

function localName(name: string): string {
  const colon = name.indexOf(':');
  return colon === -1 ? name : name.slice(colon + 1);
}

function emptyHeader(): CensusHeader {
  return { referenceDate: null, year: null, lea: null };
}

/** Builds header and children from the parser's events; keeps only mapped elements' text. */
class CensusState {
  problem: string | null = null;
  sawRoot = false;
  sawChildren = false;
  private readonly stack: string[] = [];
  private readonly ready: CensusEvent[] = [];
  private header = emptyHeader();
  private headerSent = false;
  private childCount = 0;
  private child: CensusChild | null = null;
  private episode: CensusEpisode | null = null;
  private assessment: CensusAssessment | null = null;
  private section47: CensusSection47 | null = null;
  private plan: CensusPlan | null = null;
  /** The leaf whose text is being collected, or null when text is not wanted. */
  private leaf: { name: string; line: number; text: string; keep: Leaf } | null = null;

  *drain(): Generator<CensusEvent> {
    while (this.ready.length > 0) {
      const event = this.ready.shift();
      if (event) yield event;
    }
  }

  open(name: string, line: number): void {
    const parent = this.stack.at(-1);
    this.stack.push(name);
    if (this.stack.length === 1) {
      this.sawRoot = true;
      if (name !== 'Message') this.problem = `has the root element ${name}, where a CIN census has Message`;
      return;
    }
    switch (name) {
      case 'Children':
        if (parent === 'Message') {
          this.sawChildren = true;
          this.sendHeader();
        }
        return;
      case 'Child':
        if (parent !== 'Children') return;
        this.childCount += 1;
        this.child = { position: this.childCount, line, laChildId: null, episodes: [] };
        return;
      case 'CINdetails':
        if (!this.child || parent !== 'Child') return;
        this.episode = {
          position: this.child.episodes.length + 1,
          line,
          referralDate: null,
          referralSource: null,
          primaryNeed: null,
          closureDate: null,
          assessments: [],
          section47s: [],
          plans: [],
        };
        this.child.episodes.push(this.episode);
        return;
      case 'Assessments':
        if (!this.episode || parent !== 'CINdetails') return;
        this.assessment = {
          position: this.episode.assessments.length + 1,
          line,
          startDate: null,
          authorisationDate: null,
          factors: [],
        };
        this.episode.assessments.push(this.assessment);
        return;
      case 'Section47':
        if (!this.episode || parent !== 'CINdetails') return;
        this.section47 = {
          position: this.episode.section47s.length + 1,
          line,
          startDate: null,
          icpcDate: null,
          icpcNotRequired: null,
        };
        this.episode.section47s.push(this.section47);
        return;
      case 'ChildProtectionPlans':
        if (!this.episode || parent !== 'CINdetails') return;
        this.plan = {
          position: this.episode.plans.length + 1,
          line,
          startDate: null,
          endDate: null,
          initialCategory: null,
          latestCategory: null,
          previousPlans: null,
          reviews: [],
        };
        this.episode.plans.push(this.plan);
        return;
      default: {
        const keep = this.leafFor(parent, name);
        if (keep) this.leaf = { name, line, text: '', keep };
      }
    }
  }

  text(text: string): void {
    if (this.leaf && this.stack.at(-1) === this.leaf.name) this.leaf.text += text;
  }

  close(name: string): void {
    this.stack.pop();
    if (this.leaf && this.leaf.name === name) {
      this.leaf.keep({ text: this.leaf.text.trim(), line: this.leaf.line });
      this.leaf = null;
      return;
    }
    switch (name) {
      case 'Header':
        if (this.stack.length === 1) this.sendHeader();
        return;
      case 'Child':
        if (this.child && this.stack.at(-1) === 'Children') {
          this.ready.push({ kind: 'child', child: this.child });
          this.child = null;
        }
        return;
      case 'CINdetails':
        this.episode = null;
        return;
      case 'Assessments':
        this.assessment = null;
        return;
      case 'Section47':
        this.section47 = null;
        return;
      case 'ChildProtectionPlans':
        this.plan = null;
        return;
      default:
    }
  }

  private sendHeader(): void {
    if (this.headerSent) return;
    this.headerSent = true;
    this.ready.push({ kind: 'header', header: this.header });
  }

  /** Where a mapped element's value goes; the first of a repeated single element wins. */
  private leafFor(parent: string | undefined, name: string): Leaf | null {
    const header = this.header;
    const first =
      <T extends object, K extends keyof T>(target: T, key: K) =>
      (value: CensusValue): void => {
        if (target[key] === null) target[key] = value as T[K];
      };
    if (!this.headerSent) {
      if (parent === 'CollectionDetails' && name === 'ReferenceDate') return first(header, 'referenceDate');
      if (parent === 'CollectionDetails' && name === 'Year') return first(header, 'year');
      if (parent === 'Source' && name === 'LEA') return first(header, 'lea');
      return null;
    }
    if (parent === 'ChildIdentifiers' && name === 'LAchildID' && this.child)
      return first(this.child, 'laChildId');
    const episode = this.episode;
    if (parent === 'CINdetails' && episode) {
      if (name === 'CINreferralDate') return first(episode, 'referralDate');
      if (name === 'ReferralSource') return first(episode, 'referralSource');
      if (name === 'PrimaryNeedCode') return first(episode, 'primaryNeed');
      if (name === 'CINclosureDate') return first(episode, 'closureDate');
      return null;
    }
    const assessment = this.assessment;
    if (parent === 'Assessments' && assessment) {
      if (name === 'AssessmentActualStartDate') return first(assessment, 'startDate');
      if (name === 'AssessmentAuthorisationDate') return first(assessment, 'authorisationDate');
      return null;
    }
    if (parent === 'FactorsIdentifiedAtAssessment' && name === 'AssessmentFactors' && assessment) {
      return (value) => assessment.factors.push(value);
    }
    const section47 = this.section47;
    if (parent === 'Section47' && section47) {
      if (name === 'S47ActualStartDate') return first(section47, 'startDate');
      if (name === 'DateOfInitialCPC') return first(section47, 'icpcDate');
      if (name === 'ICPCnotRequired') return first(section47, 'icpcNotRequired');
      return null;
    }
    const plan = this.plan;
    if (parent === 'ChildProtectionPlans' && plan) {
      if (name === 'CPPstartDate') return first(plan, 'startDate');
      if (name === 'CPPendDate') return first(plan, 'endDate');
      if (name === 'InitialCategoryOfAbuse') return first(plan, 'initialCategory');
      if (name === 'LatestCategoryOfAbuse') return first(plan, 'latestCategory');
      if (name === 'NumberOfPreviousCPP') return first(plan, 'previousPlans');
      return null;
    }
    if (parent === 'Reviews' && name === 'CPPreviewDate' && plan) return (value) => plan.reviews.push(value);
    return null;
  }
}
