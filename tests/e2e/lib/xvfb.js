'use strict';
// Start a private Xvfb. `-displayfd` makes the X server itself pick a free display number
// (it takes /tmp/.XN-lock atomically, so parallel tests cannot collide) and write it to us
// once it accepts connections, which doubles as the readiness signal.
const { spawn } = require('node:child_process');
const fs = require('node:fs');
const { trackChild, stopChild, addCleanup, withTimeout } = require('./util');

const XVFB = '/usr/bin/Xvfb';

/** Returns {display: ':N', stop()}. */
async function startXvfb({ screen = '1920x1200x24', timeoutMs = 10000 } = {}) {
  if (!fs.existsSync(XVFB)) throw new Error(`${XVFB} not found (Debian package xvfb)`);
  const child = trackChild(spawn(XVFB, ['-displayfd', '3', '-screen', '0', screen, '-nolisten', 'tcp'], {
    stdio: ['ignore', 'ignore', 'pipe', 'pipe'], detached: true,
  }));
  let stderr = '';
  child.stdio[2].on('data', (d) => { stderr += d; });
  const stop = async () => { remove(); await stopChild(child, 3000); };
  const remove = addCleanup(stop);
  try {
    const num = await withTimeout(new Promise((resolve, reject) => {
      let buf = '';
      child.stdio[3].on('data', (d) => { buf += d; if (/\d+\n/.test(buf)) resolve(buf.trim()); });
      child.once('exit', (code, sig) => reject(new Error(`Xvfb exited early (${code ?? sig}): ${stderr.trim().slice(-500)}`)));
      child.once('error', reject);
    }), timeoutMs, 'Xvfb start');
    return { display: `:${num}`, pid: child.pid, stop };
  } catch (e) {
    await stop();
    throw e;
  }
}

module.exports = { startXvfb };
