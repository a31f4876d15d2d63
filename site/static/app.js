// The validator page (served, and inlined into the offline page). The
// engine client (engine-client.js) compiles ovacheck.wasm once and starts
// the engine worker (which starts the hash workers) before any file is
// chosen; a check then only exchanges messages with it and makes no network
// request.
// Package strings reach the page only inside the report HTML rendered (and
// escaped) by the Go templ component, or through textContent.

import { engineInline, getEngine } from "./engine-client.js";

const $ = (id) => document.getElementById(id);
const input = $("file");
const drop = $("drop");
const status = $("status");
const phase = $("phase");
const bar = $("progress");
const barBox = $("progress-box");
const rate = $("rate");
const membersList = $("members");
const reportArea = $("report");
const messageBox = $("message");
const cancelButton = $("cancel");
const announcer = $("announce");
const engineState = $("engine-state");
const statusHome = status.parentNode; // where the progress sits before a verdict
const statusNext = status.nextSibling;

const engine = getEngine(".");
engine.onLoading = (n) => {
  if (engineState && !document.body.dataset.ready) engineState.textContent = `Loading the checker… ${formatBytes(n)} of the engine received`;
};
let current = null; // the running check's handle
let running = false;
let speed = { t0: 0, done: 0, lastT: 0, lastDone: 0, rate: 0 };
const memberRows = new Map();
let lastChoice = null; // {files, paths} of the last check, for "check again"
let inputBytes = 0; // the bytes of the chosen files, counted once
let swWanted = false; // the service worker waits until no check runs

// announce writes text into the page's one live region (present since the
// page loaded, so screen readers read what changes in it).
function announce(text) {
  announcer.textContent = text;
}

// showVerdict brings the report's banner into view and focuses it.
function showVerdict() {
  const banner = reportArea.querySelector(".banner");
  if (!banner) return;
  banner.focus({ preventScroll: true });
  banner.scrollIntoView({ block: "start", behavior: "auto" });
}

// verdictText is the banner's headline and counts, e.g. "Failed, 1 error".
function verdictText() {
  const h = reportArea.querySelector(".banner .verdict");
  const c = reportArea.querySelector(".banner .counts");
  return [h && h.textContent.trim(), c && c.textContent.trim()].filter(Boolean).join(", ");
}

// homeStatus puts the progress card back above the report area.
function homeStatus() {
  if (status.parentNode !== statusHome) statusHome.insertBefore(status, statusNext);
}

function showMessage(text) {
  messageBox.textContent = text;
  messageBox.hidden = !text;
}

function setProgress(fraction) {
  const f = Math.max(0, Math.min(1, fraction));
  bar.value = f;
  const percent = `${Math.round(f * 100)}%`;
  if (bar.textContent !== percent) bar.textContent = percent;
  barBox.dataset.progress = f.toFixed(4);
}

// formatBytes uses binary units, like the report.
function formatBytes(n) {
  const units = ["bytes", "KiB", "MiB", "GiB", "TiB"];
  let i = 0;
  while (n >= 1024 && i < units.length - 1) { n /= 1024; i++; }
  return `${i === 0 ? Math.round(n) : n.toFixed(1)} ${units[i]}`;
}

function formatDuration(s) {
  if (!isFinite(s) || s < 0) return "";
  if (s < 60) return `${Math.ceil(s)} s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m} min ${Math.round(s % 60)} s`;
  return `${Math.floor(m / 60)} h ${m % 60} min`;
}

async function boot() {
  // The last report comes back at once: it needs no engine, which can take
  // seconds to compile on a slow machine.
  restoreReport();
  try {
    await engine.ready;
    document.body.dataset.ready = "true";
    // The line stays, so that nothing below it moves.
    if (engineState) engineState.textContent = "The checker is ready.";
  } catch (err) {
    if (engineState) engineState.hidden = true;
    showMessage(`The checker could not start: ${err.message}`);
  }
  swWanted = true;
  if (!running) registerServiceWorker();
}

// registerServiceWorker lets the served site work offline after the first
// visit (sw.js caches every asset of this build). The offline page, opened
// from disk, needs none.
// It is registered only while no check runs: registering fetches sw.js and
// installing fetches the build's assets, and a check makes no request.
function registerServiceWorker() {
  if (!swWanted) return;
  swWanted = false;
  if (engineInline() || !("serviceWorker" in navigator) || !/^https?:$/.test(location.protocol)) return;
  navigator.serviceWorker.register("sw.js").catch(() => {});
}

