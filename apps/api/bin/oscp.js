#!/usr/bin/env node
'use strict';
// Node 22.1+ keeps compiled code between runs (in the system's temporary folder), which shortens
// every command's start; older Node has no compile cache and starts as before.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const nodeModule = require('node:module');
if (typeof nodeModule.enableCompileCache === 'function') nodeModule.enableCompileCache();
// The compiled command line; `npm run build` (or `npm start`) produces it.
// eslint-disable-next-line @typescript-eslint/no-require-imports
require('../dist/cli/main.js').runFromProcess();
