#!/usr/bin/env node
'use strict';
// The compiled command line; `npm run build` (or `npm start`) produces it.
require('../dist/cli/main.js');
