import { cleanup, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { DataTable, type Column } from './DataTable';

afterEach(cleanup);

interface Row {
  name: string;
  count: number;
}

const columns: Column<Row>[] = [
  { key: 'name', header: 'Agency', rowHeader: true, cell: (r) => r.name },
  { key: 'count', header: 'Reports', numeric: true, cell: (r) => r.count },
];

describe('DataTable', () => {
  it('has a caption that also names its scrolling region', () => {
    render(<DataTable caption="Reports by agency" columns={columns} rows={[]} rowKey={(r) => r.name} />);
    const table = screen.getByRole('table', { name: 'Reports by agency' });
    expect(table.querySelector('caption')?.textContent).toBe('Reports by agency');
    expect(screen.getByRole('region', { name: 'Reports by agency' }).getAttribute('tabindex')).toBe('0');
  });

  it('gives column headers scope="col" and row headers scope="row"', () => {
    render(
      <DataTable
        caption="Reports"
        columns={columns}
        rows={[{ name: 'Police', count: 4 }]}
        rowKey={(r) => r.name}
      />,
    );
    const headers = screen.getAllByRole('columnheader');
    expect(headers.map((h) => h.getAttribute('scope'))).toEqual(['col', 'col']);
    const rowHeader = screen.getByRole('rowheader', { name: 'Police' });
    expect(rowHeader.getAttribute('scope')).toBe('row');
  });

  it('right-aligns numeric columns (GOV.UK numeric classes give tabular figures)', () => {
    render(
      <DataTable
        caption="Reports"
        columns={columns}
        rows={[{ name: 'Police', count: 4 }]}
        rowKey={(r) => r.name}
      />,
    );
    const cell = within(
      screen.getByRole('rowheader', { name: 'Police' }).parentElement as HTMLElement,
    ).getByText('4');
    expect(cell.classList.contains('govuk-table__cell--numeric')).toBe(true);
    expect(
      screen.getByText('Reports', { selector: 'th' }).classList.contains('govuk-table__header--numeric'),
    ).toBe(true);
  });

  it('says so when there are no rows', () => {
    render(
      <DataTable
        caption="Reports"
        columns={columns}
        rows={[]}
        rowKey={(r) => r.name}
        emptyMessage="No reports."
      />,
    );
    expect(screen.getByText('No reports.').getAttribute('colspan')).toBe('2');
  });
});
