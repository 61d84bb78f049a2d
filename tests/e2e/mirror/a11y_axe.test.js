'use strict';
// axe-core on every screen of seed 000 ("Resolving a Referral"), reached as a case worker does
// (tests/e2e/a11y_screens.js): what axe finds in the semantic mirror (web/mirror.js), the DOM
// that screen readers, voice control and browser find read over the canvas.
//   node tests/e2e/a11y_axe.test.js chromium|firefox|webkit
// Chromium and Firefox run axe through @axe-core/playwright's AxeBuilder; WebKit (Selenium) gets
// axe-core's source injected with executeScript and runs axe.run with the same options.
// The last step FAILS on any violation of impact serious or critical (rule, impact, target,
// help, screen); minor and moderate ones are printed as a list and do not fail. Every result is
// written to <out>/a11y_axe-<engine>.json.
const fs = require('node:fs');
const path = require('node:path');
const { test, outDir } = require('../lib');
const { walk, prepare } = require('../a11y_screens');

const FAILING = new Set(['serious', 'critical']);
// axe's default rule set (WCAG 2.0-2.2 A/AA and best practices), results other than violations
// left out: they are not checked here and cost time on every screen.
const AXE_OPTIONS = { resultTypes: ['violations'] };

async function runAxe(page) {
  if (page.engine !== 'webkit') {
    const { default: AxeBuilder } = require('@axe-core/playwright');
    return new AxeBuilder({ page: page.page }).options(AXE_OPTIONS).analyze();
  }
  const source = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
  const has = await page.driver.executeScript('return !!window.axe');
  if (!has) await page.driver.executeScript(`${source}\n;return true;`);
  // executeAsyncScript's last argument is the callback; the result crosses as JSON.
  const json = await page.driver.executeAsyncScript(`
    const done = arguments[arguments.length - 1];
    window.axe.run(document, ${JSON.stringify(AXE_OPTIONS)})
      .then((r) => done(JSON.stringify({ violations: r.violations, testEngine: r.testEngine })))
      .catch((e) => done(JSON.stringify({ error: String(e && e.stack || e) })));`);
  const r = JSON.parse(json);
  if (r.error) throw new Error(`axe.run in WebKit: ${r.error}`);
  return r;
}

// One line per rule and element, with the screens it was seen on (the same element is usually
// found on many screens: listed once).
function addFinding(map, screen, v, n) {
  const key = `${v.id} [${n.impact || v.impact}] ${n.target.join(' ')}`;
  if (!map.has(key)) {
    map.set(key, { screens: [], help: `${v.help} (${v.helpUrl.replace(/\?.*$/, '')})`,
      summary: (n.failureSummary || '').replace(/\n\s*/g, ' / '), html: (n.html || '').slice(0, 160) });
  }
  map.get(key).screens.push(screen);
}
const listFindings = (map) => [...map].map(([key, f]) =>
  `${key} - ${f.help}\n        on: ${f.screens.join(', ')}\n        ${f.summary}\n        ${f.html}`);

test('axe-core on every screen of seed 000', async (t) => {
  const server = await t.startServer({ demo: true });
  const url = server.url;
  const setup = await prepare(url);
  const page = await t.launch({ width: 1280, height: 720 });
  const ctx = { t, page, url, ...setup };
  const results = {};
  const serious = new Map(), minor = new Map();
  let axeVersion = '';

  const visited = await walk(t, page, ctx, async (screen) => {
    const t0 = Date.now();
    const r = await runAxe(page);
    axeVersion = (r.testEngine && r.testEngine.version) || axeVersion;
    results[screen.name] = r.violations;
    let nodes = 0;
    for (const v of r.violations) {
      for (const n of v.nodes) {
        nodes++;
        addFinding(FAILING.has(n.impact || v.impact) ? serious : minor, screen.name, v, n);
      }
    }
    await page.screenshot(`a11y_axe-${screen.name}`);
    t.log(`axe: ${r.violations.length} rule(s) violated on ${nodes} element(s) (${Date.now() - t0} ms)` +
      (r.violations.length ? `: ${r.violations.map((v) => `${v.id}[${v.impact}]`).join(', ')}` : ''));
  });

  const file = path.join(outDir(), `a11y_axe-${t.engine}.json`);
  fs.writeFileSync(file, JSON.stringify({ engine: t.engine, axe: axeVersion, screens: results }, null, 1));
  t.log(`axe ${axeVersion}; results: ${file}`);

  await t.step('minor and moderate violations (listed, not failing)', async () => {
    if (minor.size) t.log(`${minor.size} minor/moderate:\n      ${listFindings(minor).join('\n      ')}`);
    else t.log('none');
  });

  await t.step('no violation of impact serious or critical on any screen', async () => {
    if (visited.length === 0) throw new Error('no screen was checked');
    if (serious.size) {
      throw new Error(`${serious.size} serious/critical violation(s) (${visited.length} screens checked):\n  ` +
        listFindings(serious).join('\n  '));
    }
    t.log(`${visited.length} screens checked: ${visited.join(', ')}`);
  });
});
