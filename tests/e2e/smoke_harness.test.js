'use strict';
// Proves the harness itself on a static WebGL2 page with a fake window.waypoint (not the app):
//   node tests/e2e/smoke_harness.test.js chromium|firefox|webkit
const assert = require('node:assert/strict');
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const http = require('node:http');
const path = require('node:path');
const { test, readPng, startServer } = require('./lib');

const PAGE = fs.readFileSync(path.join(__dirname, 'fixtures', 'smoke_page.html'));

function serveFixture() {
  const srv = http.createServer((req, res) => {
    if (req.url.startsWith('/slow')) { setTimeout(() => res.end('ok'), 300); return; }
    if (req.url === '/' || req.url.startsWith('/?')) { res.setHeader('content-type', 'text/html; charset=utf-8'); res.end(PAGE); return; }
    res.statusCode = req.url === '/favicon.ico' ? 204 : 404; res.end();
  });
  return new Promise((resolve) => srv.listen(0, '127.0.0.1', () => resolve({
    url: `http://127.0.0.1:${srv.address().port}/`,
    stop: () => new Promise((r) => { srv.closeAllConnections(); srv.close(r); }),
  })));
}

const near = (got, want, tol = 10) => got.slice(0, 3).every((v, i) => Math.abs(v - want[i]) <= tol);

