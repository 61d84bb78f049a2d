'use strict';
// Small shared helpers: timeouts, polling, free ports, output folder, process cleanup.
const fs = require('node:fs');
const net = require('node:net');
const path = require('node:path');

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Rejects with `Error(what + ' timed out after N ms')` if `promise` does not settle in time. */
function withTimeout(promise, ms, what) {
  let timer;
  const t = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} timed out after ${ms} ms`)), ms);
  });
  return Promise.race([promise, t]).finally(() => clearTimeout(timer));
}

/**
 * Calls `check()` until it returns a truthy value (returned) or the time is up.
 * An error with `.fatal` set stops polling at once; other errors are retried.
 * On timeout throws an Error built from `describe(lastValue, lastError)` (a string) for context.
 */
async function poll(check, { timeoutMs = 10000, intervalMs = 50, what = 'condition', describe } = {}) {
  const deadline = Date.now() + timeoutMs;
  let last, lastErr;
  for (;;) {
    try { last = await check(); lastErr = undefined; if (last) return last; } catch (e) { if (e && e.fatal) throw e; lastErr = e; }
    if (Date.now() >= deadline) break;
    await sleep(intervalMs);
  }
  let extra = '';
  try { extra = describe ? await describe(last, lastErr) : ''; } catch (e) { extra = `(describe failed: ${e.message})`; }
  const why = lastErr ? ` last error: ${lastErr.message}` : '';
  throw new Error(`waiting for ${what} timed out after ${timeoutMs} ms.${why}${extra ? ' ' + extra : ''}`);
}

/** A TCP port free right now on 127.0.0.1 (callers retry if someone grabs it first). */
function freePort() {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.unref();
    s.on('error', reject);
    s.listen(0, '127.0.0.1', () => { const { port } = s.address(); s.close(() => resolve(port)); });
  });
}

/** Output folder for screenshots and logs: $WAYPOINT_E2E_OUT or <repo>/build/e2e-screenshots. */
function outDir() {
  const dir = process.env.WAYPOINT_E2E_OUT || path.resolve(__dirname, '../../../build/e2e-screenshots');
  fs.mkdirSync(dir, { recursive: true });
  return dir;
}

// ---- process cleanup -------------------------------------------------------------------------
// Every child we spawn is registered here; the `exit` hook SIGKILLs whatever is still alive, and
// SIGINT/SIGTERM run the async cleanups (browser close, server stop, ...) before exiting.
const children = new Set();      // ChildProcess objects spawned with detached: true (own group)
const cleanups = new Set();      // async () => void

function trackChild(child) {
  children.add(child);
  child.once('exit', () => children.delete(child));
  return child;
}

/** Kill a detached child's whole process group (it and what it started), by id. */
function killGroup(child, signal = 'SIGTERM') {
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  try { process.kill(-child.pid, signal); } catch { try { child.kill(signal); } catch { /* gone */ } }
}

/** SIGTERM the child's group, wait up to `ms`, then SIGKILL. Resolves when it has exited. */
async function stopChild(child, ms = 5000) {
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  const waitExit = (t) => withTimeout(exited, t, 'exit').then(() => true, () => false);
  killGroup(child, 'SIGTERM');
  if (!(await waitExit(ms))) { killGroup(child, 'SIGKILL'); await waitExit(2000); }
}

function addCleanup(fn) { cleanups.add(fn); return () => cleanups.delete(fn); }

async function runCleanups() {
  const fns = [...cleanups].reverse();
  cleanups.clear();
  for (const fn of fns) { try { await withTimeout(Promise.resolve().then(fn), 15000, 'cleanup'); } catch (e) { console.error(`cleanup: ${e.message}`); } }
}

let signalsInstalled = false;
function installSignalHandlers() {
  if (signalsInstalled) return;
  signalsInstalled = true;
  process.on('exit', () => { for (const c of children) killGroup(c, 'SIGKILL'); });
  for (const [sig, code] of [['SIGINT', 130], ['SIGTERM', 143], ['SIGHUP', 129]]) {
    process.once(sig, () => {
      console.error(`\n${sig}: cleaning up`);
      const hard = setTimeout(() => process.exit(code), 20000); hard.unref();
      runCleanups().finally(() => process.exit(code));
    });
  }
}
installSignalHandlers();

module.exports = { sleep, withTimeout, poll, freePort, outDir, trackChild, killGroup, stopChild, addCleanup, runCleanups };
