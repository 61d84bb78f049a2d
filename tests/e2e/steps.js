'use strict';
// Steps the Waypoint browser tests share: the JSON API from Node, dates as the UI shows them,
// and reaching an item that may be scrolled out of view before clicking or typing into it.
async function api(url, token, path, { method = 'GET', body } = {}) {
  const r = await fetch(`${url}${path}`, {
    method, headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await r.text();
  return { status: r.status, body: text ? JSON.parse(text) : null };
}
// ---- dates -----------------------------------------------------------------------------------
const iso = (d) => d.toISOString().slice(0, 10);
const us = (isoDate) => `${isoDate.slice(5, 7)}/${isoDate.slice(8, 10)}/${isoDate.slice(0, 4)}`;
function plusDays(isoDate, n) {
  const d = new Date(`${isoDate}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return iso(d);
}
// A long form scrolls: wheel over the page until the item is on screen (down first, then up).
// The mouse wheel over (x, y). WebKitWebDriver's scroll action reaches no wheel listener here,
// so on WebKit the same DOM events are dispatched to the canvas from the page.
async function wheel(page, x, y, dy) {
  if (page.engine !== 'webkit') return page.scrollWheel(x, y, dy);
  const since = await page.frames();
  await page.evaluate(`(() => {
    const c = document.getElementById('canvas');
    const at = { clientX: ${x}, clientY: ${y}, bubbles: true, cancelable: true };
    c.dispatchEvent(new MouseEvent('mousemove', at));
    c.dispatchEvent(new WheelEvent('wheel', { ...at, deltaY: ${dy}, deltaMode: 0 }));
  })()`);
  await page.settle({ since });
}
// A tap: the pointer's move, press and release reach the page in one task, so the app sees them
// in one frame (a touch screen, or a quick click on a busy machine). Items that let a later item
// overlap them must still take it.
async function tap(page, label) {
  const it = await reveal(page, label);
  const since = await page.frames();
  await page.evaluate(`(() => {
    const c = document.getElementById('canvas');
    const at = { clientX: ${it.x + it.w / 2}, clientY: ${it.y + it.h / 2}, bubbles: true, cancelable: true, button: 0 };
    c.dispatchEvent(new MouseEvent('mousemove', at));
    c.dispatchEvent(new MouseEvent('mousedown', { ...at, buttons: 1 }));
    c.dispatchEvent(new MouseEvent('mouseup', at));
  })()`);
  await page.settle({ since });
}
async function reveal(page, label) {
  // Rects are clipped to their window: an item touching the bottom edge may be cut off, so it
  // counts as shown only with a margin; one seen at an edge is scrolled toward the middle.
  const shown = (it) => it && it.y >= 64 && it.y + it.h <= page.height - 24;
  for (const dy of [240, -240]) {
    for (let i = 0; i < 8; i++) {
      const it = await page.findItem(label);
      if (shown(it)) return it;
      const step = it ? (it.y + it.h > page.height - 24 ? 120 : -120) : dy;
      await wheel(page, page.width * 0.6, page.height * 0.6, step);
    }
  }
  return page.waitForItem(label);
}
async function click(page, label) {
  const it = await reveal(page, label);
  await page.click(it.x + it.w / 2, it.y + it.h / 2);
}
async function typeInto(page, label, text) {
  await reveal(page, label);
  await page.typeInto(label, text);
}

module.exports = { api, iso, us, plusDays, wheel, tap, reveal, click, typeInto };