// userOptions reads the check options the user set on the page (empty
// ones are left out). They never leave the page.
function userOptions() {
  const value = (id) => document.getElementById(id)?.value.trim() ?? "";
  const o = { wholeFile: false };
  if (value("opt-profile")) o.profile = value("opt-profile");
  const targets = Array.from(document.querySelectorAll('#opt-targets input[name="target"]:checked'), (b) => b.value);
  if (targets.length) o.targets = targets;
  const sum = value("opt-sha256");
  if (sum) o.expected = { [sum.length === 128 ? "sha512" : "sha256"]: sum };
  if (value("opt-pin")) o.signerPin = value("opt-pin");
  if (value("opt-roots")) o.trustRoots = value("opt-roots");
  if (value("opt-policy")) o.policy = value("opt-policy");
  return o;
}

// checksumProblem says what is wrong with the published checksum typed,
// or "" when it is empty or well-formed; it is shown beside the field.
function checksumProblem() {
  const box = $("opt-sha256");
  const err = $("opt-sha256-error");
  if (!box || !err) return "";
  const v = box.value.trim();
  const problem = v && !/^([0-9a-fA-F]{64}|[0-9a-fA-F]{128})$/.test(v)
    ? "A published checksum is 64 hex digits (SHA-256) or 128 (SHA-512)." : "";
  err.textContent = problem;
  err.hidden = !problem;
  box.setAttribute("aria-invalid", problem ? "true" : "false");
  return problem;
}

// check starts checking files (with their relative paths), cancelling any
// check still running.
function check(files, paths) {
  if (!files.length) return;
  clearOptionProblems();
  if (checksumProblem()) {
    $("options").open = true;
    $("opt-sha256").focus();
    return;
  }
  if (running) cancel(false);
  running = true;
  lastChoice = { files, paths };
  inputBytes = files.reduce((n, f) => n + f.size, 0);
  showMessage("");
  homeStatus();
  announce("Checking…");
  reportArea.replaceChildren();
  membersList.replaceChildren();
  memberRows.clear();
  delete reportArea.dataset.verdict;
  delete reportArea.dataset.restored;
  status.hidden = false;
  cancelButton.disabled = false;
  phase.textContent = `Reading ${files.length === 1 ? files[0].name : `${files.length} files`}…`;
  rate.textContent = "";
  setProgress(0);
  speed = { t0: 0, done: 0, lastT: 0, lastDone: 0, rate: 0 };
  membersList.hidden = false;
  cancelButton.hidden = false;
  const options = { ruleBase: engineInline() ? "" : "rules/", ...userOptions() };
  current = engine.check(files, paths, options, {
    onStructural(m) {
      reportArea.innerHTML = m.html; // rendered and escaped by site.Report
      addRuleDocs();
      phase.textContent = "Structure checked. Hashing the disks…";
      // The progress moves under the banner, which comes into view.
      const slot = reportArea.querySelector("[data-progress-slot]");
      if (slot) slot.append(status);
      showVerdict();
      announce(verdictText());
    },
    onProgress,
    onMember(m) { memberRow(m.member, m.size).value = m.done; },
    onDone(m) {
      running = false;
      reportArea.innerHTML = m.html; // rendered and escaped by site.Report
      reportArea.dataset.verdict = m.verdict;
      window.ovacheckReport = JSON.parse(m.json); // for embedders and tests
      addPrintHead(window.ovacheckReport, new Date());
      addRuleDocs();
      const took = speed.t0 ? ` · ${formatBytes(speed.hashed)} hashed in ${((performance.now() - speed.t0) / 1000).toFixed(1)} s` : "";
      const meta = reportArea.querySelector(".meta");
      if (meta && took) meta.append(took);
      offerDownload(m.json);
      addCopyButtons();
      offerAgain(!!options.expected);
      setProgress(1);
      // The progress folds away: the verdict is the answer.
      status.hidden = true;
      homeStatus();
      showVerdict();
      announce(verdictText());
      saveReport(m.html, m.json);
      registerServiceWorker();
    },
    onCancelled() {
      running = false;
      registerServiceWorker();
    },
    onError(m) {
      running = false;
      status.hidden = true;
      homeStatus();
      reportArea.replaceChildren();
      if (!optionProblem(m.option, m.message)) showMessage(m.message);
      announce(m.message);
      registerServiceWorker();
    },
  });
}

// optionFields are the page's fields of the option keys the engine may
// refuse (engine/settings checks every option; wasm/browser maps the
// page's names onto its keys).
const optionFields = {
  profile: "opt-profile", targets: "opt-targets", sha256: "opt-sha256", sha512: "opt-sha256",
  "signer-sha256": "opt-pin", "trust-roots": "opt-roots", policy: "opt-policy",
};

