// The one module that talks to the engine worker, shared by the validator
// page (app.js), the <ova-verify> widget (ova-verify.js) and the offline
// page. It compiles ovacheck.wasm once, starts one engine worker (which
// starts the hash workers) and runs checks one at a time; a new check
// cancels the one running. Everything a check reports arrives as callbacks.
//
// Assets come from one of two places: files served beside this module
// (the site, the widget; from the page's origin or, with CORS, another),
// or sources inlined into the page
// (ovacheck-offline.html sets globalThis.ovacheckInline before this code
// runs; see build/sitegen).
//
// This file is also inlined into the offline page by removing the word
// "export" at the start of lines: keep every top-level name prefixed with
// "engine" or "Engine" so it cannot clash with the page's own.

// engineInline returns the assets the offline page inlines
// (globalThis.ovacheckInline), or null on any other page. Only a plain
// object whose members are functions counts: a page that shows its users'
// markup may hold elements named or id'd "ovacheckInline", which the
// browser also exposes as globals (DOM clobbering), and they must not turn
// the widget on that page into a broken offline copy.
export function engineInline() {
  const inline = globalThis.ovacheckInline;
  if (!inline || typeof inline !== "object" || Object.getPrototypeOf(inline) !== Object.prototype) return null;
  return ["wasm", "engineWorker", "hashWorker"].every((k) => typeof inline[k] === "function") ? inline : null;
}

// engineWorkerFromBlob starts a worker from source text through a blob:
// URL, revoked once the worker holds it so that restarts leak nothing.
function engineWorkerFromBlob(source, options) {
  const url = URL.createObjectURL(new Blob([source], { type: "text/javascript" }));
  try {
    return new Worker(url, options);
  } finally {
    URL.revokeObjectURL(url);
  }
}

// engineAssets says where the wasm and the workers come from. base is the
// URL of the directory holding ovacheck.wasm and engine-worker.js.
function engineAssets(base) {
  const inline = engineInline();
  if (inline) {
    return {
      inline: true,
      // The worker decodes and compiles it, off the page's thread.
      wasm() { return { wasmBase64: inline.wasm() }; },
      worker() {
        return engineWorkerFromBlob(inline.engineWorker());
      },
      hashWorkerSource: inline.hashWorker(),
    };
  }
  const wasmURL = new URL("ovacheck.wasm", base).href;
  // A widget loaded from another origin cannot start workers from there:
  // it starts them from blob: URLs that import the scripts (classic
  // importScripts may cross origins), telling them where the rest lives.
  const crossOrigin = new URL(base).origin !== self.location.origin;
  const bootstrap = (script) =>
    `self.ovacheckBase = ${JSON.stringify(base)}; importScripts(${JSON.stringify(new URL(script, base).href)});`;
  return {
    inline: false,
    // The worker fetches it with streaming compilation, off the page's
    // thread.
    wasm() { return { wasmURL }; },
    // The first worker is named "fetch-engine": it starts downloading the
    // engine before it loads its own scripts (engine-worker.js). Later
    // ones get the compiled module and fetch nothing.
    worker(first) {
      const options = first ? { name: "fetch-engine" } : undefined;
      return crossOrigin ? engineWorkerFromBlob(bootstrap("engine-worker.js"), options) : new Worker(new URL("engine-worker.js", base), options);
    },
    hashWorkerSource: crossOrigin ? bootstrap("hash-worker.js") : "",
  };
}

// EngineClient owns the engine worker. ready resolves once the engine has
// started; check() runs one check.
export class EngineClient {
  constructor(base) {
    this.assets = engineAssets(base);
    this.module = null;
    this.worker = null;
    this.current = null; // the running check: {id, handlers, cancelTimer}
    this.seq = 0;
    this.onLoading = null; // called with the engine's bytes received so far
    this.ready = this.start();
    this.ready.catch(() => {});
  }

