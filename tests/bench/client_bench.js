'use strict';
// Client figures in headless Chromium and Firefox (script/bench): navigation to first
// interactive frame against a bare Dear ImGui page built by the same toolchain and served by
// the same server, frames drawn in 5 s idle, the app's transfer size (gzip), and the time of
// each frame while the wheel scrolls a ~100k-row Incoming referrals table from its top to far
// down: wall time as the app measures it around its frame callback (window.waypoint.frameTimes()),
// and CPU time, the kernel's CPU clock of the browser process running the page read at the
// frame's start and end (tests/bench/cpu_sampler.cpp; a page has no CPU clock of its own).
//   node tests/bench/client_bench.js OUT.md   (env: WAYPOINT_SERVER, WAYPOINT_WEB_ROOT, BARE_WEB_ROOT,
//   WAYPOINT_E2E_OUT: where the scroll database is generated once; WAYPOINT_BENCH_GENERATE and
//   WAYPOINT_BENCH_CPU_SAMPLER: the tools, by default beside the server's build; BENCH_SCROLL_SECONDS=5;
//   BENCH_CLIENT_SMOKE=1: one load, a 1 s scroll of 4,000 referrals, so the suite keeps this working)
const fs = require('node:fs');
const path = require('node:path');
const zlib = require('node:zlib');
const { execFileSync, spawn } = require('node:child_process');
const { launch, startServer } = require('../e2e/lib');

