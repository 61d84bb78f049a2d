'use strict';
// Name Data Quality (HUD 3.01) in a real browser, as Open Door's outreach worker records someone
// known only by a street name: "Blue Jacket 2" is refused as a full name (digits), accepted as a
// partial, street or code name; the record shows and changes the quality, refusing Full name for
// that name beside the dropdown, and saves it for a name that fits; the search finds both Blue
// Jackets. The server's state is checked
// through the API after each step. Screenshots go to the output folder.
//   node tests/e2e/name_data_quality.test.js chromium|firefox|webkit
const assert = require('node:assert/strict');
const { test } = require('./lib');
const { api, reveal, click, typeInto } = require('./steps');

const PARTIAL = 'Partial, street, or code name reported';

async function signInApi(url, username) {
  const r = await fetch(`${url}/api/session`, {
    method: 'POST', headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: 'waypoint-demo' }),
  });
  assert.equal(r.status, 200);
  return (await r.json()).token;
}
async function choose(page, comboLabel, choice) {
  await reveal(page, comboLabel);
  await page.clickByLabel(comboLabel);
  await page.clickByLabel(choice, { window: /^##Combo/ });
}
async function findClients(url, token, q) {
  return (await api(url, token, `/api/clients?page_size=200&q=${encodeURIComponent(q)}`)).body.items;
}

test('name data quality: a street name with a digit', async (t) => {
  const server = await t.startServer({ demo: true });
  const url = server.url;
  const token = await signInApi(url, 'demo-outreach');
  const page = await t.launch({ width: 1280, height: 720 });

  await t.step('sign in as demo-outreach and open Add client', async () => {
    await page.goto(url);
    await page.waitForReady(30000);
    await page.waitForItem('Sign in');
    await page.typeInto('Username', 'demo-outreach');
    await page.typeInto('Password', 'waypoint-demo');
    await page.press('Enter');
    await page.waitForItem('Open Door Outreach');
    await page.clickByLabel('Add client');
    await page.waitForItem('Name Data Quality');
    await page.waitForItem('Name Data Quality: Full name reported');  // the usual answer is chosen already
    await page.screenshot('name-quality-1-add-client');
  });

  await t.step('as a full name, "Blue Jacket 2" is refused beside First name and nothing is sent', async () => {
    await typeInto(page, 'First name', 'Blue Jacket 2');
    await click(page, 'Add client');
    await page.waitForItem('First name can only include letters, spaces, apostrophes and hyphens');
    await page.waitForItem('Enter the last name');
    await page.screenshot('name-quality-2-full-name-refused');
    assert.equal((await findClients(url, token, 'blue jacket 2')).length, 0);
  });

  let id;
  await t.step('as a partial, street or code name it is added with no last name', async () => {
    await choose(page, 'Name Data Quality', PARTIAL);
    await page.waitForItem(`Name Data Quality: ${PARTIAL}`);
    await click(page, 'Add client');
    await page.waitForItem('Client added: Blue Jacket 2');
    await page.waitForItem('Profile');
    const made = (await findClients(url, token, 'blue jacket 2'));
    assert.equal(made.length, 1);
    assert.equal(made[0].first_name, 'Blue Jacket 2');
    assert.equal(made[0].last_name, '');
    assert.equal(made[0].name_data_quality, 'partial_street_or_code_name');
    id = made[0].id;
    assert.equal(await page.evaluate('location.hash'), `#/clients/${id}`);
    await page.waitForItem('Blue Jacket 2');  // the record's title, without a stray space
    await page.waitForItem(`Name Data Quality: ${PARTIAL}`);  // the Profile's dropdown shows it
    await page.screenshot('name-quality-3-record');
  });

  await t.step('on the record, Full name is refused for that name beside the dropdown', async () => {
    await choose(page, 'Name Data Quality', 'Full name reported');
    await page.waitForItem(/^First name can only include letters/);
    await page.screenshot('name-quality-4-record-refused');
    const after = (await api(url, token, `/api/clients/${id}`)).body;
    assert.equal(after.name_data_quality, 'partial_street_or_code_name');
    assert.equal(after.version, 1);
  });

  await t.step('a partial name the person has since given in full is changed to Full name on the record', async () => {
    const made = await api(url, token, '/api/clients', {
      method: 'POST',
      body: { first_name: 'Samuel', last_name: 'Okafor', name_data_quality: 'partial_street_or_code_name' },
    });
    assert.equal(made.status, 201);
    await page.evaluate(`location.hash = '#/clients/${made.body.id}'`);
    await page.waitForItem('Samuel Okafor');
    await page.waitForItem(`Name Data Quality: ${PARTIAL}`);
    await choose(page, 'Name Data Quality', 'Full name reported');
    await page.waitForItem('Name Data Quality saved: Full name reported');
    await page.waitForItem('Name Data Quality: Full name reported');
    await page.screenshot('name-quality-5-record-saved');
    const after = (await api(url, token, `/api/clients/${made.body.id}`)).body;
    assert.equal(after.name_data_quality, 'full_name');
    assert.equal(after.version, 2);
  });

  await t.step('the search finds both Blue Jackets, the demo\'s and the new one', async () => {
    await page.clickByLabel('Back to clients');
    await typeInto(page, 'Search clients', 'blue jacket');
    await page.press('Enter');
    await page.waitForItem(`Blue Jacket 2##client-${id}`);
    await page.waitForItem(/^Blue Jacket##client-/);
    await page.screenshot('name-quality-6-search');
  });
});
