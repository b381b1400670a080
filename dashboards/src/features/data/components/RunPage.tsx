import type { FindingCount, FindingGroup, FindingKind, QualityFinding, QuarterSource } from '@oscp/contracts';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { useDocumentTitle } from '../../../lib/use-document-title';
import { formatCount, formatDateTime } from '../../../components/scorecard-format';
import { ErrorState, hasStatus, LoadingState } from '../../../components/states/PageStates';
import { DataTable, type Column } from '../../../components/tables/DataTable';
import { Pagination } from '../../../components/tables/Pagination';
import { datasets, findingsCsvHref, useRun } from '../api/data-api';
import { findingKindLabels, RunStatusTag, triggerLabels } from './status-tags';
import { SubmissionsTable } from './SubmissionsTable';
import { usePartnerReturns } from '../../../lib/partner-returns-api';
import { ReturnsTable } from '../../../components/partner-returns/ReturnsTable';

const pageSize = 100;

const sourceColumns: Column<QuarterSource>[] = [
  { key: 'dataset', header: 'Records', rowHeader: true, cell: (q) => datasetLabel(q.dataset) },
  { key: 'period', header: 'Quarter', cell: (q) => q.period },
  {
    key: 'source',
    header: 'Taken from',
    cell: (q) => (q.source === 'cin_census' ? 'Children in need census' : 'Agency extracts (CSV or XLSX)'),
  },
  { key: 'file', header: 'Newest file of that kind', cell: (q) => q.fileName },
];

const findingCountColumns: Column<FindingCount>[] = [
  { key: 'file', header: 'File', rowHeader: true, cell: (c) => c.fileName },
  { key: 'column', header: 'Column or element', cell: (c) => c.column ?? 'The whole file' },
  { key: 'kind', header: 'Kind', cell: (c) => findingKindLabels[c.kind] ?? c.kind },
  { key: 'count', header: 'Findings', numeric: true, cell: (c) => formatCount(c.count) },
];

function datasetLabel(name: string): string {
  return datasets.find((d) => d.name === name)?.label ?? name;
}

const plural = (n: number, word: string) => `${formatCount(n)} ${word}${n === 1 ? '' : 's'}`;

const findingColumns: Column<QualityFinding>[] = [
  { key: 'file', header: 'File', rowHeader: true, cell: (f) => f.fileName },
  { key: 'line', header: 'Line', numeric: true, cell: (f) => (f.line === null ? '[z]' : formatCount(f.line)) },
  { key: 'column', header: 'Column or element', cell: (f) => f.column ?? '[z]' },
  { key: 'value', header: 'Value', cell: (f) => (f.value === null ? '[z]' : <code>{f.value}</code>) },
  { key: 'rule', header: 'Rule', cell: (f) => f.rule },
  { key: 'kind', header: 'Kind', cell: (f) => findingKindLabels[f.kind] ?? f.kind },
  { key: 'message', header: 'What is wrong', cell: (f) => f.message },
];

/** Kind and text filter the loaded page; dataset and rule are filtered by the API (and the CSV). */
export function filterFindings(findings: QualityFinding[], filter: { kind: FindingKind | ''; text: string }): QualityFinding[] {
  const text = filter.text.trim().toLowerCase();
  return findings.filter(
    (f) =>
      (!filter.kind || f.kind === filter.kind) &&
      (!text || [f.fileName, f.column ?? '', f.rule, f.message].some((field) => field.toLowerCase().includes(text))),
  );
}

