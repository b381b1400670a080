import type { Agency } from '@oscp/contracts';
import { useState } from 'react';
import { useDocumentTitle } from '../../../lib/use-document-title';
import { ErrorState, LoadingState } from '../../../components/states/PageStates';
import { DataTable, type Column } from '../../../components/tables/DataTable';
import { useAgencies } from '../../../lib/agencies-api';
import { AgencyForm } from './AgencyForm';

/** Administrators: the agencies list, each agency's partner-return due days and reminder contact. */
export function AgenciesAdminPage() {
  useDocumentTitle('Agencies (administration)');
  const agencies = useAgencies();
  const [editing, setEditing] = useState<Agency | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  if (agencies.isPending) return <LoadingState what="agencies" />;
  if (agencies.isError)
    return <ErrorState error={agencies.error} what="agencies" onRetry={() => void agencies.refetch()} />;
  const columns: Column<Agency>[] = [
    { key: 'code', header: 'Code', rowHeader: true, cell: (a) => a.code, sortValue: (a) => a.code },
    { key: 'name', header: 'Name', cell: (a) => a.name, sortValue: (a) => a.name },
    {
      key: 'due',
      header: 'Return due (working days)',
      numeric: true,
      cell: (a) => String(a.returnDueWorkingDays),
      sortValue: (a) => a.returnDueWorkingDays,
    },
    { key: 'contact', header: 'Reminder contact', cell: (a) => a.contactEmail ?? 'None' },
    { key: 'status', header: 'Status', cell: (a) => (a.retired ? 'Retired' : 'In use') },
    {
      key: 'change',
      header: 'Change',
      cell: (a) => (
        <button
          type="button"
          className="govuk-button govuk-button--secondary govuk-!-margin-bottom-0"
          onClick={() => {
            setEditing(a);
            setNotice(null);
          }}
        >
          Change<span className="govuk-visually-hidden"> {a.code}</span>
        </button>
      ),
    },
  ];
  return (
    <>
      <h1 className="govuk-heading-l">Agencies</h1>
      <p className="govuk-body">
        The partner agencies of the data contract. Changes are recorded in the audit log; a change of due days
        is used from the next data run.
      </p>
      {notice ? (
        <div className="govuk-inset-text" role="status" data-testid="agency-notice">
          {notice}
        </div>
      ) : null}
      {editing ? (
        <section aria-labelledby="agency-form-heading">
          <h2 className="govuk-heading-m" id="agency-form-heading">
            Change {editing.name} ({editing.code})
          </h2>
          <AgencyForm
            key={editing.code}
            agency={editing}
            onDone={(saved) => {
              setEditing(null);
              setNotice(`${saved.code} was saved.`);
            }}
          />
          <button
            type="button"
            className="govuk-button govuk-button--secondary"
            onClick={() => setEditing(null)}
          >
            Cancel
          </button>
        </section>
      ) : null}
      <DataTable caption="Agencies, by code" columns={columns} rows={agencies.data} rowKey={(a) => a.code} />
    </>
  );
}
