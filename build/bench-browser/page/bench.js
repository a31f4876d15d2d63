// The benchmark page's functions, called by build/bench-browser. They use
// the site's own engine client (the same engine and hash workers as the
// validator) and, for reference, hash-wasm alone in one worker.
import { getEngine } from "/engine-client.js";

const engine = getEngine("/");
const file = (i) => document.getElementById("f").files[i];

window.benchReady = () => engine.ready.then(() => true);

// benchOvacheck checks file i and times the structural verdict (from the
// call) and the digest phase (from the structural verdict to the end).
window.benchOvacheck = (i, wholeFile) => new Promise((resolve, reject) => {
  const f = file(i);
  const t0 = performance.now();
  let tS = 0;
  let bytes = 0;
  let tFirst = 0;
  let tLast = 0;
  engine.check([f], [f.name], { wholeFile, ruleBase: "" }, {
    onStructural() { tS = performance.now(); },
    onProgress(m) {
      if (m.phase !== "digest" || !(m.total > 0)) return;
      bytes = m.total;
      if (!tFirst) tFirst = performance.now();
      if (m.done >= m.total && !tLast) tLast = performance.now();
    },
    onDone(m) {
      const end = performance.now();
      const r = JSON.parse(m.json);
      const mismatched = (r.files || []).filter((x) => x.manifest === "mismatch").map((x) => x.member);
      resolve({
        structuralMs: tS - t0, digestMs: end - tS, totalMs: end - t0, bytes, verdict: r.verdict, mismatched,
        startMs: tFirst - tS, hashMs: (tLast || end) - tFirst, reportMs: end - (tLast || end),
      });
    },
    onError(m) { reject(new Error(m.message)); },
    onCancelled() { reject(new Error("cancelled")); },
  });
});

// benchRaw hashes file i with hash-wasm's SHA-256 over Blob.stream() in one
// worker: the reference ovacheck's hashing is measured against.
window.benchRaw = (i) => new Promise((resolve, reject) => {
  const w = new Worker("raw-worker.js");
  w.onmessage = (e) => { w.terminate(); resolve(e.data); };
  w.onerror = (e) => { w.terminate(); reject(new Error(e.message || "raw worker failed")); };
  w.postMessage(file(i));
});

// benchRawPair hashes the two halves of file i in two raw workers at once:
// the machine's own two-worker speed-up, for reference.
window.benchRawPair = async (i) => {
  const f = file(i);
  const half = Math.floor(f.size / 2);
  const one = (msg) => new Promise((resolve, reject) => {
    const w = new Worker("raw-worker.js");
    w.onmessage = (e) => { w.terminate(); resolve(e.data); };
    w.onerror = (e) => { w.terminate(); reject(new Error(e.message || "raw worker failed")); };
    w.postMessage(msg);
  });
  const t0 = performance.now();
  await Promise.all([one({ blob: f, start: 0, end: half }), one({ blob: f, start: half, end: f.size })]);
  return { ms: performance.now() - t0, bytes: f.size, hex: "" };
};
