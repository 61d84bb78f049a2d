'use strict';
// Seed 000 "Resolving a Referral", walked in a real browser the way a case worker does it, by
// label: sign in, switch organization in Settings and back, find the client, open Enrollment
// and Services > Referrals, acknowledge (typed date and calendar), resolve four referrals with
// the four results, enroll after Services Provided, return one with a reason; then, as the
// referrer, reassign it from Outgoing referrals and read its history. After each step the
// server's state is checked through the API. Screenshots of every screen go to the output folder.
//   node tests/e2e/seed_000_referral.test.js chromium|firefox|webkit
const assert = require('node:assert/strict');
const { test, sleep } = require('./lib');
const { api, iso, us, plusDays, wheel, tap, reveal, click, typeInto } = require('./steps');

// ---- API (node fetch with a Bearer token) ----------------------------------------------------
async function signInApi(url, username) {
  const r = await fetch(`${url}/api/session`, {
    method: 'POST', headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: 'waypoint-demo' }),
  });
  assert.equal(r.status, 200, `API sign-in as ${username}`);
  return (await r.json()).token;
}
// The browser's own session, read through its cookie (HttpOnly: only the driver sees it).
async function browserSession(page, url) {
  const cookies = page.context ? await page.context.cookies(url)
    : await page.driver.manage().getCookies();
  const cookie = cookies.find((c) => c.name === 'waypoint_session');
  assert.ok(cookie, 'the browser holds a waypoint_session cookie');
  const r = await fetch(`${url}/api/session`, { headers: { cookie: `waypoint_session=${cookie.value}` } });
  assert.equal(r.status, 200);
  return r.json();
}

const localToday = () => { const d = new Date(); return iso(new Date(Date.UTC(d.getFullYear(), d.getMonth(), d.getDate()))); };
const notAfterToday = (isoDate) => (isoDate > localToday() ? localToday() : isoDate);

