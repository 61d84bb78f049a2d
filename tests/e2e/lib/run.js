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
// Prints one line per step and ends with exactly "N passed, M failed, K skipped"; exit code 0 only
// if none failed. A step that cannot run here calls t.skip(reason): it is reported as "skip" with
// the reason and counted as skipped, never as passed. After a failed step the remaining steps are
// skipped too (reported, and counted as skipped).
// On failure every launched page is diagnosed (window.waypoint state, labels, errors) and screenshot.
// Exit code 77 (ctest SKIP_RETURN_CODE) when the engine's browser/driver executables are not installed.
const { ENGINES, missingExecutables, launch } = require('./browser');
const { startServer } = require('./server');
const { startProxy } = require('./proxy');
const { runCleanups, withTimeout } = require('./util');
const context = require('./context');

// Thrown by t.skip() inside a step: the step did not run its checks.
class Skipped extends Error {}

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

  let passed = 0, failed = 0, skipped = 0, skippedAfterFailure = 0, stop = false;
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
    /** A loopback proxy (to `url`, or setTarget later) the test can cut: WebKit's offline. Stopped at the end. */
    startProxy: (url) => startProxy(url),
    log: (...a) => console.log('   ', ...a),
    /** Inside a step: stop it here, reported and counted as skipped (say why: "no X in this engine"). */
    skip(reason) { throw new Skipped(reason); },
    async step(name, fn, { timeoutMs: ms = stepTimeoutMs } = {}) {
      if (stop) { skipped++; skippedAfterFailure++; console.log(`skip  ${name} (after a failure)`); return undefined; }
      const t0 = Date.now();
      try {
        const v = await withTimeout(Promise.resolve().then(fn), ms, `step "${name}"`);
        passed++;
        console.log(`ok    ${name} (${fmtMs(Date.now() - t0)})`);
        return v;
      } catch (e) {
        if (e instanceof Skipped) {
          skipped++;
          console.log(`skip  ${name}: ${e.message}`);
          return undefined;
        }
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
  if (skippedAfterFailure) console.log(`${skippedAfterFailure} skipped after a failure`);
  console.log(`# ${fmtMs(Date.now() - t0)}`);
  console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`);
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
