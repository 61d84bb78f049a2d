'use strict';
// The first screen in a real browser: the app loads from the real server, draws its first
// frame, shows the server's status and version, stays idle without input, and says clearly
// when the server cannot be reached, with Retry.
//   node tests/e2e/health.test.js chromium|firefox|webkit
const assert = require('node:assert/strict');
const { test, readPng } = require('./lib');

// Of the text's pixels in a screenshot rectangle (device pixels), the share that are part-way
// between paper and ink (anti-aliased edge) rather than ink. Text rasterised for the screen's
// pixels has edges about one pixel wide whatever its size, so at twice the pixels the share
// falls; text drawn at one pixel per CSS pixel and scaled up keeps it (or blurs it higher).
function edgeShare(png, x0, y0, w, h) {
  const lum = (x, y) => { const [r, g, b] = png.pixel(x, y); return 0.2126 * r + 0.7152 * g + 0.0722 * b; };
  let paper = 0, ink = 255;
  for (let y = y0; y < y0 + h; y++) for (let x = x0; x < x0 + w; x++) { const l = lum(x, y); paper = Math.max(paper, l); ink = Math.min(ink, l); }
  assert.ok(paper - ink > 100, `text contrast in the rectangle (${ink.toFixed(0)}..${paper.toFixed(0)})`);
  let edge = 0, solid = 0;
  for (let y = y0; y < y0 + h; y++) {
    for (let x = x0; x < x0 + w; x++) {
      const k = (paper - lum(x, y)) / (paper - ink);  // 0 paper .. 1 ink
      if (k > 0.8) solid++; else if (k > 0.2) edge++;
    }
  }
  return edge / (edge + solid);
}

test('health', async (t) => {
  const server = await t.startServer();
  const expected = await (await fetch(`${server.url}/api/health`)).json();
  const page = await t.launch({ width: 1280, height: 720 });

  await t.step('the app loads and draws its first frame', async () => {
    const started = Date.now();
    await page.goto(server.url);
    await page.waitForReady(30000);
    t.log(`first frame ${Date.now() - started} ms after navigation`);
    assert.deepEqual(await page.errors(), []);
  });

  await t.step('the status screen shows the server online with its version', async () => {
    await page.waitForItem('Server status');
    await page.waitForItem('Online');
    await page.waitForItem(expected.version);
    await page.waitForItem(String(expected.schema_version));
    await page.screenshot('health-online');
  });

  await t.step('idle for 5 s draws at most 10 frames', async () => {
    await new Promise((r) => setTimeout(r, 500));
    const before = await page.frames();
    await new Promise((r) => setTimeout(r, 5000));
    const drawn = (await page.frames()) - before;
    t.log(`frames drawn while idle for 5 s: ${drawn}`);
    assert.ok(drawn <= 10, `drew ${drawn} frames while idle`);
  });

  await t.step('input wakes the loop and Check again asks the server', async () => {
    const before = await page.frames();
    await page.clickByLabel('Check again');
    assert.ok((await page.frames()) > before);
    await page.waitForItem('Online');
  });

  let server2;
  await t.step('an unreachable server gets a clear message and Retry', async () => {
    await server.stop();
    await page.clickByLabel('Check again');
    await page.waitForItem('Unreachable');
    await page.waitForItem('Retry');
    await page.screenshot('health-unreachable');
    await page.clickByLabel('Retry');
    await page.waitForItem('Unreachable');
    server2 = await t.startServer();
  });

  await t.step('at devicePixelRatio 2 the text is rasterised at twice the pixels', async () => {
    // The same screen at ratio 1 and 2; the server's version string is plain body text on white.
    const shots = {};
    for (const ratio of [1, 2]) {
      const p = await t.launch({ width: 800, height: 600, deviceScaleFactor: ratio });
      await p.goto(server2.url);
      await p.waitForReady(30000);
      const item = await p.waitForItem(expected.version);
      await p.waitForItem('Online');
      await p.settle();
      const canvas = await p.evaluate("[document.getElementById('canvas').width, document.getElementById('canvas').height]");
      assert.deepEqual(canvas, [800 * ratio, 600 * ratio], `the canvas has ${ratio} pixel(s) per CSS pixel`);
      const png = readPng(await p.screenshot(`health-dpr${ratio}`));
      assert.deepEqual([png.width, png.height], [800 * ratio, 600 * ratio]);
      shots[ratio] = { item, share: edgeShare(png, Math.floor(item.x * ratio), Math.floor(item.y * ratio),
        Math.ceil(item.w * ratio), Math.ceil(item.h * ratio)) };
      await p.close();
    }
    t.log(`edge share of the version text: ${shots[1].share.toFixed(2)} at ratio 1, ${shots[2].share.toFixed(2)} at ratio 2`);
    assert.ok(Math.abs(shots[2].item.w - shots[1].item.w) < 4, `item rects stay in CSS pixels (${shots[1].item.w} and ${shots[2].item.w})`);
    assert.ok(shots[2].share < 0.8 * shots[1].share, 'at ratio 2 the glyphs have sharper edges than ratio 1 scaled up would');
  });

  await t.step('the page recorded no errors', async () => {
    assert.deepEqual(await page.errors(), []);
  });
});
