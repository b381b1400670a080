#!/usr/bin/env node
// The floor: DuckDB alone reading every CSV file of an inbox into typed tables (the contract's
// column types; both date forms the contract allows), in a process of its own. No checks, no
// findings, nothing written but the tables. Prints one JSON line: { ms, rows }.
//
//   node scripts/bench/duckdb-read.mjs <inbox> <contracts dir>
import { closeSync, openSync, readdirSync, readFileSync, readSync } from 'node:fs';
import { join } from 'node:path';
import { createRequire } from 'node:module';

const [inbox, contractsDir] = process.argv.slice(2);
const require = createRequire(import.meta.url);
const { DuckDBInstance } = require('@duckdb/node-api');

const quote = (text) => `'${text.replaceAll("'", "''")}'`;
const ident = (name) => `"${name.replaceAll('"', '""')}"`;

/** A column read as text and converted to its contract type, as a typed table holds it. */
function typed(column) {
  const c = ident(column.name);
  switch (column.type) {
    case 'date':
      return `coalesce(try_cast(${c} as date), try_strptime(${c}, '%d/%m/%Y')::date) as ${c}`;
    case 'datetime':
      return `coalesce(try_cast(${c} as timestamptz), try_strptime(${c}, ['%d/%m/%Y %H:%M', '%d/%m/%Y %H:%M:%S'])::timestamptz) as ${c}`;
    case 'int':
    case 'year':
      return `try_cast(${c} as integer) as ${c}`;
    case 'number':
      return `try_cast(${c} as double) as ${c}`;
    default:
      return c;
  }
}

function firstLine(path) {
  const fd = openSync(path, 'r');
  const buffer = Buffer.alloc(65536);
  const read = readSync(fd, buffer, 0, buffer.length, 0);
  closeSync(fd);
  return buffer.subarray(0, read).toString('utf8').split(/\r?\n/)[0];
}

const started = process.hrtime.bigint();
const instance = await DuckDBInstance.create(':memory:');
const connection = await instance.connect();
let rows = 0;
let index = 0;
for (const dataset of readdirSync(inbox, { withFileTypes: true })) {
  if (!dataset.isDirectory()) continue;
  const contract = JSON.parse(readFileSync(join(contractsDir, `${dataset.name}.json`), 'utf8'));
  for (const name of readdirSync(join(inbox, dataset.name))) {
    if (!name.endsWith('.csv')) continue;
    const path = join(inbox, dataset.name, name);
    const header = firstLine(path);
    const names = header.replace(/^\uFEFF/, '').split(',');
    const columns = names.map((n) => `${quote(n)}: 'VARCHAR'`).join(', ');
    const byName = new Map(contract.columns.map((column) => [column.name, column]));
    const selects = names.map((n) => typed(byName.get(n) ?? { name: n, type: 'text' })).join(', ');
    index += 1;
    await connection.run(
      `create table t${index} as select ${selects} from read_csv(${quote(path)}, header = true, auto_detect = false, delim = ',', quote = '"', escape = '"', columns = {${columns}})`,
    );
    const reader = await connection.runAndReadAll(`select count(*)::integer as n from t${index}`);
    rows += Number(reader.getRowObjectsJson()[0].n);
  }
}
const ms = Number(process.hrtime.bigint() - started) / 1e6;
connection.closeSync();
instance.closeSync();
process.stdout.write(`${JSON.stringify({ ms, rows })}\n`);
