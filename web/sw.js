// Waypoint's service worker: keeps the app's own files (page, scripts, styles, wasm) so the app
// opens when the network is down. Network first: a new build is used as soon as the server is
// reachable, and the cache answers only when it is not. The API is never cached or touched here:
// client data stays out of the browser's cache.
'use strict';
const CACHE = 'waypoint-app-v1';
const APP_FILES = ['./', 'index.html', 'boot.js', 'glue.js', 'app.css', 'waypoint.js', 'waypoint.wasm'];

self.addEventListener('install', (event) => {
  event.waitUntil(caches.open(CACHE).then((cache) => cache.addAll(APP_FILES)).then(() => self.skipWaiting()));
});

self.addEventListener('activate', (event) => {
  event.waitUntil(caches.keys()
    .then((keys) => Promise.all(keys.filter((key) => key !== CACHE).map((key) => caches.delete(key))))
    .then(() => self.clients.claim()));
});

self.addEventListener('fetch', (event) => {
  const url = new URL(event.request.url);
  if (event.request.method !== 'GET' || url.origin !== self.location.origin || url.pathname.startsWith('/api/')) return;
  event.respondWith(fetch(event.request)
    .then((response) => {
      if (response.ok && response.type === 'basic') {
        const copy = response.clone();
        caches.open(CACHE).then((cache) => cache.put(event.request, copy));
      }
      return response;
    })
    .catch(() => caches.match(event.request, { ignoreSearch: true })
      .then((cached) => cached || caches.match('index.html'))));
});
