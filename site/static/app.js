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

const engine = getEngine(".");
let current = null; // the running check's handle
let running = false;
let speed = { t0: 0, done: 0, lastT: 0, lastDone: 0, rate: 0 };
const memberRows = new Map();

function showMessage(text) {
  messageBox.textContent = text;
  messageBox.hidden = !text;
}

function setProgress(fraction) {
  const f = Math.max(0, Math.min(1, fraction));
  bar.value = f;
  bar.textContent = `${Math.round(f * 100)}%`;
  barBox.dataset.progress = f.toFixed(4);
}

function formatBytes(n) {
  const units = ["bytes", "KB", "MB", "GB", "TB"];
  let i = 0;
  while (n >= 1000 && i < units.length - 1) { n /= 1000; i++; }
  return `${i === 0 ? n : n.toFixed(1)} ${units[i]}`;
}

function formatDuration(s) {
  if (!isFinite(s) || s < 0) return "";
  if (s < 60) return `${Math.ceil(s)} s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m} min ${Math.round(s % 60)} s`;
  return `${Math.floor(m / 60)} h ${m % 60} min`;
}

async function boot() {
  try {
    await engine.ready;
    document.body.dataset.ready = "true";
  } catch (err) {
    showMessage(`The checker could not start: ${err.message}`);
  }
  registerServiceWorker();
}

// registerServiceWorker lets the served site work offline after the first
// visit (sw.js caches every asset of this build). The offline page, opened
// from disk, needs none.
function registerServiceWorker() {
  if (engineInline() || !("serviceWorker" in navigator) || !/^https?:$/.test(location.protocol)) return;
  navigator.serviceWorker.register("sw.js").catch(() => {});
}

// userOptions reads the check options the user set on the page (empty
// ones are left out). They never leave the page.
function userOptions() {
  const value = (id) => document.getElementById(id)?.value.trim() ?? "";
  const o = {};
  if (value("opt-profile")) o.profile = value("opt-profile");
  const targets = value("opt-targets").split(/[\s,]+/).filter(Boolean);
  if (targets.length) o.targets = targets;
  if (value("opt-sha256")) o.expected = { sha256: value("opt-sha256") };
  if (value("opt-pin")) o.signerPin = value("opt-pin");
  if (value("opt-roots")) o.trustRoots = value("opt-roots");
  if (value("opt-policy")) o.policy = value("opt-policy");
  return o;
}

// check starts checking files (with their relative paths), cancelling any
// check still running.
function check(files, paths) {
  if (!files.length) return;
  if (running) cancel(false);
  running = true;
  showMessage("");
  reportArea.replaceChildren();
  membersList.replaceChildren();
  memberRows.clear();
  delete reportArea.dataset.verdict;
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
      phase.textContent = "Structure checked. Hashing the disks…";
    },
    onProgress,
    onMember(m) { memberRow(m.member, m.size).value = m.done; },
    onDone(m) {
      running = false;
      reportArea.innerHTML = m.html; // rendered and escaped by site.Report
      reportArea.dataset.verdict = m.verdict;
      window.ovacheckReport = JSON.parse(m.json); // for embedders and tests
      offerDownload(m.json);
      setProgress(1);
      phase.textContent = "Check complete.";
      cancelButton.hidden = true;
      membersList.hidden = true;
      rate.textContent = speed.t0
        ? `${formatBytes(speed.done)} hashed in ${((performance.now() - speed.t0) / 1000).toFixed(1)} s`
        : "";
    },
    onCancelled() {
      running = false;
      phase.textContent = "Check cancelled.";
      rate.textContent = "";
      cancelButton.disabled = true;
    },
    onError(m) {
      running = false;
      cancelButton.disabled = true;
      status.hidden = true;
      showMessage(m.message);
    },
  });
}

// cancel stops the running check.
function cancel(announce = true) {
  if (!running) return;
  running = false;
  current.cancel();
  cancelButton.disabled = true;
  if (announce) {
    phase.textContent = "Check cancelled.";
    rate.textContent = "";
  }
}

function memberRow(member, size) {
  let row = memberRows.get(member);
  if (!row) {
    const li = document.createElement("li");
    const name = document.createElement("code");
    name.textContent = member || "whole file";
    const p = document.createElement("progress");
    p.max = size || 1;
    li.append(p, name);
    membersList.append(li);
    row = p;
    memberRows.set(member, row);
  }
  return row;
}

// offerDownload adds a link that saves the report's JSON.
let downloadURL = "";
function offerDownload(json) {
  if (downloadURL) URL.revokeObjectURL(downloadURL);
  downloadURL = URL.createObjectURL(new Blob([json], { type: "application/json" }));
  const a = document.createElement("a");
  a.href = downloadURL;
  a.download = "ovacheck-report.json";
  a.className = "button";
  a.textContent = "Download the report (JSON)";
  const p = document.createElement("p");
  p.className = "download";
  p.append(a);
  reportArea.append(p);
}

function onProgress(m) {
  if (!running) return;
  const now = performance.now();
  if (m.phase === "digest" && m.total > 0) {
    if (!speed.t0) { speed.t0 = now; speed.lastT = now; }
    setProgress(m.done / m.total);
    speed.done = m.done;
    const dt = (now - speed.lastT) / 1000;
    if (dt >= 0.25) {
      const inst = (m.done - speed.lastDone) / dt;
      speed.rate = speed.rate ? 0.7 * speed.rate + 0.3 * inst : inst;
      speed.lastT = now;
      speed.lastDone = m.done;
    }
    const left = speed.rate > 0 ? (m.total - m.done) / speed.rate : NaN;
    rate.textContent = `${formatBytes(m.done)} of ${formatBytes(m.total)}` +
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
