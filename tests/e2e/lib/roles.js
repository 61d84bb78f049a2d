'use strict';
// Finding and operating the app through its accessibility tree (the semantic mirror, web/mirror.js)
// with the keyboard only, one API over both drivers:
//   const ui = roles(page);                       // page: the harness Page (lib/browser.js)
//   const apply = ui.byRole('button', 'Apply');  // a lazy handle, resolved on each use
//   await apply.press('Enter');                  // DOM focus on it, then the key
//   await ui.byRole('textbox', 'Reason').fill('No openings');
//   await ui.key('Tab'); (await ui.focused()).name
// Playwright (chromium, firefox) resolves a handle with page.getByRole(role, {name, exact: true}):
// the browser's own accessibility tree. Selenium (webkit) has no role query, so a handle is an
// XPath over the ARIA attributes and text of the DOM: the role (explicit, or the one the tag
// implies) and the accessible name (aria-label, else the element's text). Nothing here clicks or
// uses coordinates: focus() is DOM focus (what Tab would do), keys are real key events.
const { sleep } = require('./util');

const TIMEOUT_MS = 10000;

// ---- the DOM side (WebKit): XPath per role, the name as aria-label or text -------------------
const ROLE_XPATH = {
  button: "(self::button or @role='button')",
  textbox: "((self::input and not(@type='checkbox')) or self::textarea or @role='textbox')",
  checkbox: "((self::input and @type='checkbox') or @role='checkbox')",
  heading: "(self::h1 or self::h2 or self::h3 or self::h4 or self::h5 or self::h6 or @role='heading')",
  banner: "(self::header or @role='banner')",
  navigation: "(self::nav or @role='navigation')",
  main: "(self::main or @role='main')",
  complementary: "(self::aside or @role='complementary')",
  // Static text has no ARIA role; the mirror draws it as <div class="text">.
  text: "contains(concat(' ', normalize-space(@class), ' '), ' text ')",
};
function xpathLiteral(s) {
  if (!s.includes("'")) return `'${s}'`;
  if (!s.includes('"')) return `"${s}"`;
  return `concat('${s.split("'").join(`', "'", '`)}')`;
}
function xpathFor(role, name) {
  const rolePart = ROLE_XPATH[role] || `@role=${xpathLiteral(role)}`;
  if (typeof name !== 'string') return `.//*[${rolePart}]`;
  const n = xpathLiteral(name.replace(/\s+/g, ' ').trim());
  return `.//*[${rolePart}][@aria-label=${n} or (not(@aria-label) and normalize-space(.)=${n})]`;
}

// In the page (both drivers): the role and accessible name of an element, as the mirror writes them.
const IN_PAGE = `(() => {
  const IMPLICIT = { BUTTON: 'button', TEXTAREA: 'textbox', HEADER: 'banner', NAV: 'navigation', MAIN: 'main',
    ASIDE: 'complementary', H1: 'heading', H2: 'heading', H3: 'heading', H4: 'heading', H5: 'heading', H6: 'heading' };
  const roleOf = (el) => el.getAttribute('role') ||
    (el.tagName === 'INPUT' ? (el.type === 'checkbox' ? 'checkbox' : 'textbox') : IMPLICIT[el.tagName]) || '';
  // aria-label, else the text of its descendants, one text node from the next apart (as a browser
  // computes a name from content: "11/28/2026" in one cell and "From ..." in the next are two words).
  const textOf = (el) => {
    const parts = [];
    const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) parts.push(n.nodeValue);
    return parts.join(' ');
  };
  const nameOf = (el) => (el.getAttribute('aria-label') ?? textOf(el)).replace(/\\s+/g, ' ').trim();
  return { roleOf, nameOf };
})()`;

// Accessible names of WebElements (passed as separate arguments: WebKitWebDriver does not turn
// elements nested in an array argument back into DOM nodes).
async function namesOf(driver, elements) {
  if (!elements.length) return [];
  return driver.executeScript(`const f = ${IN_PAGE}; return Array.from(arguments).map((el) => f.nameOf(el));`, ...elements);
}