// optionProblem shows the engine's reason for refusing an option beside
// the field it was typed in, opens the options and focuses the field. It
// returns false when no field of the page holds the option.
function optionProblem(key, text) {
  const field = key ? $(optionFields[key]) : null;
  if (!field) return false;
  const id = `${field.id}-error`;
  let err = $(id);
  if (!err) {
    err = document.createElement("p");
    err.id = id;
    err.className = "field-error";
    err.dataset.optionError = "";
    err.style.gridColumn = "-2 / -1"; // under the field, beside no label
    field.after(err);
    const described = (field.getAttribute("aria-describedby") || "").split(" ").filter(Boolean);
    field.setAttribute("aria-describedby", [...described, id].join(" "));
  }
  err.textContent = text;
  err.hidden = false;
  field.setAttribute("aria-invalid", "true");
  $("options").open = true;
  field.focus();
  return true;
}

// clearOptionProblems hides the reasons optionProblem showed.
function clearOptionProblems() {
  for (const err of document.querySelectorAll("[data-option-error]")) {
    err.hidden = true;
    err.previousElementSibling?.setAttribute("aria-invalid", "false");
  }
}

// cancel stops the running check. Told to, it returns the page to a clean
// state: no progress, no half report, a note with "Check again".
function cancel(tell = true) {
  if (!running) return;
  running = false;
  current.cancel();
  if (!tell) return;
  status.hidden = true;
  homeStatus();
  reportArea.replaceChildren();
  const p = document.createElement("p");
  p.className = "cancelled";
  p.dataset.cancelled = "true";
  p.textContent = "Check cancelled. ";
  const again = document.createElement("button");
  again.type = "button";
  again.className = "button";
  again.textContent = "Check again";
  again.addEventListener("click", () => lastChoice && check(lastChoice.files, lastChoice.paths));
  p.append(again);
  reportArea.append(p);
  announce("Check cancelled.");
  again.focus();
  registerServiceWorker();
}

function memberRow(member, size) {
  let row = memberRows.get(member);
  if (!row) {
    const li = document.createElement("li");
    const name = document.createElement("code");
    name.textContent = member || "whole file";
    const p = document.createElement("progress");
    p.max = size || 1;
    p.setAttribute("aria-label", `Hashing ${member || "the whole file"}`);
    li.append(p, name);
    membersList.append(li);
    row = p;
    memberRows.set(member, row);
  }
  return row;
}

// The last report survives Back and reload in this tab: sessionStorage
// keeps the rendered report and its JSON (never any file content) and the
// page shows it again when it loads without a check.
const savedKey = "ovacheck-last-report";

function saveReport(html, json) {
  try {
    sessionStorage.setItem(savedKey, JSON.stringify({ html, json, at: new Date().toISOString() }));
  } catch {
    // Full or unavailable storage only loses the restore.
  }
}

function restoreReport() {
  if (running || reportArea.childElementCount) return;
  let saved = null;
  try {
    saved = JSON.parse(sessionStorage.getItem(savedKey) || "null");
  } catch {
    return;
  }
  if (!saved || typeof saved.html !== "string") return;
  reportArea.innerHTML = saved.html; // rendered and escaped by site.Report
  const r = JSON.parse(saved.json);
  reportArea.dataset.verdict = r.verdict;
  reportArea.dataset.restored = "true";
  window.ovacheckReport = r;
  const note = document.createElement("p");
  note.className = "restored-note";
  note.textContent = `The last report of this tab, from ${new Date(saved.at).toLocaleString()}.`;
  addPrintHead(r, new Date(saved.at));
  addRuleDocs();
  reportArea.prepend(note);
  offerDownload(saved.json);
  addCopyButtons();
}

// addPrintHead puts above the report the line a printed copy needs: the
// file, when it was checked and which ovacheck checked it. The style sheet
// shows it only in print (and in the downloaded HTML report).
function addPrintHead(r, at) {
  const head = document.createElement("p");
  head.className = "print-head";
  head.textContent = `${r.input.name} · checked ${at.toLocaleString()} · ${r.tool.name} ${r.tool.version}`;
  reportArea.prepend(head);
}

// addRuleDocs gives each finding a "Why" that opens its rule's explanation
// in place, on the offline page, which carries the explanations (in a
// template element) because it cannot link to the rule pages.
function addRuleDocs() {
  const docs = document.getElementById("ovacheck-rule-docs");
  if (!docs) return;
  for (const finding of reportArea.querySelectorAll("li.finding[data-rule]")) {
    const doc = docs.content.querySelector(`[data-rule-doc="${CSS.escape(finding.dataset.rule)}"]`);
    if (!doc || finding.querySelector(".why")) continue;
    const why = document.createElement("details");
    why.className = "why";
    const summary = document.createElement("summary");
    summary.textContent = `Why ${finding.dataset.rule} matters, and how to fix it`;
    why.append(summary, doc.cloneNode(true));
    finding.querySelector(".message").after(why);
  }
}

