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
// The page's first engine worker, named "fetch-engine", starts the engine's
// download here, before loading its own scripts: on a first visit that
// download is what the checker waits for. compile takes it over. (Only a
// served worker is named: the offline page's runs from a blob: URL, which
// no relative URL can be resolved against.)
let earlyWasmURL = "";
let earlyWasm = null;
if (self.name === "fetch-engine") {
  earlyWasmURL = new URL("ovacheck.wasm", here).href;
  earlyWasm = fetch(earlyWasmURL).catch(() => null);
}
if (typeof Go === "undefined") importScripts(new URL("wasm_exec.js", here).href, new URL("hash-pool.js", here).href);

// What the engine writes to console.error in this worker (Go's runtime
// reports a JS call to a released Go function there) also reaches the
// page's window.ovacheckLog, where tests and bug reports can see it.
const workerConsoleError = console.error.bind(console);
console.error = (...args) => {
  workerConsoleError(...args);
  self.postMessage({ type: "log", message: args.map(String).join(" ") });
};

const poolSize = Math.max(1, Math.min(navigator.hardwareConcurrency || 2, 16));
let pool = null;
let currentCheck = 0;
const waiting = [];

// Member progress goes to the page four times a second at most, like the
// rest of the progress (wasm/browser's progressEvery).
const memberProgressEveryMs = 250;

// The Go side calls ovacheckPool.digest(file, requests, onProgress).
self.ovacheckPool = {
  digest(blob, reqs, onProgress) {
    const check = currentCheck;
    let last = 0;
    return pool.digest(blob, reqs, onProgress, (member, done, size) => {
      const now = performance.now();
      if (done < size && now - last < memberProgressEveryMs) return;
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
    start(m);
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

// compile returns the engine's compiled module: the one the page sent, or
// compiled here from the wasm's URL (streaming: compilation runs while the
// bytes arrive) or from the inlined base64.
async function compile(m) {
  if (m.module) return m.module;
  if (m.wasmURL) {
    try {
      const early = m.wasmURL === earlyWasmURL && earlyWasm ? await earlyWasm : null;
      return await WebAssembly.compileStreaming(counted(early || await fetch(m.wasmURL)));
    } catch {
      // A server that sends another Content-Type defeats streaming.
      return WebAssembly.compile(await (await fetch(m.wasmURL)).arrayBuffer());
    }
  }
  const text = atob(m.wasmBase64);
  const bytes = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);
  return WebAssembly.compile(bytes);
}

// counted passes a response on while telling the page how many of its
// bytes have arrived ("loading" messages, at most one per 256 KiB), so the
// page can show the engine loading.
function counted(res) {
  if (!res.ok || !res.body || typeof TransformStream === "undefined") return res;
  let got = 0;
  let told = 0;
  const body = res.body.pipeThrough(new TransformStream({
    transform(chunk, out) {
      got += chunk.byteLength;
      if (got - told >= 256 << 10) {
        told = got;
        self.postMessage({ type: "loading", done: got });
      }
      out.enqueue(chunk);
    },
  }));
  return new Response(body, { status: res.status, headers: { "Content-Type": "application/wasm" } });
}

async function start(m) {
  try {
    const module = await compile(m);
    if (!m.module) self.postMessage({ type: "compiled", module });
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
