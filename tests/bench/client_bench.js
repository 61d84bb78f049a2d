'use strict';
// Client figures in headless Chromium and Firefox (script/bench): navigation to first
// interactive frame against a bare Dear ImGui page built by the same toolchain and served by
// the same server, frames drawn in 5 s idle, the app's transfer size (gzip), and the CPU time
// of each frame while the wheel scrolls a ~100k-row Incoming referrals table from its top to
// far down (measured by the app around its frame callback: window.waypoint.frameTimes()).
//   node tests/bench/client_bench.js OUT.md   (env: WAYPOINT_SERVER, WAYPOINT_WEB_ROOT, BARE_WEB_ROOT,
//   WAYPOINT_E2E_OUT: where the scroll database is generated once; WAYPOINT_BENCH_GENERATE: the
//   generator, by default beside the server's build; BENCH_SCROLL_SECONDS=5)
const fs = require('node:fs');
const path = require('node:path');
const zlib = require('node:zlib');
const { execFileSync } = require('node:child_process');
const { launch, startServer } = require('../e2e/lib');

const runs = Number(process.env.BENCH_CLIENT_RUNS || 3);
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const quantile = (xs, q) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * q))];
const scrollSeconds = Number(process.env.BENCH_SCROLL_SECONDS || 5);
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

// 200,000 referrals over 2 organizations: bench-1's organization receives ~100k of them.
function scrollDatabase() {
  const out = process.env.WAYPOINT_E2E_OUT || path.join(__dirname, '../../build/bench');
  const db = path.join(out, 'client-scroll-200k-2org.db');
  if (!fs.existsSync(db)) {
    const generator = process.env.WAYPOINT_BENCH_GENERATE ||
      path.join(path.dirname(process.env.WAYPOINT_SERVER), '../tests/bench/waypoint-bench-generate');
    fs.mkdirSync(out, { recursive: true });
    execFileSync(generator, ['--db', `${db}.tmp`, '--referrals', '200000', '--organizations', '2'], { stdio: 'ignore' });
    for (const suffix of ['', '-wal', '-shm']) if (fs.existsSync(`${db}.tmp${suffix}`)) fs.renameSync(`${db}.tmp${suffix}`, `${db}${suffix}`);
  }
  return db;
}

const rowsLine = async (page) => ((await page.items()).find((i) => /^Rows [\d,]+–[\d,]+ of [\d,]+$/.test(i.label)) || {}).label;
const rowNumbers = (line) => (line || '').replace(/,/g, '').match(/\d+/g).map(Number);  // [first, last, total]

// Signs in as bench-1, opens Incoming referrals (any status), then turns the mouse wheel over the
// table for `scrollSeconds`: a reading pace first (rows arrive and are drawn), then faster and
// faster to far down (placeholders until their windows arrive, at most a few asked for at once).
// Returns the app's frame times.
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
    const times = await page.evaluate('window.waypoint.frameTimes()');
    const reached = rowNumbers(await rowsLine(page));
    await page.settle({ timeoutMs: 30000 });
    const memoryAfter = await memory();
    return { times, events, total: top[2], reached: reached[0], memoryBefore, memoryAfter, errors: await page.errors() };
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
      rows.push(`| ${engine} | ${r.times.length} | ${median(r.times).toFixed(2)} ms | ${quantile(r.times, 0.95).toFixed(2)} ms | ` +
                `${Math.max(...r.times).toFixed(1)} ms | ${r.events} events, row 1 to row ${r.reached.toLocaleString('en-US')} | ` +
                `${mb(r.memoryBefore)} MB -> ${mb(r.memoryAfter)} MB |`);
      total = r.total;
    }
  } finally {
    await scroll.stop();
  }
  lines.push('', `CPU time per frame while scrolling Incoming referrals (${total.toLocaleString('en-US')} rows, any ` +
             `status; 200k-referral database, bench-1) with the mouse wheel for ${scrollSeconds} s, timed by the app ` +
             'around its whole frame callback:', '',
             '| engine | frames | median | p95 | max | wheel | wasm memory before -> after |',
             '| --- | --- | --- | --- | --- | --- | --- |', ...rows);
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
