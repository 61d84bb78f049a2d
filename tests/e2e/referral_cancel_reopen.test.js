'use strict';
// Cancel and Reopen on the referral page, in a real browser, and what a change's reply does:
//  - the referrer cancels a pending referral from Outgoing referrals: a modal says what happens
//    and asks why (no reason, no request); confirmed, the page shows it cancelled with the reason
//    and offers nothing more, at once, from the reply;
//  - a System Admin reopens a resolved referral with a reason: the page is at once the Outcome
//    Information form with the result cleared, and Finish right away saves (the version the
//    reopen's reply carried; no "someone else changed it").
//   node tests/e2e/referral_cancel_reopen.test.js chromium|firefox|webkit
const assert = require('node:assert/strict');
const { test, sleep } = require('./lib');
const { api, us, reveal, click, typeInto } = require('./steps');

async function signInApi(url, username) {
  const r = await fetch(`${url}/api/session`, {
    method: 'POST', headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: 'waypoint-demo' }),
  });
  assert.equal(r.status, 200, `API sign-in as ${username}`);
  return (await r.json()).token;
}
async function signInUi(page, username) {
  await page.typeInto('Username', username);
  await page.typeInto('Password', 'waypoint-demo');
  await page.clickByLabel('Sign in');
  await page.waitForItem('User menu');
}
async function waitGone(page, label, timeoutMs = 10000) {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    if (!(await page.findItem(label))) return;
    await sleep(50);
  }
  throw new Error(`${page.engine}: ${label} still shown after ${timeoutMs} ms`);
}
const localToday = () => { const d = new Date(); return new Date(Date.UTC(d.getFullYear(), d.getMonth(), d.getDate())).toISOString().slice(0, 10); };

test('referral cancel and reopen', async (t) => {
  const server = await t.startServer({ demo: true });
  const url = server.url;
  const caseworker = await signInApi(url, 'demo-caseworker');
  const admin = await signInApi(url, 'demo-admin');
  const outgoing = (await api(url, caseworker, '/api/referrals?box=outgoing&status=pending&page_size=50')).body.items;
  const toCancel = outgoing.find((r) => r.from_organization_id === 2);
  assert.ok(toCancel, 'Riverside has a pending outgoing referral');
  const resolved = (await api(url, admin, '/api/referrals?status=resolved&page_size=50')).body.items;
  const toReopen = resolved.find((r) => r.appointment_date && r.result_date);
  assert.ok(toReopen, 'a resolved referral with its dates');
  const page = await t.launch({ width: 1280, height: 720 });

  await t.step('the referrer opens a pending outgoing referral: Cancel referral is offered', async () => {
    await page.goto(`${url}/#/referrals/outgoing/${toCancel.id}`);
    await page.waitForReady(30000);
    await page.waitForItem('Sign in');
    await signInUi(page, 'demo-caseworker');
    await page.waitForItem('Pending');
    await reveal(page, 'Cancel referral');
    assert.equal(await page.findItem('Return referral'), null, 'returning is the receiver\'s');
  });

  await t.step('Cancel referral asks why; without a reason nothing is sent', async () => {
    await click(page, 'Cancel referral');
    await page.waitForItem('Cancel referral?');
    await click(page, 'Confirm cancel');
    await page.waitForItem('Enter the reason for cancelling the referral');
    assert.equal((await api(url, caseworker, `/api/referrals/${toCancel.id}`)).body.status, 'pending');
    await page.screenshot('cancel-reopen-1-cancel-modal');
  });

  await t.step('with a reason it is cancelled, and the page shows it from the reply', async () => {
    await typeInto(page, 'Reason', 'The client moved to another county.');
    await click(page, 'Confirm cancel');
    await page.waitForItem('Referral cancelled');
    await waitGone(page, 'Cancel referral?');
    await page.waitForItem('Cancelled');
    await reveal(page, 'The client moved to another county.');
    assert.equal(await page.findItem('Cancel referral'), null, 'a cancelled referral offers no cancel');
    assert.equal(await page.findItem(/^Someone else changed this referral/), null);
    const after = (await api(url, caseworker, `/api/referrals/${toCancel.id}`)).body;
    assert.equal(after.status, 'cancelled');
    assert.equal(after.cancel_reason, 'The client moved to another county.');
    assert.equal(after.version, toCancel.version + 1);
    await page.screenshot('cancel-reopen-2-cancelled');
  });

  await t.step('a System Admin reopens a resolved referral with a reason', async () => {
    await page.clickByLabel('User menu');
    await page.clickByLabel('Sign out');
    await page.waitForItem('Sign in');
    await signInUi(page, 'demo-admin');
    await page.evaluate(`location.hash = '#/clients/${toReopen.client_id}/referrals/${toReopen.id}'`);
    await page.waitForItem('Resolved');
    await click(page, 'Reopen referral');
    await page.waitForItem('Reopen referral?');
    await typeInto(page, 'Reason', 'The result was recorded on the wrong referral.');
    await page.screenshot('cancel-reopen-3-reopen-modal');
    await click(page, 'Confirm reopen');
    await page.waitForItem(/^Referral reopened/);
    await waitGone(page, 'Reopen referral?');
    await page.waitForItem('Acknowledged');
    await reveal(page, 'Outcome Information');
    const after = (await api(url, admin, `/api/referrals/${toReopen.id}`)).body;
    assert.equal(after.status, 'acknowledged');
    assert.equal(after.result, null);
    assert.equal(after.result_date, null);
    assert.equal(after.appointment_date, toReopen.appointment_date);
    assert.equal(after.version, toReopen.version + 1);
  });

  await t.step('Finish right away records the new outcome with the version the reopen answered', async () => {
    const resultDate = toReopen.result_date > localToday() ? localToday() : toReopen.result_date;
    await typeInto(page, 'Result Date', us(resultDate));
    await click(page, 'Result');
    await page.clickByLabel('No Show', { window: /^##Combo/ });
    await page.screenshot('cancel-reopen-4-outcome-again');
    await click(page, 'Finish');
    await page.waitForItem('Outcome saved: No Show');
    assert.equal(await page.findItem(/^Someone else changed this referral/), null, 'nobody else changed it');
    const after = (await api(url, admin, `/api/referrals/${toReopen.id}`)).body;
    assert.equal(after.status, 'resolved');
    assert.equal(after.result, 'no_show');
    assert.equal(after.result_date, resultDate);
    assert.equal(after.version, toReopen.version + 2);
  });

  await t.step('the page recorded no errors', async () => {
    assert.deepEqual(await page.errors(), []);
  });
});