// ---- handles -------------------------------------------------------------------------------
class Handle {
  constructor(ui, role, name, { within, index } = {}) {
    Object.assign(this, { ui, role, name, within, index });
  }
  get page() { return this.ui.page; }
  toString() {
    const where = this.within ? ` in ${this.within}` : '';
    const which = this.index === undefined ? '' : `[${this.index}]`;
    return `${this.role} ${this.name instanceof RegExp ? this.name : JSON.stringify(this.name ?? '')}${which}${where}`;
  }
  nth(i) { return new Handle(this.ui, this.role, this.name, { within: this.within, index: i }); }
  first() { return this.nth(0); }
  last() { return this.nth(-1); }
  byRole(role, name) { return new Handle(this.ui, role, name, { within: this }); }

  // Playwright: a locator (strict: one element, unless nth() was asked for).
  _locator() {
    const opts = this.name === undefined ? {} : { name: this.name, exact: typeof this.name === 'string' };
    const base = this.within ? this.within._locator() : this.page.page;
    // Static text (role "text"): Playwright's getByText, exact unless a RegExp.
    let loc = this.role === 'text' ? base.getByText(this.name, { exact: typeof this.name === 'string' })
      : base.getByRole(this.role, opts);
    if (this.index !== undefined) loc = this.index < 0 ? loc.last() : loc.nth(this.index);
    return loc;
  }
  // Selenium: every element that matches now.
  async _all() {
    const { By } = require('selenium-webdriver');
    const driver = this.page.driver;
    const bases = this.within ? await this.within._all() : [await driver.findElement(By.css('body'))];
    if (bases.length !== 1) return [];  // no container, or several: nothing to look in
    const base = bases[0];
    let found = await base.findElements(By.xpath(xpathFor(this.role, this.name)));
    if (this.name instanceof RegExp) {
      const names = await namesOf(driver, found);
      found = found.filter((_, i) => this.name.test(names[i]));
    }
    if (this.index !== undefined) {
      const el = found[this.index < 0 ? found.length + this.index : this.index];
      return el ? [el] : [];
    }
    return found;
  }
  // Selenium: the one element (waits for it; fails on none or several).
  async _element(timeoutMs = TIMEOUT_MS) {
    const end = Date.now() + timeoutMs;
    let n = 0;
    for (;;) {
      try {
        const all = await this._all();
        n = all.length;
        if (n === 1) return all[0];
      } catch (e) {
        if (!/stale/i.test(`${e.name} ${e.message}`)) throw e;
      }
      if (Date.now() > end) break;
      await sleep(50);
    }
    throw new Error(`${this.page.engine}: ${n ? `${n} elements match` : 'no element in the accessibility tree for'} ` +
      `${this}\n${await this.ui.outline()}`);
  }
  // Run fn on the element; a stale element (the mirror replaced it) is looked up again.
  async _withElement(fn) {
    for (let attempt = 0; ; attempt++) {
      const el = await this._element();
      try { return await fn(el); } catch (e) {
        if (attempt < 3 && /stale/i.test(`${e.name} ${e.message}`)) continue;
        throw e;
      }
    }
  }
  async _settled(fn) {
    const since = await this.page.frames();
    let r;
    try {
      r = await fn();
    } catch (e) {
      if (!this.page.page || e._outlined) throw e;
      // A Playwright action that found nothing: say what the tree held.
      const err = new Error(`${this.page.engine}: ${this}: ${e.message.split('\n')[0]}\n${await this.ui.outline()}`);
      err._outlined = true;
      throw err;
    }
    await this.page.settle({ since });
    return r;
  }

