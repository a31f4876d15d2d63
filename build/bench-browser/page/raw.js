// Evaluated in the validator page: window.benchRaw(name, ranges) hashes
// each {offset, size} of the File of that name the page was given, each
// range in its own raw-worker.js, all at once. The workers are started and their hash-wasm
// loaded before the clock starts (the page's hash workers are started
// before any check, too); the time runs from posting the ranges to the
// last digest's arrival.
(() => {
  const startWorker = () => new Promise((resolve, reject) => {
    const w = new Worker("/bench/raw-worker.js");
    w.onmessage = (e) => { if (e.data.ready) resolve(w); };
    w.onerror = (e) => reject(new Error(e.message || "the reference worker did not start"));
  });
  window.benchRaw = async (name, ranges) => {
    const file = window.bench.files[name];
    if (!file) throw new Error(`the page was never given ${name}`);
    const workers = await Promise.all(ranges.map(startWorker));
    try {
      const t0 = performance.now();
      const parts = await Promise.all(ranges.map((r, i) => new Promise((resolve, reject) => {
        workers[i].onmessage = (e) => resolve(e.data);
        workers[i].onerror = (e) => reject(new Error(e.message || "the reference worker failed"));
        workers[i].postMessage({ blob: file, start: r.offset, end: r.offset + r.size });
      })));
      return { ms: performance.now() - t0, hex: parts.map((p) => p.hex), bytes: parts.reduce((n, p) => n + p.bytes, 0), chunk: parts[0].chunk };
    } finally {
      for (const w of workers) w.terminate();
    }
  };
  // benchPool does the same with the site's own hash-worker.js (the
  // page's hash workers, without the engine and the page around them), one
  // pass per range, after a pass over nothing has loaded their hash-wasm.
  const poolJob = (w, job, blob, ranges) => new Promise((resolve, reject) => {
    w.onmessage = (e) => {
      if (e.data.job !== job || e.data.progress) return;
      if (e.data.error) reject(new Error(e.data.error));
      else resolve(e.data.results);
    };
    w.postMessage({ job, blob, passes: ranges.map((r) => ({ offset: r.offset, size: r.size, targets: [{ key: 0, offset: r.offset, size: r.size, algorithms: ["sha256"] }] })) });
  });
  window.benchPool = async (name, ranges) => {
    const file = window.bench.files[name];
    if (!file) throw new Error(`the page was never given ${name}`);
    const workers = ranges.map(() => new Worker("/hash-worker.js"));
    try {
      await Promise.all(workers.map((w) => poolJob(w, 1, file, [{ offset: 0, size: 0 }])));
      const t0 = performance.now();
      const parts = await Promise.all(ranges.map((r, i) => poolJob(workers[i], 2, file, [r])));
      return { ms: performance.now() - t0, hex: parts.map((p) => p[0].sha256), bytes: 0, chunk: 0 };
    } finally {
      for (const w of workers) w.terminate();
    }
  };
  return true;
})()
