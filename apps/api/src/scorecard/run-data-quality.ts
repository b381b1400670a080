import { Injectable } from '@nestjs/common';
import type { DataQualityNote } from '@oscp/contracts';
import { DataSource } from 'typeorm';
import { RunDataQuality, type ServedSnapshot } from './snapshot-access';

/** `RunDataQuality` read from the pipeline's `submission` and `etl_run` tables (read only). */
@Injectable()
export class PostgresRunDataQuality extends RunDataQuality {
  constructor(private readonly dataSource: DataSource) {
    super();
  }

  async forSnapshot(snapshot: ServedSnapshot): Promise<DataQualityNote[]> {
    // Every accepted file up to the snapshot's run fed its build. The files that run rejected are
    // in the snapshot's own data_quality table, so they are not counted here.
    const rows: { dataset: string; quarantined_rows: number }[] = await this.dataSource.query(
      `select s.dataset,
              coalesce(sum(s.rows_quarantined) filter (where s.status = 'accepted'), 0)::integer as quarantined_rows
       from submission s
       join etl_run r on r.id = s.run_id
       where r.started_at <= (select started_at from etl_run where id = $1)
       group by s.dataset
       order by s.dataset`,
      [snapshot.runId],
    );
    return rows.map((row) => ({
      dataset: row.dataset,
      quarantinedRows: Number(row.quarantined_rows),
      rejectedFiles: 0,
    }));
  }
}