  /** Number of matching elements now. */
  async count() {
    if (this.page.page) return this._locator().count();
    return (await this._all()).length;
  }
  async exists() { return (await this.count()) > 0; }
  /** Waits until at least one element matches (actions then want exactly one). */
  async waitFor({ timeoutMs = TIMEOUT_MS } = {}) {
    const end = Date.now() + timeoutMs;
    for (;;) {
      let n = 0;
      try { n = await this.count(); } catch (e) { if (!/stale/i.test(`${e.name} ${e.message}`)) throw e; }
      if (n > 0) return this;
      if (Date.now() > end) break;
      await sleep(50);
    }
    throw new Error(`${this.page.engine}: ${this} not in the accessibility tree after ${timeoutMs} ms\n${await this.ui.outline()}`);
  }
  /** Waits until no element matches. */
  async waitGone({ timeoutMs = TIMEOUT_MS } = {}) {
    const end = Date.now() + timeoutMs;
    while (Date.now() < end) {
      if (!(await this.count())) return;
      await sleep(50);
    }
    throw new Error(`${this.page.engine}: ${this} still in the accessibility tree after ${timeoutMs} ms`);
  }
  /** DOM focus (as Tab would move it), then the app's frames. */
  async focus() {
    await this._settled(async () => {
      if (this.page.page) await this._locator().focus({ timeout: TIMEOUT_MS });
      else await this._withElement((el) => this.page.driver.executeScript('arguments[0].focus()', el));
    });
    return this;
  }
  async isFocused() {
    if (this.page.page) return this._locator().evaluate((el) => el === document.activeElement, null, { timeout: TIMEOUT_MS });
    return this._withElement((el) => this.page.driver.executeScript('return arguments[0] === document.activeElement', el));
  }
  /** A key on the element: focus it if it has not got focus, then the key (Playwright names). */
  async press(key) {
    if (this.page.page) {
      await this._settled(() => this._locator().press(key, { timeout: TIMEOUT_MS }));
    } else {
      if (!(await this.isFocused())) await this.focus();
      await this.page.press(key);
    }
    return this;
  }
  /** Replaces the field's text, as the browser edits it (Playwright fill; WebKit Ctrl+A, Backspace, typed keys). */
  async fill(text) {
    if (this.page.page) {
      await this._settled(() => this._locator().fill(text, { timeout: TIMEOUT_MS }));
    } else {
      await this.focus();
      // Select all and delete (keys that change nothing in an empty field draw no frame: no settle on them).
      await this.page.press('Control+A', { settle: false });
      await this.page.press('Backspace', { settle: false });
      await this.page.settle();
      if (text) await this._settled(() => this._withElement((el) => el.sendKeys(text)));
    }
    return this;
  }
  /** Types text key by key at the caret (focusing the field first). */
  async type(text) {
    if (this.page.page) {
      await this._settled(() => this._locator().pressSequentially(text, { timeout: TIMEOUT_MS }));
    } else {
      if (!(await this.isFocused())) await this.focus();
      await this.page.type(text);
    }
    return this;
  }
  /** A field's value (the element's, i.e. what a screen reader reads). */
  async value() {
    if (this.page.page) return this._locator().inputValue({ timeout: TIMEOUT_MS });
    return this._withElement((el) => this.page.driver.executeScript('return arguments[0].value', el));
  }
  async attr(name) {
    if (this.page.page) return this._locator().getAttribute(name, { timeout: TIMEOUT_MS });
    return this._withElement((el) => this.page.driver.executeScript(`return arguments[0].getAttribute(arguments[1])`, el, name));
  }
  /** The element's text, whitespace collapsed (a combobox's chosen value, a status's words). */
  async text() {
    const norm = (s) => (s || '').replace(/\s+/g, ' ').trim();
    if (this.page.page) return norm(await this._locator().textContent({ timeout: TIMEOUT_MS }));
    return norm(await this._withElement((el) => this.page.driver.executeScript('return arguments[0].textContent', el)));
  }
  /** The text of the notes aria-describedby points at (hint and error), joined. */
  async description() {
    const ids = (await this.attr('aria-describedby')) || '';
    if (!ids) return '';
    return this.page.evaluate((list) => list.split(/\s+/).map((id) => {
      const el = document.getElementById(id);
      return el ? el.textContent : '';
    }).join(' ').replace(/\s+/g, ' ').trim(), ids);
  }
  /** The accessible names of every element that matches, in document order. */
  async names() {
    if (this.page.page) {
      return this._locator().evaluateAll((els) => els.map((el) =>
        (el.getAttribute('aria-label') ?? el.textContent ?? '').replace(/\s+/g, ' ').trim()));
    }
    const all = await this._all();
    return namesOf(this.page.driver, all);
  }
}