test('harness smoke', async (t) => {
  const server = await serveFixture();
  let page;
  try {
    await t.step('launch browser', async () => { page = await t.launch({ width: 1280, height: 720 }); });

    await t.step('goto + waitForReady', async () => {
      const t0 = Date.now();
      await page.goto(server.url);
      const readyMs = await page.waitForReady(15000);
      t.log(`goto ${Date.now() - t0 - readyMs} ms, ready ${readyMs} ms later`);
      assert.match(await page.evaluate('location.search'), /automation=1/);
      assert.deepEqual(await page.evaluate('[innerWidth, innerHeight, devicePixelRatio]'), [1280, 720, 1]);
      assert.deepEqual(await page.errors(), []);
    });

    await t.step('evaluate: functions, expressions, promises, arguments', async () => {
      assert.equal(await page.evaluate('1 + 2'), 3);
      assert.equal(await page.evaluate((a) => a.x * 2, { x: 21 }), 42);
      assert.equal(await page.evaluate('new Promise(r => setTimeout(() => r("late"), 50))'), 'late');
      assert.equal(await page.evaluate('() => !!document.createElement("canvas").getContext("webgl2")'), true);
      assert.ok((await page.frames()) > 0);
      assert.equal(await page.busy(), 0);
    });

    await t.step('findItem: label forms, visible first, missing label error', async () => {
      const a = await page.findItem('Click me');
      assert.equal(a.id, 11, 'prefers the visible item over the hidden duplicate');
      assert.equal((await page.findItem('btn')).id, 11);
      assert.equal((await page.findItem('Click me##btn', { window: 'Smoke' })).id, 11);
      assert.equal((await page.findItem('Name')).id, 12);
      assert.equal(await page.findItem('Click me', { window: 'Other' }), null);
      assert.equal(await page.findItem('Empty'), null, 'zero-size items are skipped');
      await assert.rejects(page.waitForItem('Nope', { timeoutMs: 300 }), /item Nope.*labels seen:.*Smoke\/Click me##btn/s);
    });

    await t.step('clickByLabel hits the centre', async () => {
      await page.clickByLabel('Click me');
      const s = await page.evaluate('window.smoke');
      assert.equal(s.clicks, 1);
      assert.deepEqual(s.lastClick, { x: 180, y: 120 });
    });

    await t.step('clickByLabel waits for busy() to drop', async () => {
      await page.clickByLabel('Load data');
      assert.equal(await page.evaluate('window.smoke.loaded'), 'ok');
    });

    await t.step('typeInto replaces the field text (Ctrl+A, keypress chars)', async () => {
      await page.typeInto('Name', 'abc');
      await page.typeInto('Name', 'hello World 42');
      assert.equal(await page.evaluate('window.smoke.text'), 'hello World 42');
      await page.press('Backspace');
      assert.equal(await page.evaluate('window.smoke.text'), 'hello World 4');
    });

    await t.step('typeInto non-ASCII (Vietnamese) text', async () => {
      await page.typeInto('Name', 'Nguyễn Văn Ánh, 5 €');
      assert.equal(await page.evaluate('window.smoke.text'), 'Nguyễn Văn Ánh, 5 €');
    });

    await t.step('press named keys', async () => {
      for (const k of ['Enter', 'Tab', 'Escape', 'ArrowDown', 'Shift+Tab']) await page.press(k);
      const keys = await page.evaluate('window.smoke.keys');
      const tail = keys.slice(-5);
      assert.deepEqual(tail, ['Enter', 'Tab', 'Escape', 'ArrowDown', 'Shift+Tab']);
      assert.ok(keys.includes('Control+a') || keys.includes('Control+A'), `Ctrl+A seen: ${keys.join(' ')}`);
    });

    await t.step('scrollWheel', async () => {
      await page.scrollWheel(640, 400, 120);
      const s = await page.evaluate('window.smoke');
      t.log(`wheel deltaY sum ${s.wheel}, deltaMode ${s.wheelMode}`);
      assert.ok(s.wheel > 0);
    });

    await t.step('screenshot is the WebGL canvas at viewport size', async () => {
      const file = await page.screenshot('smoke_harness');
      const png = readPng(file);
      t.log(`${file} ${png.width}x${png.height}`);
      assert.deepEqual([png.width, png.height], [1280, 720]);
      assert.ok(near(png.pixel(20, 20), [26, 128, 128]), `background ${png.pixel(20, 20)}`);
      assert.ok(near(png.pixel(180, 120), [230, 51, 51]), `button ${png.pixel(180, 120)}`);
      assert.ok(near(png.pixel(250, 195), [51, 51, 204]), `focused field ${png.pixel(250, 195)}`);
    });

    await t.step('the runner reports a step that skips itself as skipped, never as passed', async () => {
      const run = (...args) => spawnSync(process.execPath, [path.join(__dirname, 'fixtures', 'runner_counts.js'), t.engine, ...args],
        { encoding: 'utf8', timeout: 30000, env: { ...process.env, WAYPOINT_E2E_OUT: fs.mkdtempSync(path.join(require('node:os').tmpdir(), 'runner-')) } });
      const clean = run();
      assert.equal(clean.status, 0, clean.stdout + clean.stderr);
      assert.match(clean.stdout, /^ok {4}passes \(/m);
      assert.match(clean.stdout, /^skip {2}cannot run here: no such thing in this engine$/m);
      assert.match(clean.stdout, /^1 passed, 0 failed, 1 skipped$/m);
      const failing = run('fail');
      assert.equal(failing.status, 1, failing.stdout + failing.stderr);
      assert.match(failing.stdout, /^skip {2}after the failure \(after a failure\)$/m);
      assert.match(failing.stdout, /^1 passed, 1 failed, 2 skipped$/m);
    });

    await t.step('setOffline', async () => {
      const applied = await page.setOffline(true);
      if (t.engine === 'webkit') { assert.equal(applied, false); return; }
      assert.equal(applied, true);
      assert.equal(await page.evaluate('navigator.onLine'), false);
      await page.setOffline(false);
      assert.equal(await page.evaluate('navigator.onLine'), true);
    });

    await t.step('no page errors', async () => {
      assert.deepEqual(await page.errors(), []);
      assert.deepEqual(page.consoleErrors(), []);
    });

    await t.step('startServer (a fake server binary) + goto its page', async () => {
      const srv = await startServer({ binary: path.join(__dirname, 'fixtures', 'fake_server.js'), webRoot: path.join(__dirname, 'fixtures'), demo: true });
      try {
        assert.match(srv.url, /^http:\/\/127\.0\.0\.1:\d+$/);
        assert.deepEqual(await (await fetch(`${srv.url}/api/health`)).json(), { ok: true, demo: true });
        await page.goto(`${srv.url}/smoke_page.html`);
        await page.waitForReady(15000);
        await page.clickByLabel('Click me');
        assert.equal(await page.evaluate('window.smoke.clicks'), 1);
      } finally { await srv.stop(); }
      const log = fs.readFileSync(srv.logFile, 'utf8');
      assert.match(log, /args: --port 0 --bind 127\.0\.0\.1 --db \S+ --web-root \S+ --demo/);
      assert.match(log, /SIGTERM, bye/);
      assert.ok(!fs.existsSync(srv.db), 'temp db removed');
      assert.throws(() => process.kill(srv.pid, 0), /ESRCH/);
    });

    await t.step('close cleans up', async () => {
      const pids = { display: page.display };
      await page.close();
      if (t.engine !== 'chromium' && !process.env.DISPLAY) {
        const n = pids.display.slice(1);
        assert.ok(!fs.existsSync(`/tmp/.X${n}-lock`), `Xvfb ${pids.display} lock removed`);
      }
    });
  } finally {
    await server.stop();
  }
});
