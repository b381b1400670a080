import type { AuditEntry } from '@oscp/contracts';
import { useState, type FormEvent } from 'react';
import { useSearchParams } from 'react-router';
import { useDocumentTitle } from '../../../app/use-document-title';
import { formatCount, formatDateTime } from '../../../components/scorecard-format';
import { ErrorState, LoadingState } from '../../../components/states/PageStates';
import { DataTable, type Column } from '../../../components/tables/DataTable';
import { Pagination } from '../../../components/tables/Pagination';
import { actionPrefixes, auditCsvHref, useAudit, type AuditFilter } from '../api/audit-api';
import { FilterActions } from '../../../components/forms/FilterActions';
import { FilterDisclosure } from '../../../components/forms/FilterDisclosure';

const pageSize = 50;
const filterKeys = ['action', 'actorEmail', 'from', 'to'] as const;

function filterFrom(params: URLSearchParams): AuditFilter {
  const filter: AuditFilter = {};
  for (const key of filterKeys) {
    const value = params.get(key)?.trim();
    if (value) filter[key] = value;
  }
  return filter;
}

/** `{ roles: [...], sessionsEnded: 1 }` → "roles: viewer, admin · sessionsEnded: 1": ids and counts only. */
export function describeDetail(detail: Record<string, unknown>): string {
  return Object.entries(detail)
    .map(([key, value]) => {
      const shown = Array.isArray(value)
        ? value.map(String).join(', ')
        : value !== null && typeof value === 'object'
          ? JSON.stringify(value)
          : String(value);
      return `${key}: ${shown}`;
    })
    .join(' · ');
}

const columns: Column<AuditEntry>[] = [
  {
    key: 'at',
    header: 'When',
    rowHeader: true,
    cell: (e) => <time dateTime={e.at}>{formatDateTime(e.at)}</time>,
  },
  { key: 'who', header: 'Who', cell: (e) => e.actorEmail ?? 'The system' },
  { key: 'action', header: 'Action', cell: (e) => <code>{e.action}</code> },
  { key: 'target', header: 'Target', cell: (e) => e.target ?? '[z]' },
  {
    key: 'detail',
    header: 'Details',
    cell: (e) =>
      Object.keys(e.detail).length ? (
        <span className="app-cell-note">{describeDetail(e.detail)}</span>
      ) : (
        '[z]'
      ),
  },
  { key: 'ip', header: 'From where (IP address)', cell: (e) => e.ip ?? '[x]' },
];

export function AuditPage() {
  useDocumentTitle('Audit log');
  const [params, setParams] = useSearchParams();
  const filter = filterFrom(params);
  const [offset, setOffset] = useState(0);
  const audit = useAudit(filter, pageSize, offset);
  const filtered = Object.keys(filter).length > 0;

  function applyFilters(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const next = new URLSearchParams();
    for (const key of filterKeys) {
      const value = String(form.get(key) ?? '').trim();
      if (value) next.set(key, value);
    }
    setParams(next);
    setOffset(0);
  }

  return (
    <>
      <h1 className="govuk-heading-l">Audit log</h1>
      <p className="govuk-body">
        Sign-ins, user changes, uploads, runs, target changes, exports and record views, newest first. Entries
        cannot be changed or deleted. Times are UK time.
      </p>

      <FilterDisclosure>
        <form
          className="app-filters"
          aria-label="Filter the audit log"
          onSubmit={applyFilters}
          key={params.toString()}
        >
          <div className="govuk-form-group app-filters__group">
            <label className="govuk-label govuk-label--s" htmlFor="audit-action">
              Action starts with
            </label>
            <div className="govuk-hint" id="audit-action-hint">
              For example auth. or user.created
            </div>
            <input
              className="govuk-input govuk-input--width-10"
              id="audit-action"
              name="action"
              list="audit-actions"
              spellCheck={false}
              aria-describedby="audit-action-hint"
              defaultValue={filter.action ?? ''}
            />
            <datalist id="audit-actions">
              {actionPrefixes.map((prefix) => (
                <option key={prefix} value={prefix} />
              ))}
            </datalist>
          </div>
          <div className="govuk-form-group app-filters__group">
            <label className="govuk-label govuk-label--s" htmlFor="audit-actor">
              Who (email address)
            </label>
            <div className="govuk-hint" id="audit-actor-hint">
              The whole address
            </div>
            <input
              className="govuk-input govuk-input--width-20"
              id="audit-actor"
              name="actorEmail"
              type="email"
              spellCheck={false}
              aria-describedby="audit-actor-hint"
              defaultValue={filter.actorEmail ?? ''}
            />
          </div>
          <div className="govuk-form-group app-filters__group">
            <label className="govuk-label govuk-label--s" htmlFor="audit-from">
              From (date)
            </label>
            <div className="govuk-hint" id="audit-from-hint">
              From the start of this day
            </div>
            <input
              className="govuk-input govuk-input--width-10"
              id="audit-from"
              name="from"
              type="date"
              aria-describedby="audit-from-hint"
              defaultValue={filter.from ?? ''}
            />
          </div>
          <div className="govuk-form-group app-filters__group">
            <label className="govuk-label govuk-label--s" htmlFor="audit-to">
              To (date)
            </label>
            <div className="govuk-hint" id="audit-to-hint">
              To the end of this day
            </div>
            <input
              className="govuk-input govuk-input--width-10"
              id="audit-to"
              name="to"
              type="date"
              aria-describedby="audit-to-hint"
              defaultValue={filter.to ?? ''}
            />
          </div>
          <FilterActions
            submitLabel="Apply filters"
            filtered={filtered}
            onClear={() => {
              setParams(new URLSearchParams());
              setOffset(0);
            }}
          />
        </form>
      </FilterDisclosure>

      {audit.isPending ? (
        <LoadingState what="the audit log" />
      ) : audit.isError ? (
        <ErrorState what="audit log" error={audit.error} onRetry={() => void audit.refetch()} />
      ) : (
        <>
          <p className="govuk-body">
            <a className="govuk-link" href={auditCsvHref(filter)} download>
              Download {filtered ? 'these' : 'all'} {formatCount(audit.data.total)}{' '}
              {audit.data.total === 1 ? 'entry' : 'entries'} (CSV)
            </a>
          </p>
          <DataTable
            caption={
              filtered ? 'Audit entries matching the filters, newest first' : 'Audit entries, newest first'
            }
            columns={columns}
            rows={audit.data.items}
            rowKey={(e) => e.id}
            emptyMessage={filtered ? 'No entries match these filters.' : 'The audit log is empty.'}
          />
          <Pagination
            total={audit.data.total}
            limit={pageSize}
            offset={offset}
            onChange={setOffset}
            label="entries"
          />
        </>
      )}
    </>
  );
}
