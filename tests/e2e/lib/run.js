'use strict';
// Tiny runner: `node tests/e2e/x.test.js <engine>`.
//
//   const { test } = require('./lib');
//   test('health', async (t) => {
//     const server = await t.startServer({ demo: true });
//     const page = await t.launch();                       // t.engine from argv[2]
//     await t.step('loads', async () => { await page.goto(server.url); await page.waitForReady(); });
//     await t.step('signs in', async () => { await page.clickByLabel('Sign in'); });
//   });
//
// Prints one line per step and ends with exactly "N passed, M failed"; exit code 0 only if all passed.
// After a failed step the remaining steps are skipped (reported, and not counted as passed).
// On failure every launched page is diagnosed (window.waypoint state, labels, errors) and screenshot.
// Exit code 77 (ctest SKIP_RETURN_CODE) when the engine's browser/driver executables are not installed.
const { ENGINES, missingExecutables, launch } = require('./browser');
const { startServer } = require('./server');
const { runCleanups, withTimeout } = require('./util');
const context = require('./context');

const fmtMs = (ms) => (ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms} ms`);
const slug = (s) => s.replace(/[^A-Za-z0-9]+/g, '_').replace(/^_|_$/g, '').slice(0, 60);

async function test(title, body, { timeoutMs = Number(process.env.WAYPOINT_E2E_TIMEOUT_MS) || 240000, stepTimeoutMs = 90000 } = {}) {
  const engine = process.argv[2] || process.env.WAYPOINT_E2E_ENGINE;
  if (!ENGINES.includes(engine)) {
    console.error(`usage: node ${process.argv[1]} <${ENGINES.join('|')}>`);
    process.exit(2);
  }
  context.engine = engine;
  const missing = missingExecutables(engine);
  if (missing.length) {
    console.log(`SKIP ${engine}: not installed: ${missing.join(', ')}`);
    process.exit(77);
  }

  let passed = 0, failed = 0, skipped = 0, stop = false;
  const pages = [];
  const t = {
    engine,
    /** Launch this test's engine; closed automatically at the end. */
    async launch(opts) {
      const p = await launch(engine, opts);
      pages.push(p);
      const x = p.xvfbMs ? ` = Xvfb ${p.display} ${fmtMs(p.xvfbMs)} + browser ${fmtMs(p.browserMs)}` : '';
      console.log(`  [launch] ${engine} ready in ${fmtMs(p.launchMs)}${x}`);
      return p;
    },
    /** Start the Waypoint server (see server.js); stopped automatically at the end. */
    startServer: (opts) => startServer(opts),
    log: (...a) => console.log('   ', ...a),
    async step(name, fn, { timeoutMs: ms = stepTimeoutMs } = {}) {
      if (stop) { skipped++; console.log(`skip  ${name}`); return undefined; }
      const t0 = Date.now();
      try {
        const v = await withTimeout(Promise.resolve().then(fn), ms, `step "${name}"`);
        passed++;
        console.log(`ok    ${name} (${fmtMs(Date.now() - t0)})`);
        return v;
      } catch (e) {
        failed++; stop = true;
        console.log(`FAIL  ${name} (${fmtMs(Date.now() - t0)})\n${indent(e.stack || String(e))}`);
        await diagnose(pages, `FAIL-${slug(name)}`);
        return undefined;
      }
    },
  };

  console.log(`# ${title} [${engine}]`);
  const t0 = Date.now();
  try {
    await withTimeout(Promise.resolve().then(() => body(t)), timeoutMs, `test "${title}"`);
  } catch (e) {
    failed++;
    console.log(`FAIL  (outside a step)\n${indent(e.stack || String(e))}`);
    await diagnose(pages, 'FAIL-setup');
  }
  await runCleanups();
  if (skipped) console.log(`${skipped} skipped after a failure`);
  console.log(`# ${fmtMs(Date.now() - t0)}`);
  console.log(`${passed} passed, ${failed} failed`);
  process.exitCode = failed ? 1 : 0;
  // Hung handles (a driver socket, a stuck child) must not keep ctest waiting.
  setTimeout(() => process.exit(process.exitCode), 2000).unref();
}

function indent(s) { return s.split('\n').map((l) => `      ${l}`).join('\n'); }

async function diagnose(pages, name) {
  for (const p of pages) {
    if (p.closed) continue;
    try { console.log(indent(await p.diagnose())); } catch { /* page gone */ }
    try { console.log(indent(`screenshot: ${await p.screenshot(`${context.test}-${name}`)}`)); } catch (e) { console.log(indent(`screenshot failed: ${e.message}`)); }
  }
}

module.exports = { test };
