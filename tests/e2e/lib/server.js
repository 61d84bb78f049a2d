'use strict';
// Spawn the Waypoint server on a free port (--port 0) and learn its URL from stdout.
const { spawn } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { trackChild, stopChild, addCleanup, withTimeout, outDir } = require('./util');
const context = require('./context');

/**
 * startServer({binary, webRoot, db, demo, args, logName, timeoutMs}) -> {url, port, db, logFile, stop()}
 * binary/webRoot default to $WAYPOINT_SERVER / $WAYPOINT_WEB_ROOT; db defaults to a fresh temp file
 * (its folder is removed on stop). Server stdout+stderr go to <out>/<logName>.log.
 */
async function startServer({
  binary = process.env.WAYPOINT_SERVER, webRoot = process.env.WAYPOINT_WEB_ROOT, db, demo = false,
  args = [], logName, timeoutMs = 15000,
} = {}) {
  if (!binary) throw new Error('startServer: no binary (set WAYPOINT_SERVER)');
  if (!webRoot) throw new Error('startServer: no web root (set WAYPOINT_WEB_ROOT)');
  if (!fs.existsSync(binary)) throw new Error(`startServer: binary not found: ${binary}`);
  let tmpDir = null;
  if (!db) { tmpDir = fs.mkdtempSync(path.join(os.tmpdir(), 'waypoint-e2e-')); db = path.join(tmpDir, 'waypoint.db'); }
  const logFile = path.join(outDir(), `${logName || context.name('server')}.log`);
  const log = fs.createWriteStream(logFile);
  const argv = ['--port', '0', '--bind', '127.0.0.1', '--db', db, '--web-root', webRoot, ...(demo ? ['--demo'] : []), ...args];
  log.write(`$ ${binary} ${argv.join(' ')}\n`);
  const child = trackChild(spawn(binary, argv, { stdio: ['ignore', 'pipe', 'pipe'], detached: true }));
  let tail = '';
  const keep = (d) => { log.write(d); tail = (tail + d).slice(-2000); };
  child.stderr.on('data', keep);

  const stop = async () => {
    remove();
    await stopChild(child, 5000);
    await new Promise((r) => log.end(r));
    if (tmpDir) fs.rmSync(tmpDir, { recursive: true, force: true });
  };
  const remove = addCleanup(stop);
  try {
    const url = await withTimeout(new Promise((resolve, reject) => {
      let out = '';
      child.stdout.on('data', (d) => {
        keep(d); out += d;
        const m = /listening on (https?:\/\/127\.0\.0\.1:(\d+))/.exec(out);
        if (m) resolve(m[1]);
      });
      child.once('exit', (code, sig) => reject(new Error(`server exited early (${code ?? sig}); log ${logFile}:\n${tail}`)));
      child.once('error', reject);
    }), timeoutMs, `server start (log ${logFile})`);
    return { url, port: Number(new URL(url).port), db, logFile, pid: child.pid, stop };
  } catch (e) {
    await stop();
    throw e;
  }
}

module.exports = { startServer };