const smoke = process.env.BENCH_CLIENT_SMOKE === '1';
const runs = Number(process.env.BENCH_CLIENT_RUNS || (smoke ? 1 : 5));  // loads per page: the first is cold, the median is not
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const quantile = (xs, q) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * q))];
const scrollSeconds = Number(process.env.BENCH_SCROLL_SECONDS || (smoke ? 1 : 5));
const scrollReferrals = smoke ? 4000 : 200000;
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function firstFrame(page, url, readyExpression) {
  const start = Date.now();
  await page.goto(url);
  for (;;) {
    if (await page.evaluate(readyExpression)) return Date.now() - start;
    if (Date.now() - start > 60000) throw new Error(`no first frame at ${url}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

function transferSizes(root) {
  const files = ['index.html', 'glue.js', 'waypoint.js', 'waypoint.wasm'];
  let raw = 0, gzip = 0;
  for (const f of files) {
    const data = fs.readFileSync(path.join(root, f));
    raw += data.length;
    gzip += zlib.gzipSync(data, { level: 9 }).length;
  }
  return { raw, gzip };
}

const benchTool = (name, variable) => process.env[variable] ||
  path.join(path.dirname(process.env.WAYPOINT_SERVER), '../tests/bench', name);

// ---- CPU clocks (Linux /proc) --------------------------------------------------------------------
const ticksPerSecond = Number(execFileSync('getconf', ['CLK_TCK']).toString()) || 100;

// One process: { ppid, cpuMs (user + system), args }, or null once it has ended.
function processInfo(pid) {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');  // from field 3 (state) on
    const args = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' ');
    return { ppid: Number(fields[1]), cpuMs: (Number(fields[11]) + Number(fields[12])) * 1000 / ticksPerSecond, args };
  } catch {
    return null;
  }
}

// Every process now running: pid -> processInfo.
function processes() {
  const all = new Map();
  for (const name of fs.readdirSync('/proc')) {
    const info = /^\d+$/.test(name) ? processInfo(name) : null;
    if (info) all.set(Number(name), info);
  }
  return all;
}

// The browser's processes (descendants of this one, the server excepted) and, among them, the
// one running the page: the renderer (Chromium) or web content process (Firefox) that has used
// the most CPU so far (it loaded and ran the app; the others are spares and helpers).
function browserProcesses(engine, serverPid) {
  const all = processes();
  const inTree = (pid) => {
    for (let p = pid; p > 1 && all.has(p); p = all.get(p).ppid) if (all.get(p).ppid === process.pid) return true;
    return false;
  };
  const browser = [...all.keys()].filter((pid) => pid !== serverPid && inTree(pid) && /chromium|firefox/.test(all.get(pid).args));
  const pageKind = engine === 'chromium' ? /--type=renderer/ : /-contentproc.*-isForBrowser/;
  const pages = browser.filter((pid) => pageKind.test(all.get(pid).args));
  if (!pages.length) throw new Error(`${engine}: no page process among ${browser.length} browser processes`);
  const page = pages.reduce((a, b) => (all.get(b).cpuMs > all.get(a).cpuMs ? b : a));
  return { page, pages, browser };
}

const cpuMsOf = (pids) => pids.map((pid) => (processInfo(pid) || { cpuMs: 0 }).cpuMs);
const sum = (xs) => xs.reduce((a, b) => a + b, 0);

// The whole machine's busy share between two readings of /proc/stat.
function machineTimes() {
  const cpu = fs.readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
  return { total: sum(cpu), idle: cpu[3] + cpu[4] };
}
const busyShare = (a, b) => 1 - (b.idle - a.idle) / (b.total - a.total);

// Starts tests/bench/cpu_sampler.cpp on `pid`; stop() returns its readings as [wall ms, CPU ms].
async function sampleCpu(pid) {
  const child = spawn(benchTool('waypoint-bench-cpu-sampler', 'WAYPOINT_BENCH_CPU_SAMPLER'), ['--pid', String(pid)],
    { stdio: ['ignore', 'pipe', 'inherit'] });
  let text = '';
  child.stdout.on('data', (d) => { text += d; });
  const exited = new Promise((resolve) => child.on('exit', resolve));
  for (let waited = 0; !text.startsWith('ready\n'); waited += 10) {
    if (waited > 5000 || child.exitCode !== null) throw new Error(`cpu sampler did not start for process ${pid}`);
    await sleep(10);
  }
  return {
    async stop() {
      child.kill('SIGTERM');
      const code = await exited;
      if (code !== 0) throw new Error(`cpu sampler exited with ${code}`);
      return text.trim().split('\n').slice(1).map((line) => line.split(' ').map((n) => Number(n) / 1e6));
    },
  };
}

// The CPU clock at wall time `t` (ms), interpolated between the readings around it.
function cpuAt(samples, t) {
  let lo = 0, hi = samples.length - 1;
  if (t <= samples[lo][0]) return samples[lo][1];
  if (t >= samples[hi][0]) return samples[hi][1];
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if (samples[mid][0] <= t) lo = mid; else hi = mid;
  }
  const [t0, c0] = samples[lo], [t1, c1] = samples[hi];
  return c0 + (c1 - c0) * (t - t0) / (t1 - t0);
}

// `scrollReferrals` referrals over 2 organizations: bench-1's organization receives about half.
function scrollDatabase() {
  const out = process.env.WAYPOINT_E2E_OUT || path.join(__dirname, '../../build/bench');
  const db = path.join(out, `client-scroll-${scrollReferrals / 1000}k-2org.db`);
  if (!fs.existsSync(db)) {
    const generator = benchTool('waypoint-bench-generate', 'WAYPOINT_BENCH_GENERATE');
    fs.mkdirSync(out, { recursive: true });
    execFileSync(generator, ['--db', `${db}.tmp`, '--referrals', String(scrollReferrals), '--organizations', '2'], { stdio: 'ignore' });
    for (const suffix of ['', '-wal', '-shm']) if (fs.existsSync(`${db}.tmp${suffix}`)) fs.renameSync(`${db}.tmp${suffix}`, `${db}${suffix}`);
  }
  return db;
}

const rowsLine = async (page) => ((await page.items()).find((i) => /^Rows [\d,]+–[\d,]+ of [\d,]+$/.test(i.label)) || {}).label;
const rowNumbers = (line) => (line || '').replace(/,/g, '').match(/\d+/g).map(Number);  // [first, last, total]

// Signs in as bench-1, opens Incoming referrals (any status), then turns the mouse wheel over the
// table for `scrollSeconds`: a reading pace first (rows arrive and are drawn), then faster and
// faster to far down (placeholders until their windows arrive, at most a few asked for at once).
// Returns each frame's wall and CPU time.
async function scrollFrames(engine, server) {
  // Firefox rounds performance.now() to 1 ms unless told otherwise: frames take less than that.
  const page = await launch(engine, { width: 1280, height: 720,
    firefoxPrefs: { 'privacy.reduceTimerPrecision': false } });
  try {
    await page.goto(server.url);
    await page.waitForReady();
    await page.typeInto('Username', 'bench-1');
    await page.typeInto('Password', 'waypoint-bench');
    await page.clickByLabel('Sign in');
    await page.clickByLabel('Incoming referrals');
    await page.waitForItem(/##row-referral-\d+$/, { timeoutMs: 30000 });
    await page.settle();
    const top = rowNumbers(await rowsLine(page));
    const header = await page.findItem('Referral date');
    const x = header.x + 200, y = header.y + 200;
    await page.page.mouse.move(x, y);
    const memory = () => page.evaluate('window.Module.HEAP8.length');
    const memoryBefore = await memory();
    const { page: pagePid, pages, browser } = browserProcesses(engine, server.pid);
    const sampler = await sampleCpu(pagePid);
    const browserBefore = cpuMsOf(browser), machineBefore = machineTimes();
    await page.evaluate('window.waypoint.frameTimes()');  // only the scroll's frames from here
    // Where the wheel has taken the table by time t (CSS px, ~1 px per unit of deltaY): a reading
    // pace of ~25 rows a second for the first 40% of the time, then faster and faster to ~row
    // 80,000 at the end.
    const reading = 0.4 * scrollSeconds;
    const target = (t) => (t < reading ? 1500 * t
      : 1500 * reading + 2500 * Math.expm1(7.5 * (t - reading) / (scrollSeconds - reading)));
    const start = Date.now();
    let events = 0, sent = 0;
    while (Date.now() - start < scrollSeconds * 1000) {
      const dy = Math.round(target((Date.now() - start) / 1000) - sent);
      if (dy > 0) {
        await page.page.mouse.wheel(0, dy);
        sent += dy;
        events += 1;
      }
      await sleep(8);
    }
    const frames = await page.evaluate('window.waypoint.frameTimes()');
    const browserAfter = cpuMsOf(browser), machineAfter = machineTimes();
    const samples = await sampler.stop();
    const times = frames.map(([, ms]) => ms);
    const cpu = frames.map(([startMs, ms]) => cpuAt(samples, startMs + ms) - cpuAt(samples, startMs));
    if (!frames.length || samples.length < 2 || cpu.some((ms, i) => !(ms >= 0 && ms <= times[i] * 4 + 1)))
      throw new Error(`${engine}: ${frames.length} frames, ${samples.length} CPU readings, CPU ${cpu.slice(0, 5)} ms`);
    // The process sampled must be the one that ran the page while it scrolled too.
    const used = new Map(browser.map((pid, i) => [pid, browserAfter[i] - browserBefore[i]]));
    const busiest = pages.reduce((a, b) => (used.get(b) > used.get(a) ? b : a));
    if (busiest !== pagePid) throw new Error(`${engine}: process ${busiest}, not ${pagePid}, ran the page while scrolling`);
    const restOfBrowser = sum([...used.values()]) - used.get(pagePid);
    const reached = rowNumbers(await rowsLine(page));
    await page.settle({ timeoutMs: 30000 });
    const memoryAfter = await memory();
    return { times, cpu, restOfBrowser, busy: busyShare(machineBefore, machineAfter), events, total: top[2],
      reached: reached[0], memoryBefore, memoryAfter, errors: await page.errors() };
  } finally {
    await page.close();
  }
}

async function startup(lines) {
  const app = await startServer({ demo: true, logName: 'bench-app' });
  const bare = await startServer({ webRoot: process.env.BARE_WEB_ROOT, logName: 'bench-bare' });
  lines.push('| engine | bare ImGui first frame | Waypoint first interactive frame | ratio | frames in 5 s idle |',
             '| --- | --- | --- | --- | --- |');
  try {
    for (const engine of ['chromium', 'firefox']) {
      const page = await launch(engine, { width: 1280, height: 720 });
      try {
        const bareMs = [], appMs = [];
        for (let i = 0; i < runs; i++) {
          bareMs.push(await firstFrame(page, `${bare.url}/?run=${i}`, '!!window.bareReady'));
          appMs.push(await firstFrame(page, `${app.url}/?run=${i}`, '!!(window.waypoint && window.waypoint.ready())'));
        }
        await new Promise((r) => setTimeout(r, 1000));
        const before = await page.frames();
        await new Promise((r) => setTimeout(r, 5000));
        const idle = (await page.frames()) - before;
        const b = median(bareMs), a = median(appMs);
        lines.push(`| ${engine} | ${b} ms | ${a} ms | ${(a / b).toFixed(2)}x | ${idle} |`);
      } finally {
        await page.close();
      }
    }
  } finally {
    await app.stop();
    await bare.stop();
  }
  const size = transferSizes(process.env.WAYPOINT_WEB_ROOT);
  lines.push('', `App transfer size (index.html + glue.js + waypoint.js + waypoint.wasm with its fonts): ` +
             `${(size.raw / 1024).toFixed(0)} KB raw, ${(size.gzip / 1024).toFixed(0)} KB gzip.`);
}

async function scrolling(lines) {
  const scroll = await startServer({ db: scrollDatabase(), logName: 'bench-scroll' });
  const rows = [];
  let total = 0;
  try {
    for (const engine of ['chromium', 'firefox']) {
      const r = await scrollFrames(engine, scroll);
      if (r.errors.length) throw new Error(`${engine}: page errors while scrolling: ${r.errors.join('; ')}`);
      const mb = (bytes) => (bytes / 1048576).toFixed(0);
      const ms = (xs) => `${median(xs).toFixed(2)} / ${quantile(xs, 0.95).toFixed(2)} / ${Math.max(...xs).toFixed(1)} ms`;
      rows.push(`| ${engine} | ${r.times.length} | ${ms(r.cpu)}, ${r.cpu.filter((c) => c > 4).length} over 4 ms | ${ms(r.times)} | ` +
                `${(r.restOfBrowser / r.times.length).toFixed(1)} ms | ${(100 * r.busy).toFixed(0)}% | ` +
                `${r.events} events, row 1 to row ${r.reached.toLocaleString('en-US')} | ` +
                `${mb(r.memoryBefore)} MB -> ${mb(r.memoryAfter)} MB |`);
      total = r.total;
    }
  } finally {
    await scroll.stop();
  }
  lines.push('', `Frames while scrolling Incoming referrals (${total.toLocaleString('en-US')} rows, any status; ` +
             `${scrollReferrals / 1000}k-referral database, bench-1) with the mouse wheel for ${scrollSeconds} s. CPU: the kernel's CPU clock ` +
             'of the browser process running the page (all its threads), read every ~0.3 ms and taken at each frame\'s ' +
             'start and end; wall: the app\'s own timer around its frame callback, which also counts time the page ' +
             'waited for a core. Rest of the browser: the CPU its other processes (compositor, GL, network) used ' +
             'during the scroll, per frame; machine busy: all cores.', '',
             '| engine | frames | CPU median / p95 / max | wall median / p95 / max | rest of the browser a frame | ' +
             'machine busy | wheel | wasm memory before -> after |',
             '| --- | --- | --- | --- | --- | --- | --- | --- |', ...rows);
}

// BENCH_CLIENT_ONLY=startup|scroll runs one half.
(async () => {
  const out = process.argv[2];
  const only = process.env.BENCH_CLIENT_ONLY;
  const lines = [];
  if (only !== 'scroll') await startup(lines);
  if (only !== 'startup') await scrolling(lines);
  fs.writeFileSync(out, lines.join('\n') + '\n');
  console.log(lines.join('\n'));
  process.exit(0);
})().catch((e) => { console.error(e); process.exit(1); });
