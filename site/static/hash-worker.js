// A hash worker: computes SHA-1, SHA-256 and SHA-512 digests of byte ranges
// of a File with hash-wasm, reading each range once through
// Blob.slice().stream(). A "pass" reads one range and feeds every target
// range inside it (e.g. a member while the whole file is hashed), so no
// byte is read twice by the same worker.
//
// A classic worker: served, it loads hash-wasm's SHA-1, SHA-256 and SHA-512
// builds (hash-wasm.umd.js, which define the global hashwasm); the offline
// page runs it from a blob: URL with that file prepended.
if (typeof hashwasm === "undefined") importScripts(new URL("hash-wasm.umd.js", self.ovacheckBase || self.location.href).href);

const makers = { sha1: hashwasm.createSHA1, sha256: hashwasm.createSHA256, sha512: hashwasm.createSHA512 };
const aborted = new Set();
// Progress four times a second, like the page's (wasm/browser's
// progressEvery): each report is a message and a call into the engine.
const reportEveryMs = 250;

self.onmessage = async (event) => {
  const m = event.data;
  if (m.abort !== undefined) {
    aborted.add(m.abort);
    return;
  }
  try {
    const results = {};
    for (const pass of m.passes) {
      const done = await runPass(m.job, m.blob, pass, results);
      if (!done) {
        self.postMessage({ job: m.job, aborted: true });
        return;
      }
    }
    self.postMessage({ job: m.job, results });
  } catch (err) {
    self.postMessage({ job: m.job, error: String(err && err.message ? err.message : err) });
  } finally {
    aborted.delete(m.job);
  }
};

// runPass hashes one pass into results; it returns false when aborted.
async function runPass(job, blob, pass, results) {
  const targets = [];
  for (const t of pass.targets) {
    const hashers = [];
    for (const alg of t.algorithms) {
      const make = makers[alg];
      if (!make) continue;
      const h = await make();
      h.init();
      hashers.push([alg, h]);
    }
    targets.push({ key: t.key, start: t.offset, end: t.offset + t.size, hashers, unreported: 0 });
  }
  const end = pass.offset + pass.size;
  const reader = blob.slice(pass.offset, end).stream().getReader();
  let pos = pass.offset;
  let lastReport = performance.now();
  const report = () => {
    const progress = [];
    for (const t of targets) {
      if (t.unreported > 0) {
        progress.push([t.key, t.unreported]);
        t.unreported = 0;
      }
    }
    if (progress.length) self.postMessage({ job, progress });
    lastReport = performance.now();
  };
  for (;;) {
    if (aborted.has(job)) {
      await reader.cancel().catch(() => {});
      return false;
    }
    const { done, value } = await reader.read();
    if (done) break;
    const chunkEnd = pos + value.length;
    for (const t of targets) {
      const a = Math.max(pos, t.start);
      const b = Math.min(chunkEnd, t.end);
      if (a < b) {
        const part = value.subarray(a - pos, b - pos);
        for (const [, h] of t.hashers) h.update(part);
        t.unreported += b - a;
      }
    }
    pos = chunkEnd;
    if (performance.now() - lastReport >= reportEveryMs) report();
  }
  report();
  if (pos !== end) throw new Error(`the file ended after ${pos} bytes, ${end} expected`);
  for (const t of targets) {
    const d = {};
    for (const [alg, h] of t.hashers) d[alg] = h.digest("hex");
    results[t.key] = d;
  }
  return true;
}
