'use strict';
// A loopback TCP proxy in front of the server that a test can take offline: WebKitWebDriver has
// no network emulation, so in WebKit "offline" is this link cut (TOOLCHAIN.md: stopping the
// server, or a loopback proxy the test controls). Cut, it closes every open connection and
// refuses new ones as they arrive, the way a dropped network fails a browser's requests.
// The server checks Host and Origin, so it must be told the proxy's origin: start the proxy
// first, give its url to the server (--public-origin), then point the proxy at the server.
const net = require('node:net');
const { addCleanup } = require('./util');

/**
 * startProxy([targetUrl]) -> {url, setTarget(url), setOffline(bool), stop()}: the page loads `url`
 * instead of the server's. Connections before a target is set are refused.
 */
async function startProxy(targetUrl) {
  let target = targetUrl ? new URL(targetUrl) : null;
  const sockets = new Set();
  let offline = false;
  const server = net.createServer((client) => {
    if (offline || !target) { client.destroy(); return; }
    const upstream = net.connect(Number(target.port), target.hostname);
    for (const s of [client, upstream]) {
      sockets.add(s);
      s.on('close', () => sockets.delete(s));
      s.on('error', () => { client.destroy(); upstream.destroy(); });
    }
    client.pipe(upstream);
    upstream.pipe(client);
  });
  await new Promise((resolve, reject) => { server.once('error', reject); server.listen(0, '127.0.0.1', resolve); });
  const url = `http://127.0.0.1:${server.address().port}`;
  const stop = async () => {
    remove();
    for (const s of sockets) s.destroy();
    await new Promise((resolve) => server.close(resolve));
  };
  const remove = addCleanup(stop);
  return {
    url,
    setTarget(to) { target = new URL(to); },
    /** Cut (true) or restore (false) the link; returns true, like Page.setOffline when it applied. */
    setOffline(value) {
      offline = !!value;
      if (offline) for (const s of sockets) s.destroy();
      return true;
    },
    stop,
  };
}

module.exports = { startProxy };
