#!/usr/bin/env node
'use strict';
// The CLI runs from the CommonJS build so it starts without a loader.
require('../dist/cjs/src/cli/main.js').main(process.argv.slice(2)).then(
  (code) => { process.exitCode = code; },
  (err) => { process.stderr.write(`avrokit: ${err && err.message ? err.message : err}\n`); process.exitCode = 1; },
);
