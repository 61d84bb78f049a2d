'use strict';
// The first screen in a real browser: the app loads from the real server, draws its first
// frame, shows the server's status and version, stays idle without input, and says clearly
// when the server cannot be reached, with Retry.
//   node tests/e2e/health.test.js chromium|firefox|webkit
const assert = require('node:assert/strict');
const { test } = require('./lib');

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
    const sharp = await t.launch({ width: 800, height: 600, deviceScaleFactor: 2 });
    await sharp.goto(server2.url);
    await sharp.waitForReady(30000);
    const item = await sharp.waitForItem('Online');
    assert.ok(item.w > 20 && item.w < 200, `item rects stay in CSS pixels (w=${item.w})`);
    await sharp.screenshot('health-dpr2');
    await sharp.close();
  });

  await t.step('the page recorded no errors', async () => {
    assert.deepEqual(await page.errors(), []);
  });
});
