import { useEffect, useId, useRef, useState, type ReactNode } from 'react';

/** True while the element is wider inside than its box: its table scrolls sideways. */
function useOverflowsSideways(ref: { current: HTMLElement | null }): boolean {
  const [overflows, setOverflows] = useState(false);
  useEffect(() => {
    const element = ref.current;
    if (!element || typeof ResizeObserver === 'undefined') return;
    const check = () => setOverflows(element.scrollWidth > element.clientWidth + 1);
    const observer = new ResizeObserver(check);
    observer.observe(element);
    const table = element.firstElementChild;
    if (table) observer.observe(table);
    check();
    return () => observer.disconnect();
  }, [ref]);
  return overflows;
}

export interface Column<Row> {
  key: string;
  header: ReactNode;
  cell: (row: Row) => ReactNode;
  /** Right-aligned with tabular figures. */
  numeric?: boolean;
  /** The cell names the row: rendered as `<th scope="row">`. */
  rowHeader?: boolean;
}

export interface DataTableProps<Row> {
  caption: ReactNode;
  captionSize?: 's' | 'm' | 'l';
  columns: Column<Row>[];
  rows: Row[];
  rowKey: (row: Row) => string;
  /** Shown in place of the table body when there are no rows. */
  emptyMessage?: string;
  className?: string;
}

/**
 * A GOV.UK Design System table: caption, column headers with scope, row headers, numbers
 * right-aligned. Wide tables scroll sideways inside a focusable region on small screens, with a
 * shadow on the side that has more and words saying so, so the page itself never scrolls sideways.
 */
export function DataTable<Row>({
  caption,
  captionSize = 'm',
  columns,
  rows,
  rowKey,
  emptyMessage = 'Nothing to show.',
  className,
}: DataTableProps<Row>) {
  const captionId = useId();
  const cueId = useId();
  const scroller = useRef<HTMLDivElement>(null);
  const overflows = useOverflowsSideways(scroller);
  return (
    <>
      {overflows ? (
        <p className="app-table-scroll__cue" id={cueId}>
          <span aria-hidden="true">↔ </span>Scroll the table sideways to see every column.
        </p>
      ) : null}
      <div
        className="app-table-scroll"
        role="region"
        aria-labelledby={captionId}
        aria-describedby={overflows ? cueId : undefined}
        tabIndex={0}
        ref={scroller}
      >
        <table className={`govuk-table app-table${className ? ` ${className}` : ''}`}>
          <caption id={captionId} className={`govuk-table__caption govuk-table__caption--${captionSize}`}>
            {caption}
          </caption>
          <thead className="govuk-table__head">
            <tr className="govuk-table__row">
              {columns.map((column) => (
                <th
                  key={column.key}
                  scope="col"
                  className={`govuk-table__header${column.numeric ? ' govuk-table__header--numeric' : ''}`}
                >
                  {column.header}
                </th>
              ))}
            </tr>
          </thead>
          <tbody className="govuk-table__body">
            {rows.length === 0 ? (
              <tr className="govuk-table__row">
                <td className="govuk-table__cell" colSpan={columns.length}>
                  {emptyMessage}
                </td>
              </tr>
            ) : (
              rows.map((row) => (
                <tr key={rowKey(row)} className="govuk-table__row">
                  {columns.map((column) =>
                    column.rowHeader ? (
                      <th
                        key={column.key}
                        scope="row"
                        className={`govuk-table__header${column.numeric ? ' govuk-table__header--numeric' : ''}`}
                      >
                        {column.cell(row)}
                      </th>
                    ) : (
                      <td
                        key={column.key}
                        className={`govuk-table__cell${column.numeric ? ' govuk-table__cell--numeric' : ''}`}
                      >
                        {column.cell(row)}
                      </td>
                    ),
                  )}
                </tr>
              ))
            )}
          </tbody>
        </table>
      </div>
    </>
  );
}
