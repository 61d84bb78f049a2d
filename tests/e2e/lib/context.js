'use strict';
// The running test's name and engine (set by run.js), used to name screenshots and logs.
const path = require('node:path');

const ctx = {
  test: path.basename(process.argv[1] || 'e2e', '.js').replace(/\.test$/, ''),
  engine: process.argv[2] || 'any',
};
/** `${test}-${what}-${engine}` e.g. "health-server-chromium". */
ctx.name = (what) => `${ctx.test}-${what}-${ctx.engine}`;
module.exports = ctx;
