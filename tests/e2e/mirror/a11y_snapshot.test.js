'use strict';
// The accessibility tree of three screens of seed 000 (Sign in, Client Referrals, Referral
// Outcome), as Playwright's locator('body').ariaSnapshot() reads the semantic mirror, compared
// with committed files in tests/e2e/fixtures/aria/. A screen that loses semantics (a role, a name,
// a state, a landmark, a table row) fails with a diff.
//   node tests/e2e/a11y_snapshot.test.js chromium|firefox
//   WAYPOINT_UPDATE_ARIA=1 node tests/e2e/a11y_snapshot.test.js chromium   (then firefox) rewrites them
// Files: <screen>.yml is Chromium's; <screen>.<engine>.yml exists only where another engine's
// tree differs from it (an update writes it then, and removes it when the trees agree again).
// WebKit is skipped: ariaSnapshot() is Playwright's, and WebKit runs here through Selenium
// (WebKitWebDriver + MiniBrowser), which has no such call.
//
// Normalized before comparing, and only this (see normalize()):
//  - dates within 3 years of today, which the demo data draws relative to the day the server
//    starts (referral dates, acknowledged dates): "11/28/2026" -> "{today-1}". Dates further off
//    (a date of birth) stay as they are;
//  - the server's version and database schema number on the sign-in card, which change with
//    releases, not with what the screen means.
// Referral and client ids are not normalized: the demo data is the same on every run.
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { spawnSync } = require('node:child_process');
const { test, outDir } = require('../lib');
const { walk, prepare } = require('../a11y_screens');

const DIR = path.join(__dirname, 'fixtures', 'aria');
const UPDATE = process.env.WAYPOINT_UPDATE_ARIA === '1';
const DAY = 86400000;

function normalize(yml, today = new Date()) {
  const base = Date.UTC(today.getFullYear(), today.getMonth(), today.getDate());
  const rel = (y, m, d, raw) => {
    const days = Math.round((Date.UTC(+y, +m - 1, +d) - base) / DAY);
    if (Number.isNaN(days) || Math.abs(days) > 3 * 366) return raw;
    return days === 0 ? '{today}' : `{today${days > 0 ? '+' : ''}${days}}`;
  };
  return yml
    .replace(/\b(\d{2})\/(\d{2})\/(\d{4})\b/g, (raw, m, d, y) => rel(y, m, d, raw))
    .replace(/\b(\d{4})-(\d{2})-(\d{2})\b/g, (raw, y, m, d) => rel(y, m, d, raw))
    .replace(/\bVersion \d+(\.\d+)*\S*/g, 'Version {version}')
    .replace(/\bDatabase schema \d+/g, 'Database schema {n}')
    .replace(/\s+$/, '') + '\n';
}

function diff(expectedFile, actual) {
  const tmp = path.join(os.tmpdir(), `aria-${process.pid}-${path.basename(expectedFile)}`);
  fs.writeFileSync(tmp, actual);
  const r = spawnSync('diff', ['-u', '--label', `committed ${path.relative(process.cwd(), expectedFile)}`,
    '--label', 'this run', expectedFile, tmp], { encoding: 'utf8' });
  fs.rmSync(tmp, { force: true });
  if (r.error) return `(diff not available: ${r.error.message})\n--- this run:\n${actual}`;
  return r.stdout;
}

const WEBKIT = 'no ariaSnapshot() here: it is Playwright\'s, and WebKit runs through Selenium (WebKitWebDriver + MiniBrowser)';

test('ARIA snapshots of Sign in, Client Referrals and Referral Outcome', async (t) => {
  if (t.engine === 'webkit') {
    await t.step('ARIA snapshots', () => t.skip(WEBKIT));
    return;
  }
  const server = await t.startServer({ demo: true });
  const setup = await prepare(server.url);
  const page = await t.launch({ width: 1280, height: 720 });
  const ctx = { t, page, url: server.url, ...setup };
  const failures = [];
  const names = [];

  await walk(t, page, ctx, async (screen) => {
    const raw = await page.page.locator('body').ariaSnapshot();
    const got = normalize(raw);
    fs.writeFileSync(path.join(outDir(), `a11y_snapshot-${screen.name}-${t.engine}.yml`), got);
    // Accessible names must not carry ImGui's "##id" suffixes (read aloud as "hash hash ...").
    for (const line of got.split('\n')) if (line.includes('##')) names.push(`${screen.name}: ${line.trim()}`);

    const shared = path.join(DIR, `${screen.name}.yml`);
    const own = path.join(DIR, `${screen.name}.${t.engine}.yml`);
    if (UPDATE) {
      fs.mkdirSync(DIR, { recursive: true });
      if (t.engine === 'chromium' || !fs.existsSync(shared)) {
        fs.writeFileSync(shared, got);
        t.log(`wrote ${path.relative(process.cwd(), shared)}`);
      } else if (fs.readFileSync(shared, 'utf8') === got) {
        if (fs.existsSync(own)) { fs.rmSync(own); t.log(`removed ${own}: same as ${shared}`); }
      } else {
        fs.writeFileSync(own, got);
        t.log(`wrote ${path.relative(process.cwd(), own)} (differs from Chromium's)`);
      }
      return;
    }
    const expectedFile = fs.existsSync(own) ? own : shared;
    if (!fs.existsSync(expectedFile)) {
      failures.push(`${screen.name}: no committed snapshot ${shared} (run with WAYPOINT_UPDATE_ARIA=1)`);
      return;
    }
    const expected = fs.readFileSync(expectedFile, 'utf8');
    if (expected === got) { t.log(`same as ${path.basename(expectedFile)}`); return; }
    failures.push(`${screen.name} differs from ${path.basename(expectedFile)}:\n${diff(expectedFile, got)}`);
  }, { filter: (s) => s.key });

  await t.step('each screen has the semantics of its committed snapshot', async () => {
    if (UPDATE) t.skip('WAYPOINT_UPDATE_ARIA=1: snapshots written, not compared');
    if (failures.length) throw new Error(failures.join('\n'));
  });

  await t.step('no accessible name carries an ImGui "##" id', async () => {
    if (names.length) throw new Error(`${names.length} line(s) with "##":\n  ${names.join('\n  ')}`);
  });
});
