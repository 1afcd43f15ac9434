// Wayfinder's service worker: precaches exactly the files of this release (the list is
// written by `cargo xtask dist`) and serves them cache-first, so the app opens with no
// network. It never touches localStorage and never fetches from another origin.
const VERSION = "__WAYFINDER_VERSION__";
const FILES = __WAYFINDER_FILES__;
const CACHE = "wayfinder-" + VERSION;

function url(path) {
  return new URL(path, self.registration.scope).href;
}

self.addEventListener("install", (event) => {
  event.waitUntil(
    caches.open(CACHE).then((cache) => cache.addAll(FILES.map(url)))
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) =>
        Promise.all(
          keys
            .filter((k) => k.startsWith("wayfinder-") && k !== CACHE)
            .map((k) => caches.delete(k))
        )
      )
      .then(() => self.clients.claim())
  );
});

// The page asks the waiting worker to take over only when the user chose to reload.
self.addEventListener("message", (event) => {
  if (event.data && event.data.type === "skip-waiting") {
    self.skipWaiting();
  }
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET" || !request.url.startsWith(self.registration.scope)) {
    return;
  }
  if (request.mode === "navigate") {
    // Every page of the app is the same shell.
    event.respondWith(
      caches
        .match(url("index.html"), { cacheName: CACHE })
        .then((hit) => hit || fetch(request))
    );
    return;
  }
  event.respondWith(
    caches.match(request, { cacheName: CACHE }).then((hit) => hit || fetch(request))
  );
});
