// Evaluated in the validator page once it is ready. It watches the page as
// a user meets it: t0 when a file is chosen (the input's change event,
// caught before the page's own handler), tS when the structural verdict
// (or the final one, if it comes first) enters the report, tEnd when the
// final verdict does (the banner with data-verdict, the signal the e2e
// tests wait for); tH when the progress bar first shows all bytes hashed
// (data-progress="1.0000" on #progress-box), which splits the time after
// the structural verdict into hashing and the final report. It keeps the chosen File objects (the page empties
// the input once it has them) for the reference to hash.
(() => {
  const bench = { t0: 0, tS: 0, tH: 0, tEnd: 0, files: {} };
  window.bench = bench;
  // waitEnd resolves once the final verdict is in: the bench awaits it
  // instead of polling, which would cost the page's thread during the
  // check and not during the reference.
  let endNow = () => {};
  bench.waitEnd = () => bench.tEnd > 0 ? Promise.resolve(true) : new Promise((resolve) => { endNow = resolve; });
  document.addEventListener("change", (e) => {
    if (e.target.id !== "file") return;
    bench.t0 = performance.now();
    bench.tS = 0;
    bench.tH = 0;
    bench.tEnd = 0;
    for (const f of e.target.files) bench.files[f.name] = f;
  }, true);
  const report = document.getElementById("report");
  new MutationObserver(() => {
    if (!bench.t0) return;
    const now = performance.now();
    if (!bench.tS && report.querySelector("[data-structural-verdict], [data-verdict]")) bench.tS = now;
    if (!bench.tEnd && report.querySelector("[data-verdict]")) {
      bench.tEnd = now;
      endNow(true);
    }
  }).observe(report, { childList: true, subtree: true });
  const box = document.getElementById("progress-box");
  if (box) {
    new MutationObserver(() => {
      if (bench.t0 && !bench.tH && !bench.tEnd && box.dataset.progress === "1.0000") bench.tH = performance.now();
    }).observe(box, { attributes: true, attributeFilter: ["data-progress"] });
  }
  return true;
})()
