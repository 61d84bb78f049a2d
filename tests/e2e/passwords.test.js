'use strict';
// Passwords in a real browser: an administrator resets a user's password on the Users screen; the
// user signs in with it, lands on Change password (nothing else opens), is told why a guessable
// password is refused, beside the field, and chooses a strong one; a locked account is unlocked.
// Screenshots of each screen go to the output folder.
//   node tests/e2e/passwords.test.js chromium|firefox|webkit
const assert = require('node:assert/strict');
const { test } = require('./lib');
const { api, click, typeInto } = require('./steps');

const TEMPORARY = 'plaid gecko saxophone tundra';
const CHOSEN = 'maple quartz ferry dune';

async function signInApi(url, username, password = 'waypoint-demo') {
  const r = await fetch(`${url}/api/session`, {
    method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }),
  });
  return { status: r.status, body: await r.json() };
}

async function signIn(page, username, password) {
  await page.waitForItem('Username', { timeoutMs: 20000 });
  await typeInto(page, 'Username', username);
  await typeInto(page, 'Password', password);
  await page.clickByLabel('Sign in');
}

async function signOut(page) {
  await page.clickByLabel('User menu');
  await page.clickByLabel('Sign out');
  await page.waitForItem('Sign in to Waypoint');
}

test('passwords: reset, forced change, refused guessable password, unlock', async (t) => {
  const server = await t.startServer({ demo: true });
  const url = server.url;
  const page = await t.launch({ width: 1280, height: 720 });
  await page.goto(`${url}/?automation=1`);
  await page.waitForReady();

  await t.step('a system admin resets a password from Users', async () => {
    await signIn(page, 'demo-admin', 'waypoint-demo');
    await page.clickByLabel('Users');
    await page.waitForItem('Omar Outreach');
    await page.screenshot('passwords-users');
    const outreach = (await page.items()).filter((it) => /^Reset password##reset-demo-outreach/.test(it.label))[0];
    assert.ok(outreach, 'a Reset password button on demo-outreach\'s row');
    await page.click(outreach.x + outreach.w / 2, outreach.y + outreach.h / 2);
    await page.waitForItem('Temporary password');
    await typeInto(page, 'Temporary password', 'password1234');
    await page.clickByLabel('Set temporary password');
    await page.waitForItem(/too easy to guess/);
    await page.screenshot('passwords-reset-refused');
    await typeInto(page, 'Temporary password', TEMPORARY);
    await page.clickByLabel('Set temporary password');
    await page.waitForItem('Must change password');
    await page.screenshot('passwords-reset-done');
    await signOut(page);
  });

  await t.step('signed in with the temporary password, Change password comes first', async () => {
    await signIn(page, 'demo-outreach', TEMPORARY);
    await page.waitForItem('Confirm new password');
    assert.equal(await page.findItem('Incoming referrals'), null, 'no navigation until the password is changed');
    await page.screenshot('passwords-change-required');
    await typeInto(page, 'Current password', TEMPORARY);
    await typeInto(page, 'New password', 'qwertyuiop12');
    await typeInto(page, 'Confirm new password', 'qwertyuiop12');
    await click(page, 'Save password');
    await page.waitForItem(/^Password is too easy to guess/);
    await page.screenshot('passwords-change-refused');
    await typeInto(page, 'New password', CHOSEN);
    await typeInto(page, 'Confirm new password', CHOSEN);
    await click(page, 'Save password');
    await page.waitForItem('Incoming referrals');
    assert.equal((await signInApi(url, 'demo-outreach', CHOSEN)).status, 200);
  });

  await t.step('Change password from Settings', async () => {
    await page.clickByLabel('User menu');
    await page.screenshot('passwords-settings');
    await page.clickByLabel('Change password');
    await page.waitForItem('Confirm new password');
    await page.screenshot('passwords-change');
  });

  await t.step('an account unused past the limit is locked; an admin unlocks it', async () => {
    // --inactive-lock-days 0.00015: 13 seconds. The admin signs in before then; a session outlives the lock.
    const aging = await t.startServer({ demo: true, args: ['--inactive-lock-days', '0.00015'], logName: 'passwords-aging' });
    await page.goto(`${aging.url}/?automation=1`);
    await page.waitForReady();
    await signIn(page, 'demo-admin', 'waypoint-demo');
    await page.waitForItem('Incoming referrals');
    await new Promise((r) => setTimeout(r, 14000));
    assert.equal((await signInApi(aging.url, 'demo-outreach')).body.error.code, 'account_locked');
    await page.clickByLabel('Users');
    await page.waitForItem('Unlock');
    await page.screenshot('passwords-users-locked');
    const unlock = (await page.items()).filter((it) => /^Unlock##unlock-demo-outreach/.test(it.label))[0];
    assert.ok(unlock, 'an Unlock button on demo-outreach\'s row');
    await page.click(unlock.x + unlock.w / 2, unlock.y + unlock.h / 2);
    await page.waitForItem(/^Unlocked Omar Outreach/);
    assert.equal((await signInApi(aging.url, 'demo-outreach')).status, 200);
    await signOut(page);
    await signIn(page, 'demo-caseworker', 'waypoint-demo');
    await page.waitForItem(/is locked/);
    await page.screenshot('passwords-sign-in-locked');
  });
});