// offerAgain adds, after a check, a field to paste the published checksum
// (users often find it only now) and a button that checks the same files
// again with the options as they are now set.
function offerAgain(checksumGiven) {
  if (!lastChoice) return;
  const box = document.createElement("div");
  box.className = "again";
  if (!checksumGiven) {
    const label = document.createElement("label");
    label.htmlFor = "again-sum";
    label.textContent = "Published checksum (SHA-256 or SHA-512) to compare with the whole file:";
    const field = document.createElement("input");
    field.id = "again-sum";
    field.type = "text";
    field.autocomplete = "off";
    field.spellcheck = false;
    const go = document.createElement("button");
    go.type = "button";
    go.className = "button";
    go.textContent = "Compare";
    go.addEventListener("click", () => {
      $("opt-sha256").value = field.value.trim();
      if (checksumProblem()) {
        $("options").open = true;
        $("opt-sha256").focus();
        return;
      }
      check(lastChoice.files, lastChoice.paths);
    });
    field.addEventListener("keydown", (e) => { if (e.key === "Enter") go.click(); });
    box.append(label, field, go);
  }
  const again = document.createElement("button");
  again.type = "button";
  again.className = "button";
  again.textContent = "Check again with the options as set";
  again.addEventListener("click", () => check(lastChoice.files, lastChoice.paths));
  box.append(again);
  reportArea.append(box);
}

// addCopyButtons puts a Copy button after each digest and fingerprint.
function addCopyButtons() {
  if (!navigator.clipboard) return;
  for (const code of reportArea.querySelectorAll("code.digest")) {
    const b = document.createElement("button");
    b.type = "button";
    b.className = "copy";
    b.textContent = "Copy";
    b.setAttribute("aria-label", `Copy ${code.textContent.slice(0, 12)}…`);
    b.addEventListener("click", async () => {
      try {
        await navigator.clipboard.writeText(code.textContent);
        b.textContent = "Copied";
      } catch {
        b.textContent = "Copy failed";
      }
      setTimeout(() => { b.textContent = "Copy"; }, 1500);
    });
    code.after(" ", b);
  }
}

// offerDownload adds links that save the report as JSON and as one
// self-contained HTML document, both named after the package. The HTML is
// the report as shown, with the page's own styles (reportPage; rendering it
// in the engine instead cost 390 KB of wasm).
const downloadURLs = [];
function offerDownload(json) {
  while (downloadURLs.length) URL.revokeObjectURL(downloadURLs.pop());
  let name = "package";
  try { name = JSON.parse(json).input.name || name; } catch { /* keep the default */ }
  const base = name.replace(/\.(ova|ovf)$/i, "");
  const p = document.createElement("p");
  p.className = "download";
  const link = (text, body, type, file) => {
    const url = URL.createObjectURL(new Blob([body], { type }));
    downloadURLs.push(url);
    const a = document.createElement("a");
    a.href = url;
    a.download = file;
    a.className = "button";
    a.textContent = text;
    p.append(a);
  };
  link("Download the report (JSON)", json, "application/json", `${base}.ovacheck.json`);
  link("Download the report (HTML)", reportPage(name), "text/html", `${base}.ovacheck.html`);
  reportArea.append(p);
}

