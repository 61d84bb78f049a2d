'use strict';
// The screens of seed 000 ("Resolving a Referral"), reached the way seed_000_referral.test.js
// reaches them (by label, with the pointer and the keyboard), for the accessibility tests
// (a11y_axe, a11y_snapshot, zoom_200). Each screen is { name, title, reach(ctx) }; walk() reaches
// them in order and hands each, settled, to a callback (axe, an ARIA snapshot, a screenshot).
//
// ctx: { t, page, url, token, pending, acknowledged } — `pending` is a referral of client 1 to
// Northstar still pending (its Referral Outcome is the acknowledge form), `acknowledged` one the
// test acknowledged through the API first (its form shows Outcome Information).
const assert = require('node:assert/strict');
const { sleep } = require('./lib');
const { api, us, plusDays, reveal, click } = require('./steps');

async function signInApi(url, username) {
  const r = await fetch(`${url}/api/session`, {
    method: 'POST', headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: 'waypoint-demo' }),
  });
  assert.equal(r.status, 200, `API sign-in as ${username}`);
  return (await r.json()).token;
}

async function waitGone(page, label, timeoutMs = 10000) {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    if (!(await page.findItem(label))) return;
    await sleep(50);
  }
  throw new Error(`${page.engine}: ${label} still shown after ${timeoutMs} ms`);
}

/** Server-side set-up both walks share: two referrals of client 1 to Northstar, one acknowledged. */
async function prepare(url) {
  const token = await signInApi(url, 'demo-provider');
  const referrals = (await api(url, token, '/api/clients/1/referrals')).body.items
    .filter((r) => r.status === 'pending' && r.to_organization_id === 3)
    .sort((a, b) => a.id - b.id);
  assert.ok(referrals.length >= 2, `client 1 has ${referrals.length} pending referrals to Northstar`);
  const [pending, acknowledged] = referrals;
  const ack = await api(url, token, `/api/referrals/${acknowledged.id}/acknowledge`,
    { method: 'POST', body: { date_acknowledged: plusDays(acknowledged.referral_date, 1), version: acknowledged.version } });
  assert.equal(ack.status, 200, 'acknowledge through the API');
  return { token, pending, acknowledged: ack.body };
}

// Type into a field, replacing its text. The harness's typeInto waits for a frame after Control+A,
// but with the mirror's <input> focused, Control+A in an empty field changes nothing the app
// hears of, so no frame comes: here select-all does not wait, the typing does.
async function fill(page, label, text) {
  const it = await reveal(page, label);
  await page.click(it.x + it.w / 2, it.y + it.h / 2);
  await page.press('Control+A', { settle: false });
  await page.type(text);
}

async function signIn(page, username = 'demo-provider') {
  await fill(page, 'Username', username);
  await fill(page, 'Password', 'waypoint-demo');
  await page.press('Enter');
  await page.waitForItem('User menu');
}

async function openEnrollmentReferrals(page) {
  const folder = await page.waitForItem('Enrollment and Services');
  if (!(folder.flags & (1 << 21))) await page.clickByLabel('Enrollment and Services');
  await page.clickByLabel('Referrals');
  await page.waitForItem('Client Referrals');
}

