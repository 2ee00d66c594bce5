#!/usr/bin/env node
'use strict';
const path = require('node:path');
const fs = require('node:fs');

const bundle = path.join(__dirname, '..', 'dist', 'cli.js');
if (!fs.existsSync(bundle)) {
  process.stderr.write('raro: the CLI is not built yet. Run `npm run build` in ' + path.dirname(__dirname) + '\n');
  process.exit(64);
}
require(bundle).runFromProcess();
