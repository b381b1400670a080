/**
 * The shape of the sample's `expected-scorecards.json` (computed independently from the spec),
 * shared by the builder's acceptance spec and the command-line acceptance test.
 */

export interface ExpectedBreakdown {
  key: string;
  numerator: number | null;
  denominator: number | null;
  value: number | null;
}

export interface ExpectedIndicator {
  numerator: number | null;
  denominator: number | null;
  value: number | null;
  display: string;
  displayPublished: string;
  rag: string | null;
  direction: string | null;
  exception: boolean;
  breakdown: ExpectedBreakdown[];
}

export interface ExpectedFile {
  runDate: string;
  quarters: string[];
  quarantinedRows: Record<string, number>;
  rejectedFiles: string[];
  scorecards: Record<string, Record<string, ExpectedIndicator>>;
}