export function RunPage() {
  const { runId = '' } = useParams();
  const [offset, setOffset] = useState(0);
  const [kind, setKind] = useState<FindingKind | ''>('');
  const [dataset, setDataset] = useState('');
  const [rule, setRule] = useState('');
  const [text, setText] = useState('');
  const serverFilter = { dataset: dataset || undefined, rule: rule.trim() || undefined };
  const run = useRun(runId, pageSize, offset, serverFilter);
  useDocumentTitle('Run details');

  const back = (
    <Link className="govuk-back-link" to="/data">
      Back to data
    </Link>
  );
  if (run.isPending) {
    return (
      <>
        {back}
        <h1 className="govuk-heading-l">Run details</h1>
        <LoadingState what="the run" />
      </>
    );
  }
  if (run.isError) {
    return (
      <>
        {back}
        <h1 className="govuk-heading-l">Run details</h1>
        {hasStatus(run.error, 404) ? (
          <p className="govuk-body">There is no run with this ID.</p>
        ) : (
          <ErrorState what="run" error={run.error} onRetry={() => void run.refetch()} />
        )}
      </>
    );
  }
  const r = run.data;
  const datasetsInRun = [...new Set(r.submissions.map((s) => s.dataset))].sort();
  const rulesOnPage = [...new Set(r.findings.items.map((f) => f.rule))].sort();
  const shown = filterFindings(r.findings.items, { kind, text });
  const filtered = !!(serverFilter.dataset || serverFilter.rule);

  return (
    <>
      {back}
      <h1 className="govuk-heading-l">
        <span className="govuk-caption-l">Run started {formatDateTime(r.startedAt)}</span>
        Run details
      </h1>
      <dl className="govuk-summary-list">
        <div className="govuk-summary-list__row">
          <dt className="govuk-summary-list__key">Status</dt>
          <dd className="govuk-summary-list__value">
            <RunStatusTag status={r.status} /> {r.error}
          </dd>
        </div>
        <div className="govuk-summary-list__row">
          <dt className="govuk-summary-list__key">How it started</dt>
          <dd className="govuk-summary-list__value">{triggerLabels[r.trigger] ?? r.trigger}</dd>
        </div>
        <div className="govuk-summary-list__row">
          <dt className="govuk-summary-list__key">Finished</dt>
          <dd className="govuk-summary-list__value">{r.finishedAt ? formatDateTime(r.finishedAt) : 'Still running'}</dd>
        </div>
        <div className="govuk-summary-list__row">
          <dt className="govuk-summary-list__key">Snapshot</dt>
          <dd className="govuk-summary-list__value">
            {r.snapshotId ? (
              <Link className="govuk-link" to={`/?snapshot=${encodeURIComponent(r.snapshotId)}`}>
                Open snapshot {r.snapshotId}
              </Link>
            ) : (
              'None published by this run'
            )}
          </dd>
        </div>
        <div className="govuk-summary-list__row">
          <dt className="govuk-summary-list__key">Counts</dt>
          <dd className="govuk-summary-list__value">
            {plural(r.filesAccepted, 'file')} accepted, {formatCount(r.filesRejected)} rejected,{' '}
            {plural(r.rowsQuarantined, 'row')} quarantined
          </dd>
        </div>
      </dl>

      <SubmissionsTable submissions={r.submissions} caption="Files in this run" />

      {r.sourcesByQuarter.length > 0 ? (
        <>
          <h2 className="govuk-heading-m">Census or extracts, quarter by quarter</h2>
          <p className="govuk-body">
            Where the children in need census and the agencies&apos; own extracts both cover a quarter, the records
            come from whichever was taken more recently, never from both.
          </p>
          <DataTable
            caption="Which source gave each quarter's records"
            columns={sourceColumns}
            rows={r.sourcesByQuarter}
            rowKey={(q) => `${q.dataset} ${q.period}`}
            emptyMessage="No quarter had a census."
          />
        </>
      ) : null}

      <FindingsSummary
        groups={r.findingGroups}
        onShow={(group) => {
          setDataset(group.dataset);
          setRule(group.rule);
          setOffset(0);
        }}
      />
      <RunPartnerReturns runSnapshotId={r.snapshotId} />

      {r.findingCounts.length > 0 ? (
        <>
          <h2 className="govuk-heading-m">Findings by file and column</h2>
          <DataTable
            caption="Findings by file and column or element"
            columns={findingCountColumns}
            rows={r.findingCounts}
            rowKey={(c) => `${c.fileName} ${c.column ?? ''} ${c.kind}`}
            emptyMessage="This run found no problems."
          />
        </>
      ) : null}

      <h2 className="govuk-heading-m" id="all-findings">
        All findings
      </h2>
      <p className="govuk-body">
        <a className="govuk-link" href={findingsCsvHref(r.id, serverFilter)} download>
          Download {filtered ? 'these' : 'all'} {plural(r.findings.total, 'finding')} (CSV)
        </a>
      </p>
      <form className="app-filters" aria-label="Filter findings" onSubmit={(e) => e.preventDefault()}>
        <div className="govuk-form-group app-filters__group">
          <label className="govuk-label govuk-label--s" htmlFor="finding-kind">
            Kind
          </label>
          <select
            className="govuk-select"
            id="finding-kind"
            value={kind}
            onChange={(e) => setKind(e.target.value as FindingKind | '')}
          >
            <option value="">All kinds</option>
            {(Object.keys(findingKindLabels) as FindingKind[]).map((k) => (
              <option key={k} value={k}>
                {findingKindLabels[k]}
              </option>
            ))}
          </select>
        </div>
        <div className="govuk-form-group app-filters__group">
          <label className="govuk-label govuk-label--s" htmlFor="finding-dataset">
            Dataset
          </label>
          <select className="govuk-select" id="finding-dataset" value={dataset} onChange={(e) => {
              setDataset(e.target.value);
              setOffset(0);
            }}>
            <option value="">All datasets</option>
            {datasetsInRun.map((d) => (
              <option key={d} value={d}>
                {d}
              </option>
            ))}
          </select>
        </div>
        <div className="govuk-form-group app-filters__group">
          <label className="govuk-label govuk-label--s" htmlFor="finding-rule">
            Rule
          </label>
          <input
            className="govuk-input govuk-input--width-10"
            id="finding-rule"
            list="finding-rules"
            value={rule}
            onChange={(e) => {
              setRule(e.target.value);
              setOffset(0);
            }}
          />
          <datalist id="finding-rules">
            {rulesOnPage.map((name) => (
              <option key={name} value={name} />
            ))}
          </datalist>
        </div>
        <div className="govuk-form-group app-filters__group">
          <label className="govuk-label govuk-label--s" htmlFor="finding-text">
            Contains
          </label>
          <input className="govuk-input govuk-input--width-20" id="finding-text" type="search" value={text} onChange={(e) => setText(e.target.value)} />
        </div>
      </form>
      <p className="govuk-body" role="status" aria-live="polite">
        Showing {shown.length} of {r.findings.items.length} findings on this page
      </p>
      <DataTable
        caption="Findings of this run"
        columns={findingColumns}
        rows={shown}
        rowKey={(f) => f.id}
        emptyMessage={r.findings.total === 0 ? 'This run found no problems.' : 'No findings match these filters.'}
      />
      <Pagination total={r.findings.total} limit={pageSize} offset={offset} onChange={setOffset} label="findings" />
    </>
  );
}

