'use strict';
// Seed 000 "Resolving a Referral" with the keyboard only, the way a screen-reader or keyboard user
// does it: every control is found in the accessibility tree (the semantic mirror, web/mirror.js)
// by its role and accessible name, and operated with keys: Tab / Shift+Tab, Enter / Space on
// buttons, tree items and options, arrows in an open combobox, text typed into fields. No mouse,
// no coordinates. Chromium and Firefox go through Playwright's getByRole; WebKit through the DOM's
// ARIA attributes with Selenium (lib/roles.js). After each step the server's state is checked
// through the API, as the mouse walk (seed_000_referral.test.js) does. A control that cannot be
// reached or operated this way fails its step: that is a defect of the app, never skipped.
//   node tests/e2e/keyboard_walk.test.js chromium|firefox|webkit
const assert = require('node:assert/strict');
const { test, sleep } = require('../lib');
const { roles, describeFocus } = require('../lib/roles');
const { api, us, plusDays } = require('../steps');

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
  const cookies = page.context ? await page.context.cookies(url) : await page.driver.manage().getCookies();
  const cookie = cookies.find((c) => c.name === 'waypoint_session');
  assert.ok(cookie, 'the browser holds a waypoint_session cookie');
  const r = await fetch(`${url}/api/session`, { headers: { cookie: `waypoint_session=${cookie.value}` } });
  assert.equal(r.status, 200);
  return r.json();
}
const localToday = () => {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
};
const notAfterToday = (isoDate) => (isoDate > localToday() ? localToday() : isoDate);
const escapeRe = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