// reportPage returns the report as it is shown now as one HTML document:
// the page's style sheets inline, no script, links made absolute, and a
// security policy that allows nothing but its inline style.
function reportPage(name) {
  const css = Array.from(document.styleSheets, (sheet) => {
    try {
      return Array.from(sheet.cssRules, (rule) => rule.cssText).join("\n");
    } catch {
      return ""; // a sheet the page may not read
    }
  }).join("\n");
  const copy = reportArea.cloneNode(true);
  for (const e of copy.querySelectorAll(".again, .download, .copy, .restored-note, #status")) e.remove();
  for (const e of copy.querySelectorAll(".print-head")) e.classList.add("shown");
  for (const a of copy.querySelectorAll("a[href]")) a.setAttribute("href", a.href);
  const escape = (s) => s.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'">
<title>ovacheck report: ${escape(name)}</title><style>${css.replace(/<\//g, "<\\/")}</style></head>
<body><main class="wrap"><h1 class="report-title">ovacheck report</h1>${copy.outerHTML}</main></body></html>
`;
}

function onProgress(m) {
  if (!running) return;
  const now = performance.now();
  if (m.phase === "digest" && m.total > 0) {
    if (!speed.t0) { speed.t0 = now; speed.lastT = now; }
    const f = m.done / m.total;
    setProgress(f);
    // The engine counts each byte once per digest it feeds (the member
    // digests and, when asked, the whole file's): shown against the
    // chosen files' size, each byte of the file counts once.
    const total = m.total > inputBytes && inputBytes > 0 ? inputBytes : m.total;
    const done = f * total;
    speed.done = done;
    speed.hashed = m.done;
    const dt = (now - speed.lastT) / 1000;
    if (dt >= 0.25) {
      const inst = (done - speed.lastDone) / dt;
      speed.rate = speed.rate ? 0.7 * speed.rate + 0.3 * inst : inst;
      speed.lastT = now;
      speed.lastDone = done;
    }
    const left = speed.rate > 0 ? (total - done) / speed.rate : NaN;
    rate.textContent = `${formatBytes(done)} of ${formatBytes(total)}` +
      (speed.rate > 0 ? ` · ${formatBytes(speed.rate)}/s · ${formatDuration(left)} left` : "");
  } else if (m.phase === "index") {
    phase.textContent = "Reading the archive…";
  } else if (m.phase === "parse") {
    phase.textContent = "Checking the descriptor, manifest and signature…";
  }
}

// Files chosen with the picker (files or a folder).
input.addEventListener("change", () => {
  const files = Array.from(input.files);
  check(files, files.map((f) => f.webkitRelativePath || f.name));
  input.value = "";
  input.webkitdirectory = false;
});

$("pick-files").addEventListener("click", () => {
  input.webkitdirectory = false;
  input.click();
});

$("pick-folder").addEventListener("click", () => {
  input.webkitdirectory = true;
  input.click();
});

cancelButton.addEventListener("click", () => cancel(true));
$("opt-sha256")?.addEventListener("input", checksumProblem);

// Samples are fetched when clicked (the only request the page makes after
// loading, and it happens before the check starts).
for (const button of document.querySelectorAll("button[data-sample]")) {
  button.addEventListener("click", async () => {
    const url = button.dataset.sample;
    try {
      const blob = await (await fetch(url)).blob();
      const name = url.split("/").pop();
      check([new File([blob], name)], [name]);
    } catch (err) {
      showMessage(`Could not load the sample: ${err.message}`);
    }
  });
}

// A PEM file of trust roots or a policy file dropped on its box is read
// into the box (as text, at most 1 MiB), not checked as a package; like
// every option it stays in the page.
for (const id of ["opt-roots", "opt-policy"]) {
  const box = document.getElementById(id);
  if (!box) continue;
  box.addEventListener("dragover", (e) => e.preventDefault());
  box.addEventListener("drop", async (e) => {
    e.preventDefault();
    e.stopPropagation();
    const file = e.dataTransfer.files[0];
    if (!file) return;
    if (file.size > 1 << 20) {
      showMessage(`${file.name} is larger than 1 MiB: not a PEM or policy file.`);
      return;
    }
    box.value = await file.text();
  });
}

// Drag and drop, including folders.
drop.addEventListener("dragover", (e) => {
  e.preventDefault();
  drop.classList.add("over");
});
drop.addEventListener("dragleave", () => drop.classList.remove("over"));
document.addEventListener("dragover", (e) => e.preventDefault());
document.addEventListener("drop", async (e) => {
  e.preventDefault();
  drop.classList.remove("over");
  const entries = Array.from(e.dataTransfer.items || [])
    .map((item) => (item.webkitGetAsEntry ? item.webkitGetAsEntry() : null))
    .filter(Boolean);
  if (entries.length === 0) {
    const files = Array.from(e.dataTransfer.files);
    check(files, files.map((f) => f.name));
    return;
  }
  const files = [];
  const paths = [];
  for (const entry of entries) await collect(entry, "", files, paths);
  check(files, paths);
});

// collect walks a dropped file or folder entry.
async function collect(entry, prefix, files, paths) {
  if (entry.isFile) {
    const file = await new Promise((resolve, reject) => entry.file(resolve, reject));
    files.push(file);
    paths.push(prefix + entry.name);
    return;
  }
  if (entry.isDirectory) {
    const reader = entry.createReader();
    for (;;) {
      const batch = await new Promise((resolve, reject) => reader.readEntries(resolve, reject));
      if (batch.length === 0) break;
      for (const child of batch) await collect(child, `${prefix}${entry.name}/`, files, paths);
    }
  }
}

boot();
