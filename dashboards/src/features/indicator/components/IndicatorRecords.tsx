import type { IndicatorRecord } from '@oscp/contracts';
import { useState } from 'react';
import { ErrorState, hasStatus, LoadingState } from '../../../components/states/PageStates';
import { DataTable, type Column } from '../../../components/tables/DataTable';
import { Pagination } from '../../../components/tables/Pagination';
import { useIndicatorRecords, type RecordPart } from '../api/indicator-api';

const pageSize = 25;

export interface IndicatorRecordsProps {
  code: string;
  period: string;
  snapshot?: string;
  hasDenominator: boolean;
}

/** The pseudonymised records counted in the numerator or the denominator (analysts only). */
export function IndicatorRecords({ code, period, snapshot, hasDenominator }: IndicatorRecordsProps) {
  const [part, setPart] = useState<RecordPart>('numerator');
  const [offset, setOffset] = useState(0);
  const records = useIndicatorRecords({ code, period, part, limit: pageSize, offset, snapshot });
  const columns: Column<IndicatorRecord>[] = [
    { key: 'recordId', header: 'Record ID', rowHeader: true, cell: (r) => <code>{r.recordId}</code> },
    {
      key: 'childId',
      header: 'Pseudonymised child ID',
      cell: (r) => (r.childId ? <code>{r.childId}</code> : '[z]'),
    },
    { key: 'dataset', header: 'Dataset', cell: (r) => r.dataset },
  ];

  return (
    <section aria-labelledby="records-heading">
      <h2 className="govuk-heading-m" id="records-heading">
        Records behind the figure
      </h2>
      <p className="govuk-body">
        The records counted for {period}. Children appear only as pseudonymised IDs; do not copy them outside
        the partnership's secure systems.
      </p>
      {hasDenominator ? (
        <div className="govuk-form-group">
          <fieldset className="govuk-fieldset">
            <legend className="govuk-fieldset__legend govuk-fieldset__legend--s">Show records in the</legend>
            <div className="govuk-radios govuk-radios--small govuk-radios--inline">
              {(['numerator', 'denominator'] as const).map((p) => (
                <div className="govuk-radios__item" key={p}>
                  <input
                    className="govuk-radios__input"
                    id={`records-part-${p}`}
                    name="records-part"
                    type="radio"
                    value={p}
                    checked={part === p}
                    onChange={() => {
                      setPart(p);
                      setOffset(0);
                    }}
                  />
                  <label className="govuk-label govuk-radios__label" htmlFor={`records-part-${p}`}>
                    {p === 'numerator' ? 'Numerator' : 'Denominator'}
                  </label>
                </div>
              ))}
            </div>
          </fieldset>
        </div>
      ) : null}
      {records.isPending ? (
        <LoadingState what="records" />
      ) : records.isError ? (
        hasStatus(records.error, 403) ? (
          <p className="govuk-body">Only analysts can see the records behind a figure.</p>
        ) : (
          <ErrorState what="records" error={records.error} onRetry={() => void records.refetch()} />
        )
      ) : (
        <>
          <DataTable
            caption={`${part === 'numerator' ? 'Numerator' : 'Denominator'} records, ${period}`}
            captionSize="s"
            columns={columns}
            rows={records.data.items}
            rowKey={(r) => `${r.dataset}:${r.recordId}`}
            emptyMessage="No records in this part of the figure."
          />
          <Pagination
            total={records.data.total}
            limit={pageSize}
            offset={offset}
            onChange={setOffset}
            label="records"
          />
        </>
      )}
    </section>
  );
}
