'use strict';
// 200% browser zoom of a 1280x720 window: a CSS viewport of 640x360 at devicePixelRatio 2.
// Playwright (Chromium, Firefox): a context of viewport 640x360 and deviceScaleFactor 2, which is
// what the browser's zoom gives the page. WebKit: the harness's deviceScaleFactor 2 (GDK_SCALE=2 for
// MiniBrowser) and a window fitted to innerWidth x innerHeight 640x360.
// Sign in, Client Referrals and Referral Outcome (and Clients' search results); on each, the
// screen must render, and its key controls must lie inside the viewport, as is or after scrolling
// (tests/e2e/steps.js reveal: the mouse wheel over the page). Screenshots (1280x720 device pixels)
// go to <out>/zoom_200-<screen>-<engine>.png.
//   node tests/e2e/zoom_200.test.js chromium|firefox|webkit
const assert = require('node:assert/strict');
const { test } = require('../lib');
const { reveal } = require('../steps');
const { prepare, signIn, fill } = require('../a11y_screens');

const KEYS = {
  'sign-in': () => ['Sign in to Waypoint', 'Username', 'Password', 'Sign in'],
  'client-referrals': ({ pending }) => ['Client Referrals', `Edit##referral-${pending.id}`, 'Enrollment and Services'],
  'referral-outcome': () => ['Referral Outcome', 'Date Referral Acknowledged', 'Finish', 'Return referral'],
};

async function check(t, page, name, labels) {
  const dpr = await page.evaluate('[window.devicePixelRatio, window.innerWidth, window.innerHeight]');
  assert.deepEqual(dpr, [2, 640, 360], 'devicePixelRatio 2 and a 640x360 CSS viewport');
  const app = await page.findItem('Waypoint', { window: 'Waypoint' });
  assert.ok(app && Math.abs(app.w - 640) < 1 && Math.abs(app.h - 360) < 1, `the app fills the viewport (${app && `${app.w}x${app.h}`})`);
  await page.settle();
  await page.screenshot(`zoom_200-${name}`);
  const out = [];
  for (const label of labels) {
    let it = null;
    try { it = await reveal(page, label); } catch (e) { out.push(`${label}: not reached (${e.message.slice(0, 80)})`); continue; }
    const inside = it.x >= 0 && it.y >= 0 && it.x + it.w <= 640 + 0.5 && it.y + it.h <= 360 + 0.5 && it.w > 0 && it.h > 0;
    if (!inside) out.push(`${label} at ${it.x},${it.y} ${it.w}x${it.h}`);
  }
  assert.deepEqual(out, [], 'key controls inside the 640x360 viewport (after scrolling)');
  t.log(`reachable: ${labels.join(', ')}`);
}

// The three screens are reached directly (sign in, then the client's Referrals by their hash, then
// Edit), so that a screen met on the way that fails at 200% does not hide them; Clients' search
// results are checked last, on their own.
test('200% zoom: Sign in, Client Referrals and Referral Outcome', async (t) => {
  const server = await t.startServer({ demo: true });
  const setup = await prepare(server.url);
  const page = await t.launch({ width: 640, height: 360, deviceScaleFactor: 2 });
  const { pending } = setup;

  await t.step('Sign in at 200%', async () => {
    await page.goto(server.url);
    await page.waitForReady(30000);
    await page.waitForItem('Sign in to Waypoint');
    await check(t, page, 'sign-in', KEYS['sign-in']());
  });
  await t.step('Client Referrals at 200%', async () => {
    await signIn(page);
    await page.evaluate(`location.hash = '#/clients/1/referrals'`);
    await page.waitForItem('Client Referrals');
    await reveal(page, `Edit##referral-${pending.id}`);
    await check(t, page, 'client-referrals', KEYS['client-referrals']({ pending }));
  });
  await t.step('Referral Outcome at 200%', async () => {
    // By its hash: at 200% the list's Edit buttons may be out of reach (that is the step above).
    await page.evaluate(`location.hash = '#/clients/1/referrals/${pending.id}'`);
    await page.waitForItem('Referral Outcome');
    await page.waitForItem('Pending');
    await check(t, page, 'referral-outcome', KEYS['referral-outcome']());
  });
  await t.step('Clients: search results reachable at 200%', async () => {
    await page.clickByLabel('Clients');
    await fill(page, 'Search clients', 'nguyen');
    await page.press('Enter');
    await page.waitForItem(/^\d+ clients match/);
    await check(t, page, 'clients-search', ['Search clients', 'Maria José Nguyễn']);
  });
  await t.step('the page recorded no errors', async () => {
    assert.deepEqual(await page.errors(), []);
  });
});
