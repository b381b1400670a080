import type { PartnerReturn } from '@oscp/contracts';
import { formatCount, formatDate } from '../scorecard-format';
import { DataTable, type Column } from '../tables/DataTable';
import { ReturnStatusTag } from './ReturnStatusTag';

/**
 * Each return of a quarter: agency, indicator, due date, state in words, date received, working
 * days overdue and the file. The uploader's name and own file name appear only when the API sent
 * them (analysts).
 */
export function ReturnsTable({ caption, returns }: { caption: string; returns: PartnerReturn[] }) {
  const showUploader = returns.some((r) => r.uploader !== null);
  const columns: Column<PartnerReturn>[] = [
    {
      key: 'agency',
      header: 'Agency',
      rowHeader: true,
      cell: (r) => r.agencyName,
      sortValue: (r) => r.agencyName,
    },
    {
      key: 'indicator',
      header: 'Indicator',
      cell: (r) => `${r.indicatorCode} ${r.indicatorTitle}`,
      sortValue: (r) => r.indicatorCode,
    },
    { key: 'due', header: 'Due', cell: (r) => formatDate(r.dueDate), sortValue: (r) => r.dueDate },
    {
      key: 'status',
      header: 'State',
      cell: (r) => <ReturnStatusTag status={r.status} />,
      sortValue: (r) => r.status,
    },
    {
      key: 'received',
      header: 'Received',
      cell: (r) => (r.receivedOn ? formatDate(r.receivedOn) : 'Not received'),
      sortValue: (r) => r.receivedOn,
    },
    {
      key: 'overdue',
      header: 'Working days overdue',
      numeric: true,
      cell: (r) => formatCount(r.workingDaysOverdue),
      sortValue: (r) => r.workingDaysOverdue,
    },
    { key: 'file', header: 'File', cell: (r) => r.fileName ?? 'None' },
  ];
  if (showUploader) {
    columns.push(
      {
        key: 'uploadedBy',
        header: 'Uploaded by',
        cell: (r) => r.uploader?.uploadedBy ?? 'Inbox (not uploaded)',
      },
      {
        key: 'originalName',
        header: "Uploader's file name",
        cell: (r) => r.uploader?.originalFileName ?? 'None',
      },
    );
  }
  return (
    <DataTable
      caption={caption}
      captionSize="m"
      columns={columns}
      rows={returns}
      rowKey={(r) => `${r.period}|${r.agency}|${r.indicatorCode}`}
      emptyMessage="No partner returns are expected for this quarter."
    />
  );
}
