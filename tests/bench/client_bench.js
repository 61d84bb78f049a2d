'use strict';
// Client figures in headless Chromium and Firefox (script/bench): navigation to first
// interactive frame against a bare Dear ImGui page built by the same toolchain and served by
// the same server, frames drawn in 5 s idle, and the app's transfer size (gzip).
//   node tests/bench/client_bench.js OUT.md   (env: WAYPOINT_SERVER, WAYPOINT_WEB_ROOT, BARE_WEB_ROOT)
const fs = require('node:fs');
const path = require('node:path');
const zlib = require('node:zlib');
const { launch, startServer } = require('../e2e/lib');

const runs = Number(process.env.BENCH_CLIENT_RUNS || 3);
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

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

(async () => {
  const out = process.argv[2];
  const app = await startServer({ demo: true, logName: 'bench-app' });
  const bare = await startServer({ webRoot: process.env.BARE_WEB_ROOT, logName: 'bench-bare' });
  const lines = ['| engine | bare ImGui first frame | Waypoint first interactive frame | ratio | frames in 5 s idle |',
                 '| --- | --- | --- | --- | --- |'];
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
             `${(size.raw / 1024).toFixed(0)} KB raw, ${(size.gzip / 1024).toFixed(0)} KB gzip.`,
             'Not measured yet: CPU time per frame while scrolling a 100k-row referral table.');
  fs.writeFileSync(out, lines.join('\n') + '\n');
  console.log(lines.join('\n'));
  process.exit(0);
})().catch((e) => { console.error(e); process.exit(1); });
