#!/usr/bin/env node
'use strict';
// The compiled command line; `npm run build` (or `npm start`) produces it.
// eslint-disable-next-line @typescript-eslint/no-require-imports
require('../dist/cli/main.js').runFromProcess();
