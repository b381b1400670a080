import { describe, expect, it } from 'vitest';
import { sqlIdentifier, sqlString, withWarehouse } from '@oscp/warehouse';
import { loadContracts } from '../contracts';
import { RECORD_LEVEL_DATASETS, type Dataset } from '../types';
import { createSourceTables } from './build-snapshot';
import { discoverModels, modelStatement } from './model-runner';
import { modelsDir } from './paths';
import { LINEAGE_COLUMNS, SOURCE_COLUMNS } from './source-tables';

/** A value of each source type; the rows differ only in key, file and line. */
const FILLER: Record<string, string> = {
  VARCHAR: `'x'`,
  'VARCHAR[]': `['x']`,
  DATE: `date '2024-05-01'`,
  TIMESTAMP: `timestamp '2024-05-01 10:00:00'`,
  BOOLEAN: 'true',
  INTEGER: '1',
  DOUBLE: '1.5',
};

/** (key, file rank, line) of each source row. */
const ROWS: readonly (readonly [key: string, rank: number, line: number, otherKey?: string])[] = [
  ['only-in-the-oldest-file', 1, 2],
  ['in-three-files', 1, 3],
  ['in-three-files', 2, 2],
  ['in-three-files', 3, 5],
  ['newer-file-earlier-line', 2, 3],
  ['newer-file-earlier-line', 3, 2],
  ['twice-in-one-file', 3, 7],
  ['twice-in-one-file', 3, 9],
  ['not-in-the-newest-file', 1, 1],
  ['not-in-the-newest-file', 2, 9],
];

/** The version each key keeps: the latest file's, and within one file the last line. */
const EXPECTED = [
  'in-three-files s3 5',
  'newer-file-earlier-line s3 2',
  'not-in-the-newest-file s2 9',
  'only-in-the-oldest-file s1 2',
  'twice-in-one-file s3 9',
];

describe('staging: latest wins across files', () => {
  const models = discoverModels(modelsDir(), ['staging']);
  const contracts = loadContracts();

  it.each(RECORD_LEVEL_DATASETS.map((dataset) => [dataset]))(
    'stg_%s keeps each key once: from the latest file holding it, the last line when one file repeats it',
    async (dataset: Dataset) => {
      const model = models.find((m) => m.name === `stg_${dataset}`);
      if (!model) throw new Error(`no stg_${dataset} model`);
      const keyColumns = contracts.datasets[dataset].key;
      const [firstKey = '', ...otherKeys] = keyColumns;
      const columns = [...SOURCE_COLUMNS[dataset], ...LINEAGE_COLUMNS];
      // A key of two columns (conference and agency): the rows above all have agency "a", and
      // one more row, of agency "b", shares its conference with a key the newer files hold.
      const rows = otherKeys.length > 0 ? [...ROWS, ['in-three-files', 1, 8, 'b'] as const] : ROWS;
      const values = rows.map(([key, rank, line, otherKey = 'a']) =>
        columns
          .map(([name, type]) => {
            if (name === firstKey) return sqlString(key);
            if (otherKeys.includes(name)) return sqlString(otherKey);
            if (name === '_line') return String(line);
            if (name === '_file_rank') return String(rank);
            if (name === '_submission_id') return sqlString(`s${rank}`);
            if (name === '_file_name') return sqlString(`${dataset}_2024010${rank}.csv`);
            if (name === '_extract_date') return `date '2024-01-0${rank}'`;
            const filler = FILLER[type.toUpperCase()];
            if (!filler) throw new Error(`no filler for ${type}`);
            return filler;
          })
          .join(', '),
      );
      const source = sqlIdentifier(`src_${dataset}`);
      await withWarehouse({ path: ':memory:' }, async (warehouse) => {
        // The build's own empty source tables, whose columns are in the order of `columns`.
        await createSourceTables(warehouse);
        await warehouse.run(`insert into ${source} values ${values.map((row) => `(${row})`).join(', ')}`);
        // stg_cp_reviews leaves out the rows qua_cp_reviews quarantined: here none.
        await warehouse.run(`create table qua_cp_reviews (_submission_id varchar, _line integer)`);
        await warehouse.run(modelStatement(model));
        const kept = await warehouse.all<{ version: string }>(
          `select concat_ws(' ', ${keyColumns.map(sqlIdentifier).join(', ')}, _submission_id, _line) as version
           from ${sqlIdentifier(model.name)} order by version`,
        );
        const expected =
          otherKeys.length > 0
            ? [...EXPECTED.map((version) => version.replace(' s', ' a s')), 'in-three-files b s1 8'].sort()
            : EXPECTED;
        expect(kept.map((row) => row.version)).toEqual(expected);
      });
    },
  );
});