test('keyboard walk of seed 000: resolving a referral by roles and keys only', async (t) => {
  const server = await t.startServer({ demo: true });
  const url = server.url;
  const provider = await signInApi(url, 'demo-provider');
  const page = await t.launch({ width: 1280, height: 720 });
  const ui = roles(page);

  const referrals = (await api(url, provider, '/api/clients/1/referrals')).body.items
    .filter((r) => r.status === 'pending' && r.to_organization_id === 3)
    .sort((a, b) => a.id - b.id);
  assert.ok(referrals.length >= 5, `client 1 has ${referrals.length} pending referrals to Northstar`);
  const [svc, info, rejected, noShow, toReturn] = referrals;
  const referral = async (id) => (await api(url, provider, `/api/referrals/${id}`)).body;

  // ---- keyboard steps shared by the walk ----------------------------------------------------
  // Where focus went after an action that changed the screen: it must stay in the app (an element
  // of the mirror), not fall to <body>. Each such place is noted; the last step asserts none.
  const focusLost = [];
  async function checkFocusKept(what) {
    await page.settle();
    const f = await ui.focused();
    if (!f.inMirror) focusLost.push(`${what}: focus on ${describeFocus(f)}`);
    return f;
  }
  // Activate a control with a key (Enter by default, Space for a second way); focus must stay.
  async function activate(handle, key = 'Enter') {
    await handle.press(key);
    return checkFocusKept(`${key} on ${handle}`);
  }
  const main = () => ui.byRole('main');
  const text = (words) => main().byRole('text', words);
  // A combobox by keyboard: focus it, ArrowDown opens it and focus moves into its listbox (on the
  // chosen option), arrows move between options, Enter picks; the list closes and focus is back
  // on the combobox, which shows the choice.
  async function choose(comboName, optionName, { within } = {}) {
    const combo = within ? within.byRole('combobox', comboName) : ui.byRole('combobox', comboName);
    await combo.press('ArrowDown');
    await ui.byRole('listbox', comboName).waitFor();
    assert.equal(await combo.attr('aria-expanded'), 'true', `${comboName}: aria-expanded once open`);
    let names = [];
    await poll(async () => (names = await ui.byRole('listbox', comboName).byRole('option').names()).length > 0,
      `the ${comboName} list has options`);
    assert.ok(names.includes(optionName), `${comboName} offers ${optionName} (options: ${names.join(', ')})`);
    let f = await ui.waitFocus('option');
    // Arrow toward the wanted option from wherever focus landed.
    const dir = names.indexOf(optionName) >= names.indexOf(f.name) ? 'ArrowDown' : 'ArrowUp';
    if (f.name !== optionName) await ui.keyUntil(dir, 'option', optionName, { max: names.length + 1 });
    f = await ui.focused();
    assert.equal(f.name, optionName);
    await ui.key('Enter');
    await ui.byRole('listbox', comboName).waitGone();
    await ui.waitFocus('combobox', comboName);
    assert.equal(await combo.attr('aria-expanded'), 'false', `${comboName}: aria-expanded once closed`);
    assert.equal(await combo.text(), optionName, `${comboName} shows the choice`);
  }
  async function openSettings() {
    await activate(ui.byRole('banner').byRole('button', 'User menu'));
    const aside = ui.byRole('complementary', 'Settings');
    await aside.waitFor();
    await aside.byRole('heading', 'Settings').waitFor();
    return aside;
  }
  async function openClientReferrals() {
    const menu = main().byRole('tree', 'Client record');
    const folder = menu.byRole('treeitem', 'Enrollment and Services');
    if ((await folder.attr('aria-expanded')) !== 'true') {
      await activate(folder);
      assert.equal(await folder.attr('aria-expanded'), 'true', 'Enter expands Enrollment and Services');
    }
    await activate(menu.byRole('treeitem', 'Referrals'));
    await main().byRole('heading', 'Client Referrals').waitFor();
    assert.equal(await menu.byRole('treeitem', 'Referrals').attr('aria-current'), 'page');
  }
  // A referral's row on Client Referrals: its date and its receiving project.
  const rowOf = (r) => main().byRole('row', new RegExp(`${escapeRe(us(r.referral_date))}.*To ${escapeRe(r.to_project_name)}\\b`));
  const hash = () => page.evaluate('location.hash');

  await t.step('sign in with Tab and typed keys: Username, Password, Enter', async () => {
    await page.goto(url);
    await page.waitForReady(30000);
    await main().byRole('heading', 'Sign in to Waypoint').waitFor();
    // From the page's start, Tab reaches the Username field (nothing before it takes focus).
    await ui.keyUntil('Tab', 'textbox', 'Username', { max: 3 });
    const user = ui.byRole('textbox', 'Username');
    assert.equal(await user.attr('autocomplete'), 'username');
    await page.type('demo-provider');
    assert.equal(await user.value(), 'demo-provider');
    await ui.key('Tab');
    await ui.waitFocus('textbox', 'Password');
    const password = ui.byRole('textbox', 'Password');
    assert.equal(await password.attr('type'), 'password');
    assert.equal(await password.attr('autocomplete'), 'current-password');
    await page.type('waypoint-demo');
    await ui.key('Enter');
    await main().byRole('heading', 'Clients').waitFor({ timeoutMs: 15000 });
    await ui.byRole('banner').byRole('text', 'Northstar Housing Partners').waitFor();
    await ui.byRole('banner').byRole('text', 'Workgroup: HMIS User').waitFor();
    await checkFocusKept('Enter in Password (sign in)');
    assert.equal(await hash(), '#/clients');
    assert.equal((await browserSession(page, url)).user.username, 'demo-provider');
    await page.screenshot('kw-01-clients');
  });

  await t.step('Settings sidebar: Organization Harbor Light Shelter, Apply; then back to Northstar', async () => {
    let aside = await openSettings();
    assert.equal(await ui.byRole('banner').byRole('button', 'User menu').attr('aria-expanded'), 'true');
    assert.equal(await aside.byRole('combobox', 'Workgroup').text(), 'HMIS User');
    await choose('Organization', 'Harbor Light Shelter', { within: aside });
    await page.screenshot('kw-02-settings');
    await activate(aside.byRole('button', 'Apply'));
    await aside.waitGone();
    await ui.byRole('banner').byRole('text', 'Harbor Light Shelter').waitFor();
    let session = await browserSession(page, url);
    assert.equal(session.context.organization_id, 4);
    assert.equal(session.context.workgroup, 'hmis_user');

    aside = await openSettings();
    await choose('Organization', 'Northstar Housing Partners', { within: aside });
    await activate(aside.byRole('button', 'Apply'));
    await aside.waitGone();
    await ui.byRole('banner').byRole('text', 'Northstar Housing Partners').waitFor();
    session = await browserSession(page, url);
    assert.equal(session.context.organization_id, 3);
  });

  await t.step('Clients: type "nguyen" in Search clients, Enter, open Maria José Nguyễn with Enter', async () => {
    await activate(ui.byRole('tree', 'Main menu').byRole('treeitem', 'Clients'));
    const search = main().byRole('textbox', 'Search clients');
    await search.focus();
    await search.type('nguyen');
    assert.equal(await search.value(), 'nguyen');
    await search.press('Enter');
    const name = main().byRole('table').byRole('button', 'Maria José Nguyễn');
    await name.waitFor();
    // The search narrowed the list: every name shown is a Nguyen (accents folded).
    const shown = await main().byRole('table').byRole('button').names();
    assert.ok(shown.length >= 1 && shown.every((n) => /nguy[eễ]n/i.test(n)), `names after the search: ${shown.join(', ')}`);
    await activate(name);
    await main().byRole('heading', 'Maria José Nguyễn').waitFor();
    assert.equal(await hash(), '#/clients/1');
    await page.screenshot('kw-03-client-record');
  });

  await t.step('Enrollment and Services > Referrals by Enter on tree items; the rows show status', async () => {
    await openClientReferrals();
    assert.equal(await hash(), '#/clients/1/referrals');
    for (const r of referrals) {
      await rowOf(r).waitFor();
      await rowOf(r).byRole('cell', 'Pending').waitFor();
      await rowOf(r).byRole('button', /^Edit\b/).waitFor();
    }
    await page.screenshot('kw-04-client-referrals');
  });

  // Acknowledge with a typed date (US format) and Finish, by Enter.
  async function acknowledge(r, { key = 'Enter' } = {}) {
    await activate(rowOf(r).byRole('button', /^Edit\b/), key);
    await main().byRole('heading', 'Referral Outcome').waitFor();
    await main().byRole('heading', 'Acknowledge receipt').waitFor();
    assert.equal(await hash(), `#/clients/1/referrals/${r.id}`);
    const date = notAfterToday(plusDays(r.referral_date, 1));
    const field = main().byRole('textbox', 'Date Referral Acknowledged');
    assert.match(await field.description(), /for example/, 'the field describes the date format');
    await field.fill(us(date));
    assert.equal(await field.value(), us(date));
    await activate(main().byRole('button', 'Finish'));
    await ui.waitLive(`Referral acknowledged (${us(date)})`);
    await main().byRole('heading', 'Outcome Information').waitFor();
    const after = await referral(r.id);
    assert.equal(after.status, 'acknowledged');
    assert.equal(after.date_acknowledged, date);
    return date;
  }
  // Outcome Information: Appointment Date typed key by key, Result Date filled (ISO), Result from
  // its combobox by arrows, Comments; then Shift+Tab / Tab order around Finish, and Finish by Space.
  async function resolve(r, acknowledged, resultLabel, resultWire, comments) {
    const appointment = notAfterToday(plusDays(acknowledged, 1));
    const appointmentField = main().byRole('textbox', 'Appointment Date');
    await appointmentField.focus();
    await appointmentField.type(us(appointment));
    assert.equal(await appointmentField.value(), us(appointment));
    await ui.key('Tab');  // the calendar button, then Result Date
    await ui.waitFocus('button', 'Choose Appointment Date from a calendar');
    await ui.key('Tab');
    await ui.waitFocus('textbox', 'Result Date');
    await main().byRole('textbox', 'Result Date').fill(appointment);
    await choose('Result', resultLabel, { within: main() });
    if (comments) await main().byRole('textbox', 'Comments').fill(comments);
    await main().byRole('button', 'Finish').focus();
    await ui.key('Shift+Tab');
    await ui.waitFocus('textbox', 'Comments');
    await ui.key('Tab');
    await ui.waitFocus('button', 'Finish');
    await page.screenshot(`kw-05-outcome-${resultWire}`);
    await activate(main().byRole('button', 'Finish'), 'Space');
    await ui.waitLive(`Outcome saved: ${resultLabel}`);
    const after = await referral(r.id);
    assert.equal(after.status, 'resolved');
    assert.equal(after.result, resultWire);
    assert.equal(after.appointment_date, appointment);
    assert.equal(after.result_date, appointment);
    if (comments) assert.equal(after.comments, comments);
    return appointment;
  }

  await t.step('acknowledge (Space on Edit), resolve as Services Provided, enroll; History says so', async () => {
    const acknowledged = await acknowledge(svc, { key: 'Space' });
    const resultDate = await resolve(svc, acknowledged, 'Services Provided', 'services_provided', 'Eligible; moving in.');
    const enroll = main().byRole('button', 'Enroll client');
    await enroll.waitFor();
    await page.screenshot('kw-06-enroll');
    await activate(enroll);
    await ui.waitLive(/Client enrolled in /);
    const enrollments = (await api(url, provider, '/api/clients/1/enrollments')).body.items;
    const made = enrollments.find((e) => e.referral_id === svc.id);
    assert.ok(made, 'an enrollment linked to the referral exists');
    assert.equal(made.project_id, svc.to_project_id);
    assert.equal(made.entry_date, resultDate);
    // The referral's History, in words; then the app's own back button to Referral Outcome.
    await activate(main().byRole('button', 'History'));
    await main().byRole('heading', 'History').waitFor();
    await text('Created the referral').waitFor();
    await text('Enrolled the client').waitFor();
    await text(`Entry date: ${us(resultDate)}`).waitFor();
    assert.equal(await text('enroll').count(), 0, 'no raw "enroll" action in the history');
    await page.screenshot('kw-07-history-enrolled');
    await activate(main().byRole('button', 'Back to Referral Outcome'));
    await main().byRole('heading', 'Referral Outcome').waitFor();
    await activate(main().byRole('tree', 'Client record').byRole('treeitem', 'Enrollments'));
    await text(svc.to_project_name).waitFor();
    await page.screenshot('kw-08-enrollments');
  });

  await t.step('acknowledge (typed) and resolve as Information Only, Rejected and No Show', async () => {
    for (const [r, label, wire] of [[info, 'Information Only', 'information_only'], [rejected, 'Rejected', 'rejected'],
      [noShow, 'No Show', 'no_show']]) {
      await openClientReferrals();
      const acknowledged = await acknowledge(r);
      await resolve(r, acknowledged, label, wire, wire === 'rejected' ? 'Income above the limit.' : '');
      await main().byRole('button', 'Back to referrals').waitFor();
      assert.equal(await main().byRole('button', 'Enroll client').count(), 0, 'only Services Provided leads to enrolling');
    }
    await openClientReferrals();
    await rowOf(noShow).byRole('cell', /No Show/).waitFor();
    await rowOf(svc).byRole('cell', /Services Provided/).waitFor();
    await page.screenshot('kw-09-client-referrals-resolved');
  });

  await t.step('return a referral: modal dialog, missing reason is an error on the field, then the reason', async () => {
    await activate(rowOf(toReturn).byRole('button', /^Edit\b/));
    await main().byRole('heading', 'Referral Outcome').waitFor();
    await activate(main().byRole('button', 'Return referral'));
    const dialog = ui.byRole('dialog', 'Return referral?');
    await dialog.waitFor();
    assert.equal(await dialog.attr('aria-modal'), 'true');
    assert.equal(await main().count(), 0, 'while the modal is open only the dialog is in the tree');
    const f = await ui.focused();
    assert.ok(f.inMirror, `focus is in the dialog when it opens (it is on ${describeFocus(f)})`);
    await activate(dialog.byRole('button', 'Confirm return'));  // no reason yet: nothing is sent
    const reason = dialog.byRole('textbox', 'Reason');
    await poll(async () => (await reason.attr('aria-invalid')) === 'true', 'the Reason field is marked invalid');
    assert.match(await reason.description(), /Enter the reason for returning the referral/);
    assert.equal(await reason.attr('aria-required'), 'true', 'the Reason field is marked required (aria-required)');
    assert.equal((await referral(toReturn.id)).status, 'pending');
    await reason.fill('No openings at this project this month.');
    await page.screenshot('kw-10-return-modal');
    await activate(dialog.byRole('button', 'Confirm return'));
    await ui.waitLive(/Referral returned to /);
    await dialog.waitGone();
    const after = await referral(toReturn.id);
    assert.equal(after.status, 'returned');
    assert.equal(after.return_reason, 'No openings at this project this month.');
  });

  await t.step('Incoming referrals: the pending count, Status filter Resolved, sort by Client by keyboard', async () => {
    await activate(ui.byRole('tree', 'Main menu').byRole('treeitem', 'Incoming referrals'));
    await main().byRole('heading', 'Incoming referrals').waitFor();
    const pending = (await api(url, provider, '/api/referrals?box=incoming&status=pending&page_size=1')).body.total;
    await text(new RegExp(`^${pending} referrals? (is|are) waiting for acknowledgement`)).waitFor();
    await choose('Status', 'Resolved', { within: main() });
    const byName = (await api(url, provider, '/api/referrals?box=incoming&status=resolved&sort=client_name&page_size=50'))
      .body.items;
    const header = main().byRole('table').byRole('columnheader', /^Client/);
    await activate(header.byRole('button', /^Client/));
    // The rows in the tree (after the header row) are the first by client name, in order.
    let rows = [];
    await poll(async () => {
      rows = (await main().byRole('table').byRole('row').names()).slice(1);
      return rows.length >= 5 && rows.slice(0, 5).every((name, i) => name.includes(byName[i].client_name));
    }, `the first rows are ${byName.slice(0, 5).map((r) => r.client_name).join(', ')} once sorted by client name`);
    const sort = await header.attr('aria-sort');
    assert.equal(sort, 'ascending', 'the Client header says how the table is sorted (aria-sort)');
    await page.screenshot('kw-11-incoming');
    assert.equal(await hash(), '#/referrals/incoming');
  });

  await t.step('sign out from Settings; sign in as the referrer (demo-caseworker) by Enter on Sign in', async () => {
    const aside = await openSettings();
    await activate(aside.byRole('button', 'Sign out'));
    await main().byRole('heading', 'Sign in to Waypoint').waitFor();
    await ui.byRole('textbox', 'Username').fill('demo-caseworker');
    await ui.byRole('textbox', 'Password').fill('waypoint-demo');
    await activate(ui.byRole('button', 'Sign in'));
    await ui.byRole('banner').byRole('text', 'Riverside Family Services').waitFor({ timeoutMs: 15000 });
    assert.equal((await browserSession(page, url)).user.username, 'demo-caseworker');
  });

  await t.step('Outgoing referrals: Status Returned, open the returned one, Reassign to another project', async () => {
    await activate(ui.byRole('tree', 'Main menu').byRole('treeitem', 'Outgoing referrals'));
    await main().byRole('heading', 'Outgoing referrals').waitFor();
    await choose('Status', 'Returned', { within: main() });
    const row = main().byRole('table').byRole('row', new RegExp(`${escapeRe(us(toReturn.referral_date))}.*${escapeRe(toReturn.to_project_name)}`));
    await row.waitFor();
    await page.screenshot('kw-12-outgoing-returned');
    await activate(row.byRole('button', us(toReturn.referral_date)));
    await text('No openings at this project this month.').waitFor();
    assert.equal(await hash(), `#/referrals/outgoing/${toReturn.id}`);
    await main().byRole('heading', 'Reassign to another project').waitFor();
    await choose('Project', 'Harbor Light - ES - Emergency Shelter', { within: main() });
    await page.screenshot('kw-13-reassign');
    await activate(main().byRole('button', 'Reassign'));
    await ui.waitLive('Referral reassigned to Harbor Light - ES - Emergency Shelter');
    const caseworker = await signInApi(url, 'demo-caseworker');
    const after = (await api(url, caseworker, `/api/referrals/${toReturn.id}`)).body;
    assert.equal(after.status, 'pending');
    assert.equal(after.to_project_name, 'Harbor Light - ES - Emergency Shelter');
  });

  await t.step('History (Enter) reads who changed what; its back button returns to the referral', async () => {
    await activate(main().byRole('button', 'History'));
    await main().byRole('heading', 'History').waitFor();
    await text('Reassigned').waitFor();
    await text('Returned to the referrer').waitFor();
    await text(/^Status: Returned\s+->\s+Pending$/).waitFor();
    const history = (await api(url, await signInApi(url, 'demo-caseworker'), `/api/referrals/${toReturn.id}/history`)).body.items;
    assert.ok(history.length >= 2);
    await page.screenshot('kw-14-history');
    await activate(main().byRole('button', 'Back to Referral Outcome'));
    await main().byRole('heading', 'Referral Outcome').waitFor();
    assert.equal(await hash(), `#/referrals/outgoing/${toReturn.id}`, 'back where the History was opened from');
    await main().byRole('button', 'Back to outgoing referrals').waitFor();
  });

  await t.step('focus stayed in the app after every key that changed the screen', async () => {
    assert.deepEqual(focusLost, [], `focus fell out of the app:\n${focusLost.join('\n')}`);
  });

  await t.step('the page recorded no errors', async () => {
    assert.deepEqual(await page.errors(), []);
  });

  async function poll(fn, what, timeoutMs = 10000) {
    const end = Date.now() + timeoutMs;
    while (Date.now() < end) {
      if (await fn()) return;
      await sleep(50);
    }
    throw new Error(`${page.engine}: not so after ${timeoutMs} ms: ${what}\n${await ui.outline()}`);
  }
});