class Roles {
  constructor(page) { this.page = page; }
  byRole(role, name, opts) { return new Handle(this, role, name, opts); }
  /** A key to whatever has focus (no element named): Tab, Shift+Tab, arrows, Escape. */
  async key(key) { await this.page.press(key); }
  /** The element with DOM focus: {role, name, inMirror, tag, selected, expanded}. */
  focused() {
    return this.page.evaluate(`(() => {
      const f = ${IN_PAGE};
      const el = document.activeElement;
      if (!el || el === document.body) return { role: '', name: '', inMirror: false, tag: el ? el.tagName : '' };
      const mirror = document.getElementById('mirror');
      return { role: f.roleOf(el), name: f.nameOf(el), inMirror: !!(mirror && mirror.contains(el)), tag: el.tagName,
        selected: el.getAttribute('aria-selected'), expanded: el.getAttribute('aria-expanded'), value: el.value };
    })()`);
  }
  /** Waits until focus is on an element of the mirror with this role (and name, if given). */
  async waitFocus(role, name, { timeoutMs = TIMEOUT_MS } = {}) {
    const end = Date.now() + timeoutMs;
    let f;
    for (;;) {
      f = await this.focused();
      const nameOk = name === undefined || (name instanceof RegExp ? name.test(f.name) : f.name === name);
      if (f.inMirror && f.role === role && nameOk) return f;
      if (Date.now() > end) break;
      await sleep(50);
    }
    throw new Error(`${this.page.engine}: focus is on ${describeFocus(f)}, expected ${role} ` +
      `${name === undefined ? '' : name instanceof RegExp ? name : JSON.stringify(name)}\n${await this.outline()}`);
  }
  /** Presses `key` (Tab, ArrowDown...) until focus is on role/name; fails after `max` presses. */
  async keyUntil(key, role, name, { max = 40 } = {}) {
    const seen = [];
    for (let i = 0; i < max; i++) {
      await this.key(key);
      const f = await this.focused();
      seen.push(describeFocus(f));
      if (f.inMirror && f.role === role && (name instanceof RegExp ? name.test(f.name) : f.name === name)) return i + 1;
    }
    throw new Error(`${this.page.engine}: ${max} x ${key} never reached ${role} ${JSON.stringify(String(name))}; ` +
      `focus went: ${seen.join(' > ')}`);
  }
  /** The words in the polite (role=status) and assertive (role=alert) live regions. */
  async live() {
    return this.page.evaluate(`(() => ({
      status: (document.querySelector('body > [role=status]') || {}).textContent || '',
      alert: (document.querySelector('body > [role=alert]') || {}).textContent || '' }))()`);
  }
  /** Waits until a live region (status or alert) says something matching `words`. */
  async waitLive(words, { timeoutMs = TIMEOUT_MS } = {}) {
    const end = Date.now() + timeoutMs;
    let seen = [];
    for (;;) {
      const l = await this.live();
      for (const s of [l.status, l.alert]) if (s && !seen.includes(s)) seen.push(s);
      if ([l.status, l.alert].some((s) => (words instanceof RegExp ? words.test(s) : s.includes(words)))) return l;
      if (Date.now() > end) break;
      await sleep(30);
    }
    throw new Error(`${this.page.engine}: no live region said ${words}; heard ${JSON.stringify(seen)}`);
  }
  /** The mirror as an indented outline of role "name" [states] (for failure messages). */
  async outline({ maxLines = 150 } = {}) {
    const text = await this.page.evaluate(`(() => {
      const f = ${IN_PAGE};
      const out = [];
      const walk = (el, depth) => {
        for (const c of el.children) {
          const role = f.roleOf(c);
          if (role) {
            const st = ['aria-expanded', 'aria-selected', 'aria-current', 'aria-invalid', 'aria-modal', 'aria-disabled']
              .filter((a) => c.hasAttribute(a)).map((a) => a.slice(5) + '=' + c.getAttribute(a));
            if (c === document.activeElement) st.push('FOCUSED');
            const name = ['row', 'table', 'main', 'group', 'cell', 'dialog', 'tree', 'listbox', 'banner'].includes(role) && !c.getAttribute('aria-label')
              ? '' : f.nameOf(c).slice(0, 80);
            out.push('  '.repeat(depth) + role + (name ? ' "' + name + '"' : '') + (st.length ? ' [' + st.join(' ') + ']' : ''));
          } else if (c.className === 'text') {
            out.push('  '.repeat(depth) + 'text "' + f.nameOf(c).slice(0, 80) + '"');
          }
          walk(c, role ? depth + 1 : depth);
        }
      };
      const m = document.getElementById('mirror');
      if (m) walk(m, 0);
      return out;
    })()`).catch((e) => [`(outline failed: ${e.message})`]);
    const lines = text.length > maxLines ? [...text.slice(0, maxLines), `... ${text.length - maxLines} more`] : text;
    return `accessibility tree:\n${lines.join('\n')}`;
  }
}

function describeFocus(f) {
  if (!f || !f.tag) return '(nothing)';
  if (!f.inMirror) return `${f.tag === 'BODY' ? 'the page body' : f.tag} (outside the mirror)`;
  return `${f.role} ${JSON.stringify(f.name)}`;
}

const roles = (page) => new Roles(page);
module.exports = { roles, xpathFor, describeFocus };