  // start creates the engine worker, which compiles the wasm (the first
  // time; it hands the compiled module back, and later workers get that
  // module, so a restart fetches nothing); it resolves when the Go side
  // says it is ready.
  start() {
    const worker = this.assets.worker(!this.module);
    this.worker = worker;
    return new Promise((resolve, reject) => {
      worker.onmessage = (e) => {
        const m = e.data;
        if (m.type === "ready") { resolve(); return; }
        if (m.type === "compiled") { this.module = m.module; return; }
        if (m.type === "loading") { if (this.onLoading) this.onLoading(m.done); return; }
        if (m.type === "fatal") {
          reject(new Error(m.message));
          this.finish({ type: "error", id: this.current && this.current.id,
            message: `The check failed: ${m.message}. Please report this package to the ovacheck project.` });
          worker.terminate();
          this.ready = this.start();
          this.ready.catch(() => {});
          return;
        }
        this.receive(m);
      };
      worker.onerror = (e) => reject(new Error(e.message || "the engine worker failed"));
      const wasm = this.module ? { module: this.module } : this.assets.wasm();
      worker.postMessage({ type: "module", ...wasm, hashWorkerSource: this.assets.hashWorkerSource });
    });
  }

  // check runs a check of files (File objects; paths are their relative
  // paths, or their names). options: {expected: {sha256|sha512: hex},
  // signerPin, policy (JSON text), targets: [], wholeFile (default true),
  // ruleBase, profile}. handlers: onStructural({html, verdict}),
  // onProgress({phase, member, done, total}), onMember({member, done,
  // size}), onDone({html, json, verdict}), onCancelled(), onError({message}).
  // It returns a handle whose cancel() stops the check.
  check(files, paths, options, handlers) {
    if (this.current) this.cancel();
    const id = ++this.seq;
    const run = { id, handlers, cancelTimer: 0 };
    this.current = run;
    this.ready.then(() => {
      if (this.current !== run) return;
      this.worker.postMessage({ type: "check", id, files: Array.from(files), paths: paths || Array.from(files, (f) => f.name), options: options || {} });
    }, (err) => {
      if (this.current === run) this.finish({ type: "error", id, message: `The checker could not start: ${err.message}` });
    });
    return { id, cancel: () => { if (this.current === run) this.cancel(); } };
  }

  // cancel stops the running check: the engine cancels cooperatively; if
  // it does not answer within two seconds the worker is replaced.
  cancel() {
    const run = this.current;
    if (!run) return;
    this.current = null;
    this.worker.postMessage({ type: "cancel", id: run.id });
    const worker = this.worker;
    run.cancelTimer = setTimeout(() => {
      if (this.worker === worker && !this.current) {
        worker.terminate();
        this.ready = this.start();
        this.ready.catch(() => {});
      }
    }, 2000);
    this.pendingCancel = run;
  }

  // finish ends the current check with a final message.
  finish(m) {
    const run = this.current;
    if (!run || (m.id !== undefined && m.id !== run.id)) return;
    this.current = null;
    const h = run.handlers || {};
    if (m.type === "done" && h.onDone) h.onDone(m);
    if (m.type === "error" && h.onError) h.onError(m);
    if (m.type === "cancelled" && h.onCancelled) h.onCancelled(m);
  }

  receive(m) {
    if (m.type === "log") {
      // An element named "ovacheckLog" on the page is no log.
      if (!Array.isArray(globalThis.ovacheckLog)) globalThis.ovacheckLog = [];
      globalThis.ovacheckLog.push(m.message);
      return;
    }
    if (m.type === "pool") return;
    if (this.pendingCancel && m.id === this.pendingCancel.id && (m.type === "cancelled" || m.type === "done" || m.type === "error")) {
      clearTimeout(this.pendingCancel.cancelTimer);
      const h = this.pendingCancel.handlers || {};
      this.pendingCancel = null;
      if (h.onCancelled) h.onCancelled(m);
      return;
    }
    const run = this.current;
    if (!run || m.id !== run.id) return;
    const h = run.handlers || {};
    switch (m.type) {
      case "structural": if (h.onStructural) h.onStructural(m); break;
      case "progress": if (h.onProgress) h.onProgress(m); break;
      case "member-progress": if (h.onMember) h.onMember(m); break;
      default: this.finish(m);
    }
  }
}

// engineShared maps a base URL to its EngineClient, so that a page with
// several widgets (or a widget on the validator page) starts one engine.
const engineShared = new Map();

// getEngine returns the EngineClient for the assets at base (default: the
// directory of this module).
export function getEngine(base) {
  const key = new URL(base || ".", import.meta.url).href;
  let c = engineShared.get(key);
  if (!c) {
    c = new EngineClient(key);
    engineShared.set(key, c);
  }
  return c;
}
