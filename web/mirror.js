// The semantic mirror: real DOM elements over the canvas, one per thing the UI means (a button, a
// field, a heading, a table cell), with the roles, names and states the app publishes after each
// frame that changed (client/a11y/semantics.cpp). Screen readers, browser find, voice control and
// keyboard users work through these elements; each sits where its widget is drawn.
//
// Keys: an element of the mirror that has DOM focus gets its keys first (this file is loaded
// before the app, so its capture listeners run before GLFW's). Tab moves DOM focus as in any page,
// and the app follows (Tab order is the order ImGui submits items). Enter and Space activate
// buttons, options, tree items, checkboxes and comboboxes; arrows and Escape go on to ImGui's own
// navigation, whose focus the page then follows. Text fields are real <input>s: the browser edits
// them (typing, IME, dictation, paste, undo) and the app receives the whole text after each change.
'use strict';
(function () {
  if (new URLSearchParams(location.search).get('mirror') === '0') return;  // the coordinate-driven tests
  const ROLES = ['group', 'text', 'heading', 'button', 'link', 'checkbox', 'textbox', 'combobox', 'listbox',
    'option', 'table', 'row', 'columnheader', 'cell', 'dialog', 'alert', 'status', 'banner', 'navigation', 'main',
    'complementary', 'tree', 'treeitem', 'list', 'listitem', 'form', 'region'];
  const S = { checked: 1, expanded: 2, expandable: 4, selected: 8, disabled: 16, invalid: 32, required: 64,
    password: 128, multiline: 256, modal: 512, selectable: 1024, current: 2048, readonly: 4096 };
  const ACTIONABLE = new Set(['button', 'link', 'checkbox', 'combobox', 'option', 'treeitem']);
  const CONTAINERS = new Set(['group', 'listbox', 'table', 'row', 'columnheader', 'cell', 'dialog', 'banner',
    'navigation', 'main', 'complementary', 'tree', 'list', 'form', 'region']);
  const LANDMARK_TAGS = { banner: 'header', navigation: 'nav', main: 'main', complementary: 'aside' };

  let module = null;  // Emscripten's Module once the app runs
  const root = document.createElement('div');
  root.id = 'mirror';
  const notes = document.createElement('div');  // descriptions and errors, read through aria-describedby
  notes.hidden = true;
  const status = document.createElement('div');
  status.className = 'live';
  status.setAttribute('role', 'status');
  const alert = document.createElement('div');
  alert.className = 'live';
  alert.setAttribute('role', 'alert');

  const elements = new Map();  // key -> element
  const byItem = new Map();    // ImGui ID -> element
  let editsSent = 0;           // the sequence number of the last text sent to the app
  let appFocus = 0;            // the item the app last said has focus
  let following = false;       // focus() called to follow the app: not a request back
  let pointerLast = false;     // the last input was a pointer (focus rings are for the keyboard)
  let lastCost = 0;
  let updates = 0;

  const call = (name, ...args) => (module && module['_' + name] ? module['_' + name](...args) : 0);

  function attach() {
    document.body.append(root, notes, status, alert);
  }
  if (document.body) attach(); else document.addEventListener('DOMContentLoaded', attach);

  function tagFor(role, state, level) {
    if (LANDMARK_TAGS[role]) return LANDMARK_TAGS[role];
    switch (role) {
      case 'button': return 'button';
      case 'textbox': return state & S.multiline ? 'textarea' : 'input';
      case 'checkbox': return 'input';
      case 'heading': return 'h' + Math.min(Math.max(level || 2, 1), 6);
      default: return 'div';
    }
  }

  function set(el, name, value) {  // an attribute, written only when it changes
    if (value === null || value === undefined || value === false) {
      if (el.hasAttribute(name)) el.removeAttribute(name);
    } else {
      const text = value === true ? 'true' : String(value);
      if (el.getAttribute(name) !== text) el.setAttribute(name, text);
    }
  }

  function make(node, tag) {
    const el = document.createElement(tag);
    el._key = node.key;
    if (tag === 'input' && node.role === 'checkbox') el.type = 'checkbox';
    if (tag === 'button') el.type = 'button';
    if (CONTAINERS.has(node.role)) el.className = 'c';
    if (!LANDMARK_TAGS[node.role] && tag === 'div' && node.role !== 'text') el.setAttribute('role', node.role);
    if (node.role === 'text') el.className = 'text';
    el.id = 'm' + node.key;
    return el;
  }

  function describe(el, node) {
    const ids = [];
    for (const [suffix, words] of [['e', node.error], ['d', node.description]]) {
      const id = 'm' + node.key + suffix;
      let note = document.getElementById(id);
      if (!words) {
        if (note) note.remove();
        continue;
      }
      if (!note) {
        note = document.createElement('div');
        note.id = id;
        notes.append(note);
      }
      if (note.textContent !== words) note.textContent = words;
      ids.push(id);
    }
    set(el, 'aria-describedby', ids.length ? ids.join(' ') : null);
  }

  function place(el, node) {
    const style = el.style;
    const left = node.x + 'px', top = node.y + 'px', width = node.w + 'px', height = node.h + 'px';
    if (style.left !== left) style.left = left;
    if (style.top !== top) style.top = top;
    if (style.width !== width) style.width = width;
    if (style.height !== height) style.height = height;
  }

  function update(el, node, focused, pending) {
    const role = node.role, state = node.state;
    if (!CONTAINERS.has(role)) place(el, node);
    if (role === 'text' || role === 'heading' || role === 'button' || role === 'option' || role === 'treeitem' ||
        role === 'listitem' || (role === 'alert' && !node.hasChildren)) {
      if (el.textContent !== node.name) el.textContent = node.name;
    }
    if (role === 'combobox') {
      const shown = node.value || '';
      if (el.textContent !== shown) el.textContent = shown;
    }
    if (role === 'textbox' || role === 'checkbox' || role === 'combobox' || role === 'listbox' || role === 'tree' ||
        role === 'dialog' || role === 'navigation' || role === 'complementary' || role === 'table') {
      set(el, 'aria-label', node.name || null);
    }
    if (ACTIONABLE.has(role) || role === 'textbox') {
      const tabIndex = role === 'option' ? '-1' : '0';
      if (el.getAttribute('tabindex') !== tabIndex) el.setAttribute('tabindex', tabIndex);
      set(el, 'aria-disabled', (state & S.disabled) ? true : null);
    }
    set(el, 'aria-expanded', (state & S.expandable) ? ((state & S.expanded) ? 'true' : 'false') : null);
    if (role === 'combobox') set(el, 'aria-haspopup', 'listbox');
    if (role === 'option' || role === 'treeitem') set(el, 'aria-selected', (state & S.selected) ? 'true' : 'false');
    set(el, 'aria-current', (state & S.current) ? 'page' : null);
    if (role === 'treeitem') set(el, 'aria-level', node.level || null);
    if (role === 'dialog') set(el, 'aria-modal', (state & S.modal) ? 'true' : null);
    if (role === 'table' && node.rowCount) set(el, 'aria-rowcount', node.rowCount);
    if (role === 'row' && node.rowIndex) set(el, 'aria-rowindex', node.rowIndex);
    if (role === 'checkbox') {
      set(el, 'aria-label', node.name);
      const checked = !!(state & S.checked);
      if (el.checked !== checked) el.checked = checked;
    }
    if (role === 'textbox' || role === 'combobox') {
      set(el, 'aria-invalid', (state & S.invalid) ? 'true' : null);
      set(el, 'aria-required', (state & S.required) ? 'true' : null);
      describe(el, node);
    } else if (node.description) {
      describe(el, node);
    }
    if (role === 'textbox') {
      if (el.tagName === 'INPUT') {
        const type = (state & S.password) ? 'password' : 'text';
        if (el.type !== type) el.type = type;
      }
      set(el, 'autocomplete', node.autocomplete || 'off');
      set(el, 'spellcheck', 'false');
      // The app's text, unless the page has sent text the app has not taken yet (or an IME is
      // composing): then the element is ahead, and keeps what the user typed.
      if (!(focused && pending) && !el._composing) {
        if (el.value !== node.value) el.value = node.value;
        if (focused && node.selStart >= 0 && (el.selectionStart !== node.selStart || el.selectionEnd !== node.selEnd)) {
          try { el.setSelectionRange(node.selStart, node.selEnd); } catch (e) { /* a type without selection */ }
        }
        el._sentValue = el.value;
        el._sentStart = el.selectionStart;
        el._sentEnd = el.selectionEnd;
      }
    }
  }

  function parse(json) {
    const tree = JSON.parse(json);
    const ratio = tree.r / 1000;
    const px = (v) => Math.round(v / ratio * 10) / 10;
    // A key alone: the node has not changed since the last tree.
    const nodes = tree.n.map((n) => (typeof n === 'number' ? (elements.has(n) ? elements.get(n)._node : null) : {
      key: n[0], parent: n[1], role: ROLES[n[2]] || 'group', name: n[3], x: px(n[4]), y: px(n[5]), w: px(n[6]), h: px(n[7]),
      state: n[8], level: n[9], description: n[10], error: n[11], value: n[12], selStart: n[13], selEnd: n[14],
      rowIndex: n[15], rowCount: n[16], autocomplete: n[17], id: n[18], hasChildren: false, changed: true,
    })).filter((n) => n);
    const keys = new Map(nodes.map((n) => [n.key, n]));
    for (const n of nodes) if (!n.changed) n.hasChildren = false;
    for (const n of nodes) if (keys.has(n.parent)) keys.get(n.parent).hasChildren = true;
    return { edits: tree.e, focus: tree.f, status: tree.s, alert: tree.a, nodes, keys };
  }

  // An interactive node with no name would be an unnamed control: it is left out.
  function shown(node) {
    if ((ACTIONABLE.has(node.role) || node.role === 'textbox') && !node.name && node.role !== 'combobox') return false;
    if (node.role === 'text' && !node.name) return false;
    return true;
  }

  let lastSize = 0;
  function apply(json) {
    const started = performance.now();
    lastSize = json.length;
    const tree = parse(json);
    const active = document.activeElement;
    const pending = editsSent > tree.edits;
    const seen = new Set();
    const children = new Map();  // parent element -> ordered child elements
    byItem.clear();
    for (const node of tree.nodes) {
      if (!shown(node)) continue;
      const parentEl = node.parent && elements.has(node.parent) && seen.has(node.parent) ? elements.get(node.parent) : root;
      const tag = tagFor(node.role, node.state, node.level);
      let el = elements.get(node.key);
      if (!el || el.tagName.toLowerCase() !== tag || el._role !== node.role) {
        el = make(node, tag);
        el._role = node.role;
        elements.set(node.key, el);
      }
      el._node = node;
      el._parentKey = node.parent;
      if (node.id) byItem.set(node.id, el);
      seen.add(node.key);
      // An unchanged node needs no update, except a field the user is typing in (its text).
      if (node.changed || (node.role === 'textbox' && el === active)) update(el, node, el === active, pending);
      node.changed = false;
      if (!children.has(parentEl)) children.set(parentEl, []);
      children.get(parentEl).push(el);
    }
    for (const [key, el] of elements) {
      if (seen.has(key)) continue;
      el.remove();
      const notesOf = [document.getElementById('m' + key + 'e'), document.getElementById('m' + key + 'd')];
      for (const note of notesOf) if (note) note.remove();
      elements.delete(key);
    }
    // Order children as the app submitted them, moving only what is out of place (moving the
    // focused element would blur it).
    for (const [parentEl, list] of children) {
      let at = 0;
      for (const el of list) {
        const current = parentEl.children[at];
        if (current !== el) parentEl.insertBefore(el, current || null);
        ++at;
      }
    }
    // An open combobox controls its list (submitted right after it, under the same name).
    for (const node of tree.nodes) {
      if (node.role !== 'combobox' || !elements.has(node.key)) continue;
      const list = (node.state & S.expanded)
        ? tree.nodes.find((n) => n.role === 'listbox' && n.name === node.name && elements.has(n.key)) : null;
      set(elements.get(node.key), 'aria-controls', list ? 'm' + list.key : null);
    }
    if (status.textContent !== tree.status) status.textContent = tree.status;
    if (alert.textContent !== tree.alert) alert.textContent = tree.alert;
    followFocus(tree.focus);
    lastCost = performance.now() - started;
    ++updates;
  }

  function followFocus(id) {
    if (id === appFocus) return;
    appFocus = id;
    const el = byItem.get(id);
    if (!el || document.activeElement === el) return;
    const active = document.activeElement;
    // Only while the page has focus in the app (not in the address bar or another frame).
    if (active && active !== document.body && !root.contains(active) && active.id !== 'canvas') return;
    following = true;
    el.focus({ preventScroll: true });
    following = false;
  }

  function item(el) {
    while (el && el !== root) {
      if (el._node && el._node.id) return el;
      el = el.parentElement;
    }
    return null;
  }

  // --- what the user does to the mirror --------------------------------------------------------

  function sendText(el) {
    const node = el._node;
    if (!node || !module) return;
    if (el.value === el._sentValue && el.selectionStart === el._sentStart && el.selectionEnd === el._sentEnd) return;
    el._sentValue = el.value;
    el._sentStart = el.selectionStart;
    el._sentEnd = el.selectionEnd;
    editsSent += 1;
    module.ccall('waypoint_a11y_edit', null, ['number', 'number', 'string', 'number', 'number'],
      [node.id, editsSent, el.value, el.selectionStart || 0, el.selectionEnd || 0]);
  }

  function activate(el) {
    el._activatedAt = performance.now();
    call('waypoint_a11y_activate', el._node.id);
  }

  root.addEventListener('focusin', (e) => {
    const el = item(e.target);
    if (!el || following) return;
    appFocus = el._node.id;
    call('waypoint_a11y_focus', el._node.id, pointerLast ? 0 : 1);
  });
  root.addEventListener('input', (e) => {
    const el = e.target;
    if (el._node && el._node.role === 'textbox' && !e.isComposing) sendText(el);
  });
  root.addEventListener('compositionstart', (e) => { e.target._composing = true; });
  root.addEventListener('compositionend', (e) => {
    e.target._composing = false;
    if (e.target._node) sendText(e.target);
  });
  document.addEventListener('selectionchange', () => {
    const el = document.activeElement;
    if (el && el._node && el._node.role === 'textbox' && root.contains(el) && !el._composing) sendText(el);
  });
  // A screen reader's "click" (or a click by script) on an element: its action. Keys already
  // acted on the element have their click ignored.
  root.addEventListener('click', (e) => {
    const el = item(e.target);
    if (!el || !ACTIONABLE.has(el._node.role)) return;
    e.preventDefault();
    if (el._activatedAt && performance.now() - el._activatedAt < 500) return;
    activate(el);
  });

  // Tab with the canvas (or nothing) focused, after a click: on from the item the app has focus
  // on, in the mirror's order, as if that item's element had had focus.
  function tabFromApp(e) {
    e.stopImmediatePropagation();
    if (e.type !== 'keydown') return;
    const focusable = [...root.querySelectorAll('button, input, textarea, [tabindex="0"]')];
    if (!focusable.length) return;
    const from = focusable.indexOf(byItem.get(appFocus));
    const to = from < 0 ? (e.shiftKey ? focusable.length - 1 : 0)
      : (from + (e.shiftKey ? -1 : 1) + focusable.length) % focusable.length;
    e.preventDefault();
    focusable[to].focus({ preventScroll: true });
  }

  function onKey(e) {
    const el = e.target;
    if (!el || !el._node || !root.contains(el)) {
      if (e.type === 'keydown') pointerLast = false;
      if (e.key === 'Tab' && (!el || el === document.body || el.id === 'canvas' || el === document.documentElement)) tabFromApp(e);
      return;
    }
    if (e.type === 'keydown') pointerLast = false;
    const node = el._node;
    if (e.key === 'Tab') {  // the browser moves focus; ImGui must not see it
      e.stopImmediatePropagation();
      call('waypoint_wake');
      return;
    }
    if (node.role === 'textbox') {
      e.stopImmediatePropagation();  // the element edits; the app gets the text
      call('waypoint_wake');  // glue.js's wake-up listener is behind this one
      if (e.type !== 'keydown') return;
      const single = !(node.state & S.multiline);
      if (e.key === 'Enter' && single) {
        e.preventDefault();
        sendText(el);
        call('waypoint_a11y_key', node.id, 0);
      } else if (e.key === 'Escape') {
        call('waypoint_a11y_key', node.id, 1);
      } else {
        setTimeout(() => { if (document.activeElement === el) sendText(el); }, 0);  // a caret moved
      }
      return;
    }
    const opens = node.role === 'combobox' && !(node.state & S.expanded) && (e.key === 'ArrowDown' || e.key === 'ArrowUp');
    if ((e.key === 'Enter' || e.key === ' ' || opens) && ACTIONABLE.has(node.role)) {
      e.preventDefault();
      e.stopImmediatePropagation();
      call('waypoint_wake');
      if (e.type === 'keydown' && !e.repeat) activate(el);
    }
    // Anything else (arrows, Escape, Page Up/Down) goes on to ImGui's navigation.
  }
  for (const type of ['keydown', 'keypress', 'keyup']) window.addEventListener(type, onKey, true);
  window.addEventListener('pointerdown', () => { pointerLast = true; }, true);

  // A press on a field drawn on the canvas: the field's element takes focus there and then, so
  // the keys that follow (however fast) reach it. ImGui places the caret from the same press.
  window.addEventListener('mousedown', (e) => {
    if (e.target.id !== 'canvas' || e.button !== 0) return;
    for (const el of root.querySelectorAll('input:not([type=checkbox]), textarea')) {
      const n = el._node;
      if (!n || e.clientX < n.x || e.clientX > n.x + n.w || e.clientY < n.y || e.clientY > n.y + n.h) continue;
      e.preventDefault();  // else the canvas takes focus back after this handler
      if (document.activeElement !== el) {
        following = true;
        el.focus({ preventScroll: true });
        following = false;
        appFocus = n.id;
      }
      return;
    }
  }, true);

  window.waypointMirror = {
    start: (m) => { module = m; },
    update: apply,
    cost: () => lastCost,
    size: () => lastSize,
    appFocus: () => appFocus,
    updates: () => updates,
  };
})();
