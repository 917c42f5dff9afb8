// Bastion's placeholder service worker, copied by trunk into every build, the dev server's included.
// It answers no request (it has no fetch handler), so nothing is ever served from a stale cache: it only takes over
// from a release worker that may still be registered for this origin and deletes that worker's caches.
// `cargo xtask dist` replaces this file with the Workbox worker that precaches the build (see xtask/src/pwa.rs).
self.addEventListener('install', () => self.skipWaiting());
self.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      const names = await caches.keys();
      await Promise.all(names.filter((name) => name.startsWith('bastion-')).map((name) => caches.delete(name)));
      await self.clients.claim();
    })(),
  );
});