// Every screen of the walk, in the order a case worker meets them. `key: true` marks the three
// screens the ARIA snapshots and the 200% zoom screenshots cover.
const SCREENS = [
  { name: 'sign-in', title: 'Sign in', key: true, async reach({ page, url }) {
    await page.goto(url);
    await page.waitForReady(30000);
    await page.waitForItem('Sign in to Waypoint');
    await reveal(page, 'Sign in');  // below the fold in a small (zoomed) viewport
  } },
  { name: 'sign-in-errors', title: 'Sign in, both fields empty: a message per field', async reach({ page }) {
    await page.clickByLabel('Sign in');
    await page.waitForItem('Enter your username');
    await page.waitForItem('Enter your password');
  } },
  { name: 'sign-in-failed', title: 'Sign in, wrong password: the alert', async reach({ page }) {
    await fill(page, 'Username', 'demo-provider');
    await fill(page, 'Password', 'not-the-password');
    await page.press('Enter');
    await page.waitForItem(/^The username or password is not right\. /);
  } },
  { name: 'clients', title: 'Clients (signed in)', async reach({ page }) {
    await signIn(page);
    await page.waitForItem('Northstar Housing Partners');
  } },
  { name: 'settings', title: 'Settings sidebar open', async reach({ page }) {
    await page.clickByLabel('User menu');
    await reveal(page, 'Apply');
  } },
  { name: 'settings-organization-list', title: 'Settings: the Organization list open', async reach({ page }) {
    await reveal(page, 'Organization');
    await page.clickByLabel('Organization');
    await page.waitForItem('Harbor Light Shelter', { window: /^##Combo/ });
  } },
  { name: 'clients-search', title: 'Clients: search results for "nguyen"', async reach({ page }) {
    await page.press('Escape');  // closes the list (and, as focus is in the sidebar, the sidebar)
    if (await page.findItem('Apply')) await click(page, 'Cancel');  // nothing applied
    await waitGone(page, 'Apply');
    await page.clickByLabel('Clients');
    await fill(page, 'Search clients', 'nguyen');
    await page.press('Enter');
    await reveal(page, 'Maria José Nguyễn');
  } },
  { name: 'client-profile', title: 'Client profile (Maria José Nguyễn)', async reach({ page }) {
    await click(page, 'Maria José Nguyễn');
    await page.waitForItem('Enrollment and Services');
    await page.waitForItem('#1');  // the profile's Client ID value: the record has loaded
  } },
  { name: 'client-referrals', title: 'Enrollment and Services > Referrals (Client Referrals)', key: true, async reach({ page, pending }) {
    await openEnrollmentReferrals(page);
    await page.waitForItem(`Edit##referral-${pending.id}`);
    await page.waitForItem('Pending');
  } },
  { name: 'referral-outcome', title: 'Referral Outcome of a pending referral (the acknowledge form)', key: true, async reach({ page, pending }) {
    await click(page, `Edit##referral-${pending.id}`);
    await page.waitForItem('Referral Outcome');
    await page.waitForItem('Date Referral Acknowledged');
    await page.waitForItem('Pending');
  } },
  { name: 'referral-outcome-calendar', title: 'Referral Outcome: the calendar open', async reach({ page }) {
    await click(page, 'Calendar##Date Referral Acknowledged');
    await page.waitForItem('Today');
  } },
  { name: 'referral-outcome-acknowledge-errors', title: 'Referral Outcome: Finish with no date (field error)', async reach({ page }) {
    await page.press('Escape');
    await waitGone(page, 'Today');
    await click(page, 'Finish');
    await page.waitForItem('Enter the date the referral was acknowledged');
  } },
  { name: 'referral-outcome-information', title: 'Referral Outcome of an acknowledged referral (Outcome Information)', async reach({ page, acknowledged }) {
    await page.evaluate(`location.hash = '#/clients/1/referrals/${acknowledged.id}'`);
    await page.waitForItem('Acknowledged');
    await reveal(page, 'Outcome Information');
  } },
  { name: 'referral-outcome-result-list', title: 'Outcome Information: the Result list open', async reach({ page }) {
    await click(page, 'Result');
    await page.waitForItem('Services Provided', { window: /^##Combo/ });
  } },
  { name: 'referral-outcome-errors', title: 'Outcome Information: result date before the appointment (field error)', async reach({ page, acknowledged }) {
    await page.clickByLabel('Services Provided', { window: /^##Combo/ });
    await fill(page, 'Appointment Date', us(plusDays(acknowledged.referral_date, 3)));
    await fill(page, 'Result Date', us(plusDays(acknowledged.referral_date, 2)));
    await click(page, 'Finish');
    await page.waitForItem('Result date must be on or after the appointment date');
  } },
  { name: 'return-dialog', title: 'Return referral? (modal dialog)', async reach({ page }) {
    await click(page, 'Return referral');
    await page.waitForItem('Return referral?');
    await page.waitForItem('Confirm return');
  } },
  { name: 'return-dialog-error', title: 'Return referral? Confirm with no reason (field error)', async reach({ page }) {
    await click(page, 'Confirm return');
    await page.waitForItem('Enter the reason for returning the referral');
  } },
  { name: 'referral-history', title: 'Referral history', async reach({ page }) {
    await page.press('Escape');
    await waitGone(page, 'Return referral?');
    await click(page, 'History');
    await page.waitForItem('Created the referral');
  } },
  { name: 'incoming', title: 'Incoming referrals', async reach({ page }) {
    await page.clickByLabel('Incoming referrals');
    await page.waitForItem('Referral date');
    await page.waitForItem(/^Rows 1–\d+ of /);
  } },
  { name: 'outgoing', title: 'Outgoing referrals (as the referrer, demo-caseworker)', async reach({ page }) {
    await page.clickByLabel('User menu');
    await page.clickByLabel('Sign out');
    await page.waitForItem('Sign in');
    await signIn(page, 'demo-caseworker');
    await page.waitForItem('Riverside Family Services');
    await page.clickByLabel('Outgoing referrals');
    await page.waitForItem('Referral date');
    await page.waitForItem(/^Rows 1–\d+ of /);
  } },
];

/**
 * Reach each screen (all, or those `filter` keeps) as one step, settle, then `await visit(screen)`.
 * Screens are reached in order even when filtered out (each starts where the one before ended).
 * Returns the names visited.
 */
async function walk(t, page, ctx, visit, { filter = () => true } = {}) {
  const visited = [];
  const last = SCREENS.reduce((at, s, i) => (filter(s) ? i : at), -1);  // nothing after it is reached
  for (const screen of SCREENS.slice(0, last + 1)) {
    const keep = filter(screen);
    const ok = await t.step(`${keep ? '' : '(on the way) '}${screen.title}`, async () => {
      await screen.reach(ctx);
      await page.settle();
      await sleep(100);  // the mirror is written after the frame that changed; one more turn of the loop
      if (keep) await visit(screen);
      return true;
    });
    if (ok && keep) visited.push(screen.name);
  }
  return visited;
}

module.exports = { SCREENS, walk, prepare, fill, signIn, signInApi, waitGone };
