// The engine worker: runs ovacheck.wasm (the Go engine) and the pool of
// hash workers. The page sends it the compiled WebAssembly module once, then
// "check" and "cancel" messages; the Go side posts "ready", "structural",
// "progress", "done", "cancelled" and "error" messages back. This worker
// adds "member-progress" messages from the hash pool.
//
// The offline page runs this file from a blob: URL with wasm_exec.js and
// hash-pool.js prepended, and sends the hash worker's source along with the
// module; served, it loads them beside itself.
// Started from a blob: URL by a page of another origin, it finds its
// files at self.ovacheckBase.
const here = self.ovacheckBase || self.location.href;
if (typeof Go === "undefined") importScripts(new URL("wasm_exec.js", here).href, new URL("hash-pool.js", here).href);

const poolSize = Math.max(1, Math.min(navigator.hardwareConcurrency || 2, 16));
let pool = null;
let currentCheck = 0;
const waiting = [];

// The Go side calls ovacheckPool.digest(file, requests, onProgress).
self.ovacheckPool = {
  digest(blob, reqs, onProgress) {
    const check = currentCheck;
    let last = 0;
    return pool.digest(blob, reqs, onProgress, (member, done, size) => {
      const now = performance.now();
      if (done < size && now - last < 100) return;
      last = now;
      self.postMessage({ type: "member-progress", id: check, member, done, size });
    });
  },
};

self.onmessage = (event) => {
  const m = event.data;
  if (m.type === "module") {
    const url = hashWorkerURL(m.hashWorkerSource);
    pool = new HashPool(poolSize, url);
    // The workers hold the script now: a blob: URL is no longer needed.
    if (url.startsWith("blob:")) URL.revokeObjectURL(url);
    start(m.module);
    return;
  }
  if (m.type === "check") currentCheck = m.id;
  if (self.ovacheckHandle) self.ovacheckHandle(m);
  else waiting.push(m);
};

// hashWorkerURL returns the URL the hash workers start from: a blob: URL
// made from source when the page inlines it, else hash-worker.js here.
function hashWorkerURL(source) {
  if (source) return URL.createObjectURL(new Blob([source], { type: "text/javascript" }));
  return new URL("hash-worker.js", here).href;
}

async function start(module) {
  try {
    const go = new Go();
    const instance = await WebAssembly.instantiate(module, go.importObject);
    // main registers ovacheckHandle, posts "ready", then waits for ever;
    // if it ends, the engine crashed and the page must start a new worker.
    go.run(instance).then(() => self.postMessage({ type: "fatal", message: "the checker stopped unexpectedly" }));
    self.postMessage({ type: "pool", size: poolSize });
    while (waiting.length) self.ovacheckHandle(waiting.shift());
  } catch (err) {
    self.postMessage({ type: "fatal", message: String(err) });
  }
}
