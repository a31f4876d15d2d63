// The hash-worker pool of the engine worker (a classic worker script, so
// this file defines globals instead of exporting). planPasses splits digest
// requests over the workers; HashPool runs them.

// planPasses assigns each request to one of n workers, balancing the bytes
// each must hash. A request that lies inside a larger one (a member inside
// the whole file) may ride along in the larger one's pass, hashed from the
// same bytes, when that keeps the load even. It returns, per worker, a list
// of passes {offset, size, targets: [{key, offset, size, algorithms}]}.
function planPasses(reqs, n) {
  const load = new Array(n).fill(0);
  const plan = Array.from({ length: n }, () => []);
  const order = reqs.map((r, i) => ({ ...r, key: i })).sort((a, b) => b.size - a.size || a.key - b.key);
  const placed = []; // {pass, worker, start, end}
  const target = (r) => ({ key: r.key, offset: r.offset, size: r.size, algorithms: r.algorithms });
  const cost = (r) => Math.max(r.size, 1) * Math.max(r.algorithms.length, 1);
  const leastLoaded = () => load.indexOf(Math.min(...load));
  for (const r of order) {
    const container = placed.find((p) => p.start <= r.offset && r.offset + r.size <= p.end);
    const w = leastLoaded();
    if (container && load[container.worker] <= load[w] + cost(r) * 0.25) {
      container.pass.targets.push(target(r));
      load[container.worker] += cost(r);
      continue;
    }
    const pass = { offset: r.offset, size: r.size, targets: [target(r)] };
    plan[w].push(pass);
    load[w] += cost(r);
    placed.push({ pass, worker: w, start: r.offset, end: r.offset + r.size });
  }
  return plan;
}

// HashPool keeps n workers running hash-worker.js (from url), started
// before any check so that a check loads nothing.
class HashPool {
  constructor(n, url) {
    this.workers = [];
    this.jobs = new Map();
    this.seq = 0;
    for (let i = 0; i < n; i++) {
      const w = new Worker(url);
      w.onmessage = (e) => this.receive(e.data);
      w.onerror = (e) => {
        this.broken = `a hash worker failed: ${e.message || "it could not start"}`;
        this.failAll(this.broken);
      };
      this.workers.push(w);
    }
  }

  // digest hashes reqs ({member, offset, size, algorithms}) of blob. It
  // returns {promise, abort}; the promise gives one {alg: hex} per request.
  // onProgress(n) receives bytes hashed; onMember(member, done, size)
  // per-member progress.
  digest(blob, reqs, onProgress, onMember) {
    const id = ++this.seq;
    if (this.broken) return { promise: Promise.reject(new Error(this.broken)), abort() {} };
    const plan = planPasses(reqs, this.workers.length);
    const job = {
      reqs, results: reqs.map(() => ({})), remaining: 0, onProgress, onMember,
      done: reqs.map(() => 0), resolve: null, reject: null,
    };
    const promise = new Promise((resolve, reject) => { job.resolve = resolve; job.reject = reject; });
    plan.forEach((passes, w) => {
      if (passes.length === 0) return;
      job.remaining++;
      this.workers[w].postMessage({ job: id, blob, passes });
    });
    if (job.remaining === 0) job.resolve(job.results);
    else this.jobs.set(id, job);
    const abort = () => {
      if (!this.jobs.has(id)) return;
      this.jobs.delete(id);
      for (const w of this.workers) w.postMessage({ abort: id });
      job.reject(new Error("cancelled"));
    };
    return { promise, abort };
  }

  receive(m) {
    const job = this.jobs.get(m.job);
    if (!job) return;
    if (m.progress) {
      let n = 0;
      for (const [key, bytes] of m.progress) {
        n += bytes;
        job.done[key] += bytes;
        const r = job.reqs[key];
        if (job.onMember) job.onMember(r.member, job.done[key], r.size);
      }
      if (job.onProgress) job.onProgress(n);
      return;
    }
    if (m.error || m.aborted) {
      this.jobs.delete(m.job);
      job.reject(new Error(m.error || "cancelled"));
      return;
    }
    for (const key of Object.keys(m.results)) job.results[key] = m.results[key];
    if (--job.remaining === 0) {
      this.jobs.delete(m.job);
      job.resolve(job.results);
    }
  }

  failAll(message) {
    for (const [id, job] of this.jobs) {
      this.jobs.delete(id);
      job.reject(new Error(message));
    }
  }
}
