#!/usr/bin/env node
'use strict';
// Every command is short-lived: the embedded database (PostgreSQL compiled to WebAssembly) runs on
// V8's baseline compiler alone. Its optimising tier recompiled the database in background threads
// during start-up, on the cores the ETL needs, too late to pay back: a scale-1 `etl run` used about
// 0.4 s more CPU with it, and a scale-100 run no less. Only the embedded database is WebAssembly.
// eslint-disable-next-line @typescript-eslint/no-require-imports
require('node:v8').setFlagsFromString('--liftoff-only');
// Node 22.1+ keeps compiled code between runs (in the system's temporary folder), which shortens
// every command's start; older Node has no compile cache and starts as before.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const nodeModule = require('node:module');
if (typeof nodeModule.enableCompileCache === 'function') nodeModule.enableCompileCache();
// The compiled command line; `npm run build` (or `npm start`) produces it.
// eslint-disable-next-line @typescript-eslint/no-require-imports
require('../dist/cli/main.js').runFromProcess();
