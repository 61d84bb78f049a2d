'use strict';
// Over HTTPS with a self-signed certificate (what script/server --tls makes for a demo or a LAN):
// the app loads under its Content-Security-Policy and signs in with a Secure cookie; in Chromium,
// which trusts the certificate's key as a real one, the service worker registers (browsers keep
// offline use to secure contexts).
//   node tests/e2e/tls.test.js chromium|firefox
const assert = require('node:assert/strict');
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { test, poll } = require('./lib');

test('tls', async (t) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'waypoint-tls-'));
  const cert = path.join(dir, 'cert.pem'), key = path.join(dir, 'key.pem');
  execFileSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes',
    '-days', '2', '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1', '-keyout', key, '-out', cert],
  { stdio: 'ignore' });
  const pub = execFileSync('openssl', ['x509', '-pubkey', '-noout', '-in', cert]);
  const der = execFileSync('openssl', ['pkey', '-pubin', '-outform', 'der'], { input: pub });
  const spki = require('node:crypto').createHash('sha256').update(der).digest('base64');

  const server = await t.startServer({ demo: true, args: ['--tls-cert', cert, '--tls-key', key] });
  assert.match(server.url, /^https:/);
  const page = await t.launch({ width: 1280, height: 720, trustSpki: spki });

  await t.step('the app loads over HTTPS and draws its first frame under the CSP, with no page errors', async () => {
    await page.goto(server.url);
    await page.waitForReady(30000);
    await page.waitForItem('Sign in');
    assert.deepEqual(await page.errors(), []);
    await page.screenshot('tls-sign-in');
  });

  await t.step('signing in over TLS answers a session', async () => {
    const status = await page._eval(`fetch('/api/session', { method: 'POST', headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ username: 'demo-caseworker', password: 'waypoint-demo' }) }).then((r) => r.status)`);
    assert.equal(status, 200);
  });

  if (t.engine === 'chromium') {
    await t.step('a service worker registers and activates (a secure context)', async () => {
      assert.equal(await page._eval('window.isSecureContext'), true);
      await poll(async () => page._eval(`navigator.serviceWorker.getRegistration().then((r) => !!(r && r.active))`),
        { timeoutMs: 20000, what: 'an active service worker' });
    });
  } else {
    console.log('skip  a service worker registers (checked in Chromium, which trusts the certificate; Firefox only accepts it)');
  }
  fs.rmSync(dir, { recursive: true, force: true });
});
