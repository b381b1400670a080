#!/usr/bin/env node
// CIN census load benchmark: does memory stay flat as the census XML grows?
//
//   npm run bench:cin-census [-- --sizes 10,50,100] [-- --no-build]
//
// For each size (MB) a synthetic census of made-up children is written (streamed), then loaded by
// the BUILT etl (validateSubmission, as a run does) in a fresh Node process, which reports its
// peak JavaScript heap and peak resident memory (DuckDB's Parquet step included). Flat memory:
// the largest file's peaks are close to the smallest's, while the file is 10 times bigger.
import { execFileSync, spawnSync } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const self = fileURLToPath(import.meta.url);
const args = process.argv.slice(2);
const option = (name, fallback) => {
  const index = args.indexOf(name);
  return index >= 0 && args[index + 1] ? args[index + 1] : fallback;
};

if (args[0] === '--child') {
  await measure(args[1], args[2]);
} else {
  await main();
}

async function main() {
  const sizes = option('--sizes', '10,50,100').split(',').map(Number);
  if (!args.includes('--no-build')) {
    execFileSync(process.platform === 'win32' ? 'npx.cmd' : 'npx', ['tsc', '-b', 'etl'], {
      cwd: root,
      stdio: 'inherit',
    });
  }
  const work = await mkdtemp(join(tmpdir(), 'oscp-bench-census-'));
  const rows = [];
  try {
    for (const megabytes of sizes) {
      const path = join(work, `cin_census_20250520_${megabytes}mb.xml`);
      const children = await writeCensus(path, megabytes * 1e6);
      const bytes = (await stat(path)).size;
      const child = spawnSync(
        process.execPath,
        ['--expose-gc', self, '--child', path, join(work, `${megabytes}.parquet`)],
        {
          cwd: root,
          encoding: 'utf8',
        },
      );
      if (child.status !== 0) throw new Error(`The load of ${megabytes} MB failed:\n${child.stderr}`);
      const result = JSON.parse(child.stdout.trim().split('\n').at(-1));
      rows.push({ megabytes: bytes / 1e6, children, ...result });
      await rm(path, { force: true });
    }
  } finally {
    await rm(work, { recursive: true, force: true });
  }
  console.log('\nCIN census load: file size against peak memory (each load in a fresh process)\n');
  console.log('  file MB   children   records   seconds   MB/s   peak heap MB   peak RSS MB');
  for (const row of rows) {
    console.log(
      `  ${row.megabytes.toFixed(1).padStart(7)}  ${String(row.children).padStart(9)}  ${String(row.records).padStart(8)}  ${row.seconds.toFixed(1).padStart(8)}  ${(row.megabytes / row.seconds).toFixed(1).padStart(5)}  ${String(row.peakHeapMb).padStart(13)}  ${String(row.peakRssMb).padStart(12)}`,
    );
  }
  const first = rows[0];
  const last = rows.at(-1);
  if (first && last && last !== first) {
    console.log(
      `\n  ${(last.megabytes / first.megabytes).toFixed(1)}x the file: ${(last.peakHeapMb / first.peakHeapMb).toFixed(2)}x the peak heap, ${(last.peakRssMb / first.peakRssMb).toFixed(2)}x the peak RSS`,
    );
  }
}

/** In a fresh process: load one file, sampling memory every 20 ms. */
async function measure(path, outputPath) {
  const require = createRequire(join(root, 'package.json'));
  const etl = require(join(root, 'etl', 'dist', 'index.js'));
  let peakHeap = 0;
  let peakRss = 0;
  const sample = () => {
    const usage = process.memoryUsage();
    peakHeap = Math.max(peakHeap, usage.heapUsed);
    peakRss = Math.max(peakRss, usage.rss);
  };
  globalThis.gc?.();
  const timer = setInterval(sample, 20);
  const started = process.hrtime.bigint();
  const result = await etl.validateSubmission({
    path,
    fileName: 'cin_census_20250520.xml',
    dataset: 'cin_census',
    extractDate: '2025-05-20',
    format: 'xml',
    outputPath,
    rejectThresholdPct: 10,
    childIdKey: '5a'.repeat(32),
  });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  clearInterval(timer);
  sample();
  if (result.status !== 'accepted') throw new Error(result.reason);
  console.log(
    JSON.stringify({
      records: result.rowsAccepted,
      seconds,
      peakHeapMb: Math.round(peakHeap / 1e6),
      peakRssMb: Math.round(peakRss / 1e6),
    }),
  );
}

/** A census of made-up children, about `targetBytes` long, written as a stream. */
async function writeCensus(path, targetBytes) {
  const out = createWriteStream(path);
  const write = (text) =>
    new Promise((resolveWrite) => {
      if (out.write(text)) resolveWrite();
      else out.once('drain', resolveWrite);
    });
  let written = 0;
  const put = async (text) => {
    written += Buffer.byteLength(text);
    await write(text);
  };
  await put(
    '<?xml version="1.0" encoding="UTF-8"?>\n<Message>\n  <Header>\n    <CollectionDetails><Collection>CIN</Collection><Year>2025</Year><ReferenceDate>2025-03-31</ReferenceDate></CollectionDetails>\n    <Source><SourceLevel>L</SourceLevel><LEA>353</LEA></Source>\n  </Header>\n  <Children>\n',
  );
  let n = 0;
  const day = (offset) =>
    new Date(Date.UTC(2024, 3, 1) + (offset % 360) * 86_400_000).toISOString().slice(0, 10);
  while (written < targetBytes) {
    n += 1;
    const start = n % 240; // every date inside the census year: no warnings to hold
    await put(`    <Child>
      <ChildIdentifiers>
        <LAchildID>BENCH${n}</LAchildID>
        <UPN>A${String(n).padStart(12, '0')}</UPN>
        <PersonBirthDate>2015-01-01</PersonBirthDate>
        <GenderCurrent>1</GenderCurrent>
      </ChildIdentifiers>
      <ChildCharacteristics><Ethnicity>NOBT</Ethnicity></ChildCharacteristics>
      <CINdetails>
        <CINreferralDate>${day(start)}</CINreferralDate>
        <ReferralSource>6</ReferralSource>
        <PrimaryNeedCode>N1</PrimaryNeedCode>
        <Assessments>
          <AssessmentActualStartDate>${day(start + 1)}</AssessmentActualStartDate>
          <AssessmentAuthorisationDate>${day(start + 20)}</AssessmentAuthorisationDate>
          <FactorsIdentifiedAtAssessment><AssessmentFactors>16A</AssessmentFactors><AssessmentFactors>3A</AssessmentFactors></FactorsIdentifiedAtAssessment>
        </Assessments>
        <Section47>
          <S47ActualStartDate>${day(start + 2)}</S47ActualStartDate>
          <DateOfInitialCPC>${day(start + 14)}</DateOfInitialCPC>
          <ICPCnotRequired>false</ICPCnotRequired>
        </Section47>
        <ReferralNFA>false</ReferralNFA>
        <ChildProtectionPlans>
          <CPPstartDate>${day(start + 14)}</CPPstartDate>
          <InitialCategoryOfAbuse>NEG</InitialCategoryOfAbuse>
          <LatestCategoryOfAbuse>NEG</LatestCategoryOfAbuse>
          <NumberOfPreviousCPP>0</NumberOfPreviousCPP>
          <Reviews><CPPreviewDate>${day(start + 100)}</CPPreviewDate></Reviews>
        </ChildProtectionPlans>
      </CINdetails>
    </Child>
`);
  }
  await put('  </Children>\n</Message>\n');
  await new Promise((resolveEnd) => out.end(resolveEnd));
  return n;
}