/** Findings by dataset and rule, with counts and the first 3 of each, before the full list. */
function FindingsSummary({ groups, onShow }: { groups: FindingGroup[]; onShow: (group: FindingGroup) => void }) {
  if (groups.length === 0) return null;
  return (
    <section aria-labelledby="findings-summary-heading">
      <h2 className="govuk-heading-m" id="findings-summary-heading">
        Findings by dataset and rule
      </h2>
      {groups.map((group) => (
        <div key={`${group.dataset}|${group.rule}`} className="app-finding-group">
          <h3 className="govuk-heading-s">
            {group.dataset}: {group.rule} ({plural(group.count, 'finding')}, {findingKindLabels[group.kind] ?? group.kind})
          </h3>
          <ul className="govuk-list govuk-list--bullet">
            {group.examples.map((f) => (
              <li key={f.id}>
                {f.fileName}
                {f.line === null ? '' : `, line ${formatCount(f.line)}`}
                {f.column ? `, column ${f.column}` : ''}
                {f.value === null ? '' : <>, value <code>{f.value}</code></>}: {f.message}
              </li>
            ))}
          </ul>
          {group.count > group.examples.length ? (
            <p className="govuk-body">
              <a
                className="govuk-link"
                href="#all-findings"
                onClick={() => onShow(group)}
              >
                Show all {plural(group.count, 'finding')} of {group.dataset}: {group.rule}
              </a>
            </p>
          ) : null}
        </div>
      ))}
    </section>
  );
}

/** The data-quality side of partner returns: the published scorecard's returns, when this run published it. */
function RunPartnerReturns({ runSnapshotId }: { runSnapshotId: string | null }) {
  const tracker = usePartnerReturns(undefined);
  if (!runSnapshotId || !tracker.data || tracker.data.snapshotId !== runSnapshotId || !tracker.data.period) return null;
  const missing = tracker.data.matrix.flatMap((column) => column.returns).filter((r) => r.status === 'overdue');
  return (
    <section aria-labelledby="run-returns-heading">
      <h2 className="govuk-heading-m" id="run-returns-heading">
        Partner returns
      </h2>
      <p className="govuk-body">
        {missing.length === 0
          ? `No partner return of the ${tracker.data.matrix.length} quarters to ${tracker.data.period} is overdue.`
          : `${plural(missing.length, 'partner return')} overdue: ${missing
              .map((r) => `${r.agencyName} ${r.indicatorCode} for ${r.period}`)
              .join('; ')}.`}{' '}
        <Link className="govuk-link" to="/partner-returns">
          See every return
        </Link>
      </p>
      <ReturnsTable caption={`Returns for ${tracker.data.period}`} returns={tracker.data.returns} />
    </section>
  );
}
