'use strict';
// Preloaded (`node --require`) into a process the benchmark times: on exit it writes the
// process's peak resident memory (all threads: Node, DuckDB, PGlite) to BENCH_RSS_FILE.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { writeFileSync } = require('node:fs');

const target = process.env.BENCH_RSS_FILE;
if (target) {
  process.on('exit', () => {
    // maxRSS is in kilobytes.
    writeFileSync(target, String(process.resourceUsage().maxRSS));
  });
}
