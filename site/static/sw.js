// The service worker of the served site: it caches every asset of one
// build when it installs, so the validator (and the widget) work offline
// after the first visit. build/sitegen prepends self.ovacheckBuild =
// {version, assets}: the build's hash (of every asset's bytes) and the
// asset paths relative to this file. A new build has a new version: its
// worker installs a new cache, takes over, and deletes the old one.
const build = self.ovacheckBuild || { version: "dev", assets: [] };
const cacheName = `ovacheck-${build.version}`;

// precached are the assets the checker needs to work offline: not the rule
// pages, the demo or the 17 MB offline page, which are cached when first
// visited.
const precached = build.assets.filter((a) => !/^(rules|demo)\//.test(a) && a !== "ovacheck-offline.html");
const known = new Set(build.assets.map((a) => new URL(pageURL(a), self.location.href).href));

self.addEventListener("install", (event) => {
  event.waitUntil((async () => {
    const cache = await caches.open(cacheName);
    // cache: "no-cache" revalidates each file with the server: a file the
    // page has just loaded (the 12 MB engine above all) comes back as
    // "304 Not Modified" from the browser's HTTP cache instead of a second
    // download, and a new version never stores an old file.
    await cache.addAll(precached.map((a) => new Request(pageURL(a), { cache: "no-cache" })));
    await self.skipWaiting();
  })());
});

self.addEventListener("activate", (event) => {
  event.waitUntil((async () => {
    for (const name of await caches.keys()) {
      if (name.startsWith("ovacheck-") && name !== cacheName) await caches.delete(name);
    }
    await self.clients.claim();
  })());
});

// pageURL names a folder's index.html by the folder: servers (Go's file
// server among them) redirect ".../index.html" to ".../", and a redirected
// response cannot answer a navigation.
function pageURL(path) {
  return path === "index.html" ? "./" : path.replace(/\/index\.html$/, "/");
}

// Requests for this build's assets are answered from the cache; anything
// else (a file outside the build) goes to the network as usual.
self.addEventListener("fetch", (event) => {
  const req = event.request;
  if (req.method !== "GET") return;
  const url = new URL(req.url);
  if (url.origin !== self.location.origin) return;
  url.pathname = url.pathname.replace(/\/index\.html$/, "/");
  url.search = "";
  url.hash = "";
  event.respondWith((async () => {
    const cache = await caches.open(cacheName);
    const hit = await cache.match(url.href);
    if (hit) return hit;
    const res = await fetch(req);
    // Another page of this build (a rule page) is kept for offline use.
    if (res.ok && known.has(url.href)) await cache.put(url.href, res.clone());
    return res;
  })());
});
