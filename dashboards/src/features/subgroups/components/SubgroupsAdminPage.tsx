import type { CatalogueIndicator, Subgroup } from '@oscp/contracts';
import { useState } from 'react';
import { ErrorState, LoadingState } from '../../../components/states/PageStates';
import { DataTable, type Column } from '../../../components/tables/DataTable';
import { useSubgroups } from '../../../lib/exceptions-api';
import { useDocumentTitle } from '../../../lib/use-document-title';
import { useCatalogueIndicators } from '../api/subgroups-api';
import { SubgroupForm } from './SubgroupForm';

type Editing = { mode: 'add' } | { mode: 'edit'; subgroup: Subgroup } | null;

/**
 * Administrators: the partnership's subgroups, the indicators each owns (whose exception reports
 * and commentary its chairs write), and whether it is still in use. Every change is audited.
 */
export function SubgroupsAdminPage() {
  useDocumentTitle('Subgroups (administration)');
  const subgroups = useSubgroups();
  const indicators = useCatalogueIndicators();
  const [editing, setEditing] = useState<Editing>(null);
  const [notice, setNotice] = useState<string | null>(null);

  if (subgroups.isPending || indicators.isPending) return <LoadingState what="subgroups" />;
  if (subgroups.isError)
    return <ErrorState error={subgroups.error} what="subgroups" onRetry={() => void subgroups.refetch()} />;
  if (indicators.isError)
    return (
      <ErrorState error={indicators.error} what="the indicators" onRetry={() => void indicators.refetch()} />
    );

  const catalogue: CatalogueIndicator[] = indicators.data;
  const columns: Column<Subgroup>[] = [
    { key: 'name', header: 'Name', rowHeader: true, cell: (s) => s.name, sortValue: (s) => s.name },
    {
      key: 'indicators',
      header: 'Indicators it owns',
      cell: (s) => (s.indicatorCodes.length > 0 ? s.indicatorCodes.join(', ') : 'None'),
    },
    {
      key: 'status',
      header: 'Status',
      cell: (s) => (s.retired ? 'Retired' : 'In use'),
      sortValue: (s) => (s.retired ? 1 : 0),
    },
    {
      key: 'change',
      header: 'Change',
      cell: (s) => (
        <button
          type="button"
          className="govuk-button govuk-button--secondary govuk-!-margin-bottom-0"
          onClick={() => {
            setEditing({ mode: 'edit', subgroup: s });
            setNotice(null);
          }}
        >
          Change<span className="govuk-visually-hidden"> {s.name}</span>
        </button>
      ),
    },
  ];
  const done = (message: string) => {
    setEditing(null);
    setNotice(message);
  };

  return (
    <>
      <h1 className="govuk-heading-l">Subgroups</h1>
      <p className="govuk-body">
        The partnership&apos;s subgroups and the indicators each owns. A subgroup chair writes the exception
        reports and commentary of their subgroups&apos; indicators; users are given subgroups on the Users
        page. Changes are recorded in the audit log.
      </p>
      {notice ? (
        <div className="govuk-inset-text" role="status" data-testid="subgroup-notice">
          {notice}
        </div>
      ) : null}
      {editing ? (
        <section aria-labelledby="subgroup-form-heading">
          <h2 className="govuk-heading-m" id="subgroup-form-heading">
            {editing.mode === 'add' ? 'Add a subgroup' : `Change ${editing.subgroup.name}`}
          </h2>
          {editing.mode === 'add' ? (
            <SubgroupForm
              mode="add"
              indicators={catalogue}
              onCancel={() => setEditing(null)}
              onDone={(saved) => done(`${saved.name} was added.`)}
            />
          ) : (
            <SubgroupForm
              key={editing.subgroup.id}
              mode="edit"
              subgroup={editing.subgroup}
              indicators={catalogue}
              onCancel={() => setEditing(null)}
              onDone={(saved) => done(`${saved.name} was saved.`)}
            />
          )}
        </section>
      ) : (
        <button
          type="button"
          className="govuk-button"
          onClick={() => {
            setEditing({ mode: 'add' });
            setNotice(null);
          }}
        >
          Add a subgroup
        </button>
      )}
      <DataTable caption="Subgroups, by name" columns={columns} rows={subgroups.data} rowKey={(s) => s.id} />
    </>
  );
}