// ---- UI helpers --------------------------------------------------------------------------------
async function waitGone(page, label, timeoutMs = 10000) {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    if (!(await page.findItem(label))) return;
    await sleep(50);
  }
  throw new Error(`${page.engine}: ${label} still shown after ${timeoutMs} ms`);
}
// Rows of a long list may be clipped away: scroll the table until the row's item shows.
async function findRow(page, label, headerLabel) {
  for (let i = 0; i < 30; i++) {
    const it = await page.findItem(label);
    if (it) return it;
    const header = await page.waitForItem(headerLabel);
    await wheel(page, header.x + 40, header.y + 120, 200);
  }
  throw new Error(`${page.engine}: row ${label} not found after scrolling`);
}
async function choose(page, comboLabel, choice) {
  await reveal(page, comboLabel);
  await page.clickByLabel(comboLabel);
  await page.clickByLabel(choice, { window: /^##Combo/ });
}
async function openEnrollmentReferrals(page) {
  const folder = await page.waitForItem('Enrollment and Services');
  if (!(folder.flags & (1 << 21))) await page.clickByLabel('Enrollment and Services');
  await page.clickByLabel('Referrals');
  await page.waitForItem('Client Referrals');
}
async function hash(page) { return page.evaluate('location.hash'); }
// The referral ids of the table's rows on screen, top to bottom (rows still loading have no id).
async function shownRowIds(page) {
  const rows = ((await page.items()) || []).filter((it) => /##row-referral-\d+$/.test(it.label) && it.h > 0);
  rows.sort((a, b) => a.y - b.y);
  return rows.map((it) => Number(/row-referral-(\d+)$/.exec(it.label)[1]));
}
// The summary's label/value pairs: each value starts clear of its label (a gap of at least 8 CSS
// px), on the label's row, and ends before the next pair's label on that row. Returns the labels seen.
const SUMMARY_LABELS = ['Referral date', 'From (referrer)', 'Client', 'To (receiver)', 'Date acknowledged',
  'Appointment date', 'Result date', 'Result', 'Comments', 'Note'];
async function checkSummaryGrid(page) {
  const items = (await page.items()) || [];
  const pairs = [];
  for (const name of SUMMARY_LABELS) {
    const label = await page.findItem(`summary:${name}`, { items });
    const value = await page.findItem(`summary:${name} value`, { items });
    if (!label && !value) continue;
    assert.ok(label && value, `${name}: label and value both drawn`);
    assert.ok(value.x >= label.x + label.w + 8,
      `${name}: the value starts ${(value.x - label.x - label.w).toFixed(1)} px after its label (x ${label.x}+${label.w} -> ${value.x})`);
    assert.ok(Math.abs(value.y - label.y) < 2, `${name}: the value is on its label's row`);
    pairs.push({ name, label, value });
  }
  for (const a of pairs) {
    for (const b of pairs) {
      if (a === b || Math.abs(a.label.y - b.label.y) >= 2 || b.label.x <= a.label.x) continue;
      assert.ok(a.value.x + a.value.w <= b.label.x - 4, `${a.name}'s value ends before ${b.name}'s label on the same row`);
    }
  }
  return pairs.map((p) => p.name);
}

test('seed 000: resolving a referral', async (t) => {
  const server = await t.startServer({ demo: true });
  const url = server.url;
  const provider = await signInApi(url, 'demo-provider');
  const page = await t.launch({ width: 1280, height: 720 });

  const referrals = (await api(url, provider, '/api/clients/1/referrals')).body.items
    .filter((r) => r.status === 'pending' && r.to_organization_id === 3)
    .sort((a, b) => a.id - b.id);
  assert.ok(referrals.length >= 5, `client 1 has ${referrals.length} pending referrals to Northstar`);
  const [svc, info, rejected, noShow, toReturn] = referrals;
  const referral = async (id) => (await api(url, provider, `/api/referrals/${id}`)).body;

  await t.step('sign in as demo-provider', async () => {
    await page.goto(url);
    await page.waitForReady(30000);
    await page.waitForItem('Sign in');
    await page.screenshot('seed000-01-sign-in');
    await page.typeInto('Username', 'demo-provider');
    await page.typeInto('Password', 'waypoint-demo');
    await page.press('Enter');
    await page.waitForItem('User menu');
    await page.waitForItem('Northstar Housing Partners');
    await page.waitForItem('Workgroup: HMIS User');
    assert.equal(await hash(page), '#/clients');
    await page.screenshot('seed000-02-clients');
  });

  await t.step('Settings: switch organization to Harbor Light and Apply, then back to Northstar', async () => {
    await page.clickByLabel('User menu');
    await page.waitForItem('Apply');
    await choose(page, 'Organization', 'Harbor Light Shelter');
    await page.screenshot('seed000-03-settings');
    await page.clickByLabel('Apply');
    await waitGone(page, 'Apply');
    await page.waitForItem('Harbor Light Shelter');
    let session = await browserSession(page, url);
    assert.equal(session.context.organization_id, 4);
    assert.equal(session.context.workgroup, 'hmis_user');

    await page.clickByLabel('User menu');
    await choose(page, 'Organization', 'Northstar Housing Partners');
    await page.clickByLabel('Apply');
    await waitGone(page, 'Apply');
    await page.waitForItem('Northstar Housing Partners');
    session = await browserSession(page, url);
    assert.equal(session.context.organization_id, 3);
  });

  await t.step('Clients: search "nguyen" and open Maria José Nguyễn', async () => {
    await page.clickByLabel('Clients');
    await page.typeInto('Search clients', 'nguyen');
    await page.press('Enter');
    await page.clickByLabel('Maria José Nguyễn');
    await page.waitForItem('Enrollment and Services');
    assert.equal(await hash(page), '#/clients/1');
    await page.screenshot('seed000-04-client-record');
  });

  await t.step('Enrollment and Services > Referrals lists her referrals with status badges', async () => {
    await openEnrollmentReferrals(page);
    await page.waitForItem(`Edit##referral-${svc.id}`);
    await page.waitForItem('Pending');
    assert.equal(await hash(page), '#/clients/1/referrals');
    await page.screenshot('seed000-05-client-referrals');
  });

  // Acknowledge by typing (US format) and resolve with one result; the first one by calendar.
  // The first one opens with a tap on its row (a row that carries an Edit button), the rest by Edit.
  async function acknowledge(r, { calendar = false, tapRow = false } = {}) {
    if (tapRow) await tap(page, `row-referral-${r.id}`);
    else await click(page, `Edit##referral-${r.id}`);
    await page.waitForItem('Referral Outcome');
    await page.waitForItem('Pending');  // the referral has loaded
    await page.settle();
    assert.equal(await hash(page), `#/clients/1/referrals/${r.id}`);
    const date = notAfterToday(plusDays(r.referral_date, 1));
    if (calendar) {
      await click(page, 'Calendar##Date Referral Acknowledged');
      await page.waitForItem('Today');
      await page.screenshot('seed000-06-date-picker');
      // Month navigation both ways, then back to the referral's month; pick the day by its date.
      await page.clickByLabel('Next month');
      await page.clickByLabel('Previous month');
      for (let i = 0; i < 3 && !(await page.findItem(date)); i++) await page.clickByLabel('Previous month');
      await page.clickByLabel(date);
    } else {
      await typeInto(page, 'Date Referral Acknowledged', us(date));
    }
    await page.screenshot(`seed000-07-acknowledge-${r.id}`);
    await click(page, 'Finish');
    await page.waitForItem(`Referral acknowledged (${us(date)})`);
    await reveal(page, 'Outcome Information');
    const after = await referral(r.id);
    assert.equal(after.status, 'acknowledged');
    assert.equal(after.date_acknowledged, date);
    return date;
  }
  async function resolve(r, acknowledged, resultLabel, resultWire, comments) {
    const appointment = notAfterToday(plusDays(acknowledged, 1));
    await typeInto(page, 'Appointment Date', us(appointment));
    await typeInto(page, 'Result Date', appointment);  // ISO is accepted too
    await choose(page, 'Result', resultLabel);
    if (comments) await typeInto(page, 'Comments', comments);
    await page.screenshot(`seed000-08-outcome-${resultWire}`);
    await click(page, 'Finish');
    await page.waitForItem(`Outcome saved: ${resultLabel}`);
    const after = await referral(r.id);
    assert.equal(after.status, 'resolved');
    assert.equal(after.result, resultWire);
    assert.equal(after.appointment_date, appointment);
    assert.equal(after.result_date, appointment);
    if (comments) assert.equal(after.comments, comments);
    return appointment;
  }

  await t.step('acknowledge with the calendar, resolve as Services Provided, and enroll', async () => {
    const acknowledged = await acknowledge(svc, { calendar: true, tapRow: true });
    const resultDate = await resolve(svc, acknowledged, 'Services Provided', 'services_provided', 'Eligible; moving in.');
    await reveal(page, 'Entry Date');
    await page.screenshot('seed000-09-enroll');
    await click(page, 'Enroll client');
    await page.waitForItem(/^Client enrolled in /);
    await reveal(page, 'Enrolled');
    const enrollments = (await api(url, provider, '/api/clients/1/enrollments')).body.items;
    const made = enrollments.find((e) => e.referral_id === svc.id);
    assert.ok(made, 'an enrollment linked to the referral exists');
    assert.equal(made.project_id, svc.to_project_id);
    assert.equal(made.entry_date, resultDate);
    // The referral's History says so in words (the shared audit labels), not as a raw "enroll".
    await click(page, 'History');
    await page.waitForItem('Created the referral');
    await reveal(page, 'Enrolled the client');
    await reveal(page, `Entry date: ${us(resultDate)}`);
    assert.equal(await page.findItem('enroll'), null);
    await page.screenshot('seed000-09a-history-enrolled');
    await page.evaluate('history.back()');
    await page.waitForItem('Enrolled');  // back on Referral Outcome
    await page.clickByLabel('Enrollments');
    await page.waitForItem(svc.to_project_name);
    await page.screenshot('seed000-09b-enrollments');
  });

  await t.step('acknowledge (typed) and resolve as Information Only, Rejected and No Show', async () => {
    for (const [r, label, wire] of [[info, 'Information Only', 'information_only'], [rejected, 'Rejected', 'rejected'],
      [noShow, 'No Show', 'no_show']]) {
      await openEnrollmentReferrals(page);
      const acknowledged = await acknowledge(r);
      await resolve(r, acknowledged, label, wire, wire === 'rejected' ? 'Income above the limit.' : '');
      // Only Services Provided leads to an enrollment (the shared rule the server enforces too).
      await page.waitForItem('Resolved');  // the reloaded referral: the whole page is on screen
      await page.waitForItem('Back to referrals');
      assert.equal(await page.findItem('Enroll client'), null);
    }
    await openEnrollmentReferrals(page);
    await page.waitForItem('No Show');
    await page.waitForItem('Resolved');
    await page.screenshot('seed000-10-client-referrals-resolved');
  });

  await t.step('return one referral with a reason, confirmed in a modal', async () => {
    await click(page, `Edit##referral-${toReturn.id}`);
    await click(page, 'Return referral');
    await page.waitForItem('Return referral?');
    await click(page, 'Confirm return');  // no reason yet: the error shows, nothing is sent
    await page.waitForItem('Enter the reason for returning the referral');
    assert.equal((await referral(toReturn.id)).status, 'pending');
    await typeInto(page, 'Reason', 'No openings at this project this month.');
    await page.screenshot('seed000-11-return-modal');
    await click(page, 'Confirm return');
    await page.waitForItem(/^Referral returned to /);
    await waitGone(page, 'Return referral?');
    const after = await referral(toReturn.id);
    assert.equal(after.status, 'returned');
    assert.equal(after.return_reason, 'No openings at this project this month.');
  });

  await t.step('Incoming referrals: filter by status, count of pending, sort by a header', async () => {
    await page.clickByLabel('Incoming referrals');
    await page.waitForItem('Referral date');
    const pending = (await api(url, provider, '/api/referrals?box=incoming&status=pending&page_size=1')).body.total;
    await page.waitForItem(`${pending} pending`);
    await choose(page, 'Status', 'Resolved');
    await findRow(page, `row-referral-${svc.id}`, 'Referral date');  // one long table: scroll to it
    const byName = (await api(url, provider, '/api/referrals?box=incoming&status=resolved&sort=client_name&page_size=50'))
      .body.items.map((r) => r.id);
    const byDate = (await api(url, provider, '/api/referrals?box=incoming&status=resolved&sort=-referral_date&page_size=50'))
      .body.items.map((r) => r.id);
    assert.notDeepEqual(byName.slice(0, 8), byDate.slice(0, 8), 'the two orders differ, so the check below can fail');
    await page.clickByLabel('Client');  // sort by client name: the table starts again at its top
    let shown = [];
    for (let i = 0; i < 100 && (shown.length < 5 || shown[0] !== byName[0]); i++) { await sleep(50); shown = await shownRowIds(page); }
    assert.ok(shown.length >= 5, `rows on screen: ${shown.length}`);
    assert.deepEqual(shown, byName.slice(0, shown.length), 'the rows on screen are the first by client name, in order');
    await page.screenshot('seed000-12-incoming');
    assert.equal(await hash(page), '#/referrals/incoming');
  });

  await t.step('sign out, sign in as the referrer (demo-caseworker at Riverside)', async () => {
    await page.clickByLabel('User menu');
    await page.clickByLabel('Sign out');
    await page.waitForItem('Sign in');
    await page.typeInto('Username', 'demo-caseworker');
    await page.typeInto('Password', 'waypoint-demo');
    await page.clickByLabel('Sign in');
    await page.waitForItem('Riverside Family Services');
    const session = await browserSession(page, url);
    assert.equal(session.user.username, 'demo-caseworker');
  });

  await t.step('Outgoing referrals: the returned referral is there; Reassign it to another project', async () => {
    await page.clickByLabel('Outgoing referrals');
    await page.waitForItem('Referral date');
    await choose(page, 'Status', 'Returned');
    const row = await findRow(page, `row-referral-${toReturn.id}`, 'Referral date');
    await page.screenshot('seed000-13-outgoing-returned');
    await page.click(row.x + row.w / 2, row.y + row.h / 2);
    await reveal(page, 'No openings at this project this month.');
    await reveal(page, 'Reassign to another project');
    assert.equal(await hash(page), `#/referrals/outgoing/${toReturn.id}`);
    await choose(page, 'Project', 'Harbor Light - ES - Emergency Shelter');
    await page.screenshot('seed000-14-reassign');
    await click(page, 'Reassign');
    await page.waitForItem('Referral reassigned to Harbor Light - ES - Emergency Shelter');
    const caseworker = await signInApi(url, 'demo-caseworker');
    const after = (await api(url, caseworker, `/api/referrals/${toReturn.id}`)).body;
    assert.equal(after.status, 'pending');
    assert.equal(after.to_project_name, 'Harbor Light - ES - Emergency Shelter');
  });

  await t.step('History shows who changed what and when', async () => {
    await click(page, 'History');
    await page.waitForItem('Reassigned');
    await page.waitForItem('Returned to the referrer');
    await page.waitForItem(/^Status: Returned {2}-> {2}Pending$/);
    const history = (await api(url, await signInApi(url, 'demo-caseworker'), `/api/referrals/${toReturn.id}/history`)).body.items;
    assert.ok(history.length >= 2);
    await page.screenshot('seed000-15-history');
  });

  await t.step('Back returns to the referral; a reload restores the screen from the hash', async () => {
    await page.evaluate('history.back()');
    await page.waitForItem('Back to outgoing referrals');
    assert.equal(await hash(page), `#/referrals/outgoing/${toReturn.id}`);
    await page.evaluate('location.reload()');
    await sleep(300);
    await page.waitForReady(30000);
    await page.waitForItem('Back to outgoing referrals');
    await page.waitForItem('Pending');
    assert.equal(await hash(page), `#/referrals/outgoing/${toReturn.id}`);
  });

  await t.step('the referral summary at 1280 and 1920: no label touches its value', async () => {
    // The resolved referral has every pair. It shows on its own page (Outgoing referrals) and,
    // narrower, inside the client's record beside its menu; then the record's profile grid.
    const views = [['outgoing', `#/referrals/outgoing/${svc.id}`], ['record', `#/clients/1/referrals/${svc.id}`]];
    for (const [width, height] of [[1280, 720], [1920, 1080]]) {
      if (page.width !== width) await page.setViewport(width, height);
      for (const [name, where] of views) {
        await page.evaluate(`location.hash = '${where}'`);
        await page.waitForItem('summary:Date acknowledged value');
        await page.settle();
        const seen = await checkSummaryGrid(page);
        for (const label of ['Referral date', 'Client', 'Date acknowledged', 'Appointment date', 'Result date', 'Result', 'Comments'])
          assert.ok(seen.includes(label), `${label} in the summary (${seen.join(', ')})`);
        await page.screenshot(`seed000-16-referral-summary-${name}-${width}`);
      }
      await page.evaluate(`location.hash = '#/clients/1'`);
      await page.waitForItem('#1');  // the profile's Client ID value: the record has loaded
      await page.settle();
      await page.screenshot(`seed000-17-client-profile-${width}`);
    }
  });

  await t.step('at 1920x1080 the lists use the width: wider columns and more rows than at 1280x720', async () => {
    const measure = async () => {
      await page.clickByLabel('Outgoing referrals');
      await page.waitForItem('Referral date');
      await page.waitForItem(/^Rows 1–\d+ of /);
      await page.settle();
      const client = await page.findItem('Client');
      const result = await page.findItem('Result');
      const rows = Number(/^Rows 1–(\d+) of /.exec((await page.findItem(/^Rows 1–\d+ of /)).label)[1]);
      return { client, result, rows };
    };
    const wide = await measure();
    await page.screenshot('seed000-18-outgoing-1920');
    await page.setViewport(1280, 720);
    const narrow = await measure();
    await page.screenshot('seed000-18-outgoing-1280');
    t.log(`Client column ${narrow.client.w.toFixed(0)} -> ${wide.client.w.toFixed(0)} px, rows ${narrow.rows} -> ${wide.rows}`);
    assert.ok(wide.result.x + wide.result.w > 1920 - 80, `the table reaches the right edge (${wide.result.x + wide.result.w})`);
    assert.ok(wide.client.w > narrow.client.w + 100, 'the Client column is wider at 1920');
    assert.ok(wide.rows > narrow.rows, 'more rows show at 1080 px than at 720 px');
  });

  await t.step('the page recorded no errors', async () => {
    assert.deepEqual(await page.errors(), []);
  });
});
