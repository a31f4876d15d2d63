// <ova-verify>: a custom element a vendor puts on a download page so that
// users can verify, in their own browser, the appliance they just
// downloaded. One tag loads it:
//
//   <script type="module" src="https://example.com/ovacheck/ova-verify.js"></script>
//   <ova-verify sha256="…" signer-sha256="…" targets="vsphere-8.0" report="compact"></ova-verify>
//
// Attributes:
//   sha256, sha512   the whole-file checksum the vendor publishes
//   signer-sha256    the pinned SHA-256 fingerprint of the signing certificate:
//                    a package signed by anyone else, or unsigned, fails
//   policy           an ovacheck policy: a URL (fetched when the element
//                    starts) or the JSON document itself (starting with "{")
//   targets          comma-separated targets to judge (e.g. vsphere-8.0)
//   profile          "compat" (default: what real consumers accept) or
//                    "strict" (the letter of DSP0243)
//   A value the check cannot honour (a misspelled profile or target, a
//   checksum of the wrong length) stops the check with the reason shown.
//   report           "compact" (default: the verdict and what it rests on,
//                    the full report folded) or "full"
//   product          the product name shown in the heading (optional)
//
// Events (bubbling, composed): ova-progress {done, total} while hashing;
// ova-result with the report (the JSON report contract, parsed) as detail.
// The host element carries data-verdict="pass|warn|fail" when a check ends.
//
// Theming: CSS custom properties on the element or above it: --ova-fg,
// --ova-bg, --ova-border, --ova-accent, --ova-pass, --ova-warn, --ova-fail,
// --ova-radius, --ova-font (see ova-verify.css). Parts: box, drop, button,
// result.
//
// The element shares the engine worker and hash workers of the validator
// (engine-client.js, next to this file). Its files may be served from the
// page's own origin, or from another one that sends
// Access-Control-Allow-Origin (the workers then start from blob: URLs).
// The page's Content-Security-Policy must allow 'wasm-unsafe-eval' in
// script-src, the files' origin in script-src, style-src and connect-src,
// and blob: in worker-src when they come from another origin. Nothing is
// uploaded: the file is read in the user's browser.
import { getEngine } from "./engine-client.js";

const here = new URL(".", import.meta.url);

// optionAttributes are the attributes that are options of the check,
// named as engine/settings names them (policy is read first: see
// policyText).
const optionAttributes = ["sha256", "sha512", "signer-sha256", "targets", "profile"];

const template = `
<link rel="stylesheet" href="${new URL("style.css", here).href}">
<link rel="stylesheet" href="${new URL("ova-verify.css", here).href}">
<div class="ova" part="box">
  <p class="ova-title"><span class="ova-heading">Verify your download</span></p>
  <p class="ova-expect" hidden>Published <span class="ova-alg">SHA-256</span>: <code class="ova-sum"></code></p>
  <div class="ova-drop" part="drop">
    <p class="ova-drop-text">Drop the file you downloaded here, or</p>
    <button type="button" class="ova-pick" part="button">Choose the file…</button>
    <input class="ova-file" type="file" tabindex="-1" aria-label="The file you downloaded">
    <p class="ova-note">It is checked in this browser; nothing is uploaded.</p>
  </div>
  <div class="ova-status" hidden>
    <p class="ova-phase" aria-live="polite"></p>
    <progress class="ova-progress" max="1" value="0"></progress>
    <button type="button" class="ova-cancel" part="button">Cancel</button>
  </div>
  <p class="ova-message" role="alert" hidden></p>
  <div class="ova-result" part="result"></div>
</div>`;

class OvaVerify extends HTMLElement {
  static get observedAttributes() { return ["sha256", "sha512", "product"]; }

  constructor() {
    super();
    const root = this.attachShadow({ mode: "open" });
    root.innerHTML = template;
    this.$ = (sel) => root.querySelector(sel);
    this.handle = null;
    this.$(".ova-pick").addEventListener("click", () => this.$(".ova-file").click());
    this.$(".ova-file").addEventListener("change", (e) => {
      const f = e.target.files[0];
      e.target.value = "";
      if (f) this.verify(f);
    });
    this.$(".ova-cancel").addEventListener("click", () => this.cancel());
    const drop = this.$(".ova-drop");
    drop.addEventListener("dragover", (e) => { e.preventDefault(); drop.classList.add("over"); });
    drop.addEventListener("dragleave", () => drop.classList.remove("over"));
    drop.addEventListener("drop", (e) => {
      e.preventDefault();
      drop.classList.remove("over");
      const f = e.dataTransfer.files[0];
      if (f) this.verify(f);
    });
  }

  connectedCallback() {
    this.render();
    this.engine = getEngine(here.href); // starts the engine before a file is chosen
    this.engine.ready.then(() => { this.dataset.ready = "true"; }, (err) => this.message(`The checker could not start: ${err.message}`));
  }

  attributeChangedCallback() { this.render(); }

  // render shows the published checksum and the product name.
  render() {
    const product = this.getAttribute("product");
    this.$(".ova-heading").textContent = product ? `Verify your download of ${product}` : "Verify your download";
    const [alg, sum] = this.expected();
    this.$(".ova-expect").hidden = !sum;
    this.$(".ova-alg").textContent = alg.toUpperCase().replace("SHA", "SHA-");
    this.$(".ova-sum").textContent = sum;
  }

  // expected returns the published [algorithm, hex digest], or ["sha256", ""].
  expected() {
    for (const alg of ["sha256", "sha512"]) {
      const v = (this.getAttribute(alg) || "").trim().toLowerCase();
      if (v) return [alg, v];
    }
    return ["sha256", ""];
  }

  message(text) {
    const m = this.$(".ova-message");
    m.textContent = text;
    m.hidden = !text;
  }

  // policyText returns the policy document of the policy attribute: the
  // attribute itself when it is JSON, else what its URL serves.
  async policyText() {
    const p = (this.getAttribute("policy") || "").trim();
    if (!p) return "";
    if (p.startsWith("{")) return p;
    const r = await fetch(new URL(p, document.baseURI), { credentials: "same-origin" });
    if (!r.ok) throw new Error(`the policy at ${p} could not be loaded (HTTP ${r.status})`);
    return r.text();
  }

  async verify(file) {
    this.cancel(true);
    delete this.dataset.verdict;
    this.message("");
    const result = this.$(".ova-result");
    result.replaceChildren();
    const status = this.$(".ova-status");
    status.hidden = false;
    this.$(".ova-cancel").hidden = false;
    this.$(".ova-phase").textContent = `Checking ${file.name}…`;
    this.setProgress(0);
    let policy = "";
    try {
      policy = await this.policyText();
    } catch (err) {
      status.hidden = true;
      this.message(`The check could not start: ${err.message}.`);
      return;
    }
    const [alg, sum] = this.expected();
    // The attributes go to the engine as they are, under the option keys
    // of engine/settings, which checks them: a misspelled value is
    // refused there, with the reason shown in the element.
    const options = { policy, ruleBase: new URL("rules/", here).href, "whole-file": true };
    for (const key of optionAttributes) {
      if (this.hasAttribute(key)) options[key] = this.getAttribute(key);
    }
    const full = this.getAttribute("report") === "full";
    this.handle = this.engine.check([file], [file.name], options, {
      onStructural: () => {
        this.$(".ova-phase").textContent = "Structure checked. Computing the checksums…";
      },
      onProgress: (m) => {
        if (m.phase !== "digest" || !(m.total > 0)) return;
        this.setProgress(m.done / m.total);
        this.emit("ova-progress", { done: m.done, total: m.total });
      },
      onDone: (m) => {
        this.handle = null;
        status.hidden = true;
        const report = JSON.parse(m.json);
        this.dataset.verdict = report.verdict;
        result.replaceChildren(full ? this.fullView(m.html, report) : this.compactView(m.html, report, alg, sum));
        this.emit("ova-result", report);
      },
      onCancelled: () => {
        this.handle = null;
        this.$(".ova-phase").textContent = "Check cancelled.";
        this.$(".ova-cancel").hidden = true;
      },
      onError: (m) => {
        this.handle = null;
        status.hidden = true;
        this.message(m.message);
      },
    });
  }

  cancel(quiet) {
    if (!this.handle) return;
    this.handle.cancel();
    this.handle = null;
    if (!quiet) {
      this.$(".ova-phase").textContent = "Check cancelled.";
      this.$(".ova-cancel").hidden = true;
    }
  }

  setProgress(f) {
    const p = this.$(".ova-progress");
    p.value = Math.max(0, Math.min(1, f));
    p.textContent = `${Math.round(p.value * 100)}%`;
  }

  emit(type, detail) {
    this.dispatchEvent(new CustomEvent(type, { detail, bubbles: true, composed: true }));
  }

  // reportNode parses the report HTML (rendered and escaped by the Go templ
  // component) into nodes.
  reportNode(html) {
    const div = document.createElement("div");
    div.className = "ova-report";
    div.innerHTML = html;
    return div;
  }

  fullView(html, report) {
    const box = document.createElement("div");
    box.append(this.verdictLine(report), this.reportNode(html));
    return box;
  }

  // verdictLine is the one-sentence answer.
  verdictLine(report) {
    const p = document.createElement("p");
    p.className = `ova-verdict ova-${report.verdict}`;
    p.dataset.verdict = report.verdict;
    const published = this.expected()[1] || this.getAttribute("signer-sha256");
    p.textContent = {
      pass: published ? "✔ Verified: this file is intact and is the one published." : "✔ The package is intact and well-formed.",
      warn: published ? "✔ Verified, with warnings: the file is the one published; see the notes below." : "✔ The package is intact, with warnings; see the notes below.",
      fail: "✘ Do not use this file: it is not the one published, or it is damaged.",
    }[report.verdict] || report.verdict;
    return p;
  }

  // compactView shows the verdict, what it rests on and the problems; the
  // full report is folded below.
  compactView(html, report, alg, sum) {
    const box = document.createElement("div");
    box.append(this.verdictLine(report));
    const facts = document.createElement("ul");
    facts.className = "ova-facts";
    const fact = (ok, text) => {
      const li = document.createElement("li");
      li.className = ok ? "ok" : "bad";
      li.textContent = text;
      facts.append(li);
    };
    const got = (report.wholeFile || {})[alg] || "";
    if (sum) {
      fact(got === sum, got === sum
        ? `${alg.toUpperCase().replace("SHA", "SHA-")} matches the published checksum.`
        : `${alg.toUpperCase().replace("SHA", "SHA-")} is ${got || "unknown"}, not the published checksum.`);
    }
    const sig = report.signature;
    const pin = (this.getAttribute("signer-sha256") || "").replace(/[^0-9a-fA-F]/g, "").toLowerCase();
    if (sig && sig.signer) {
      const pinned = pin && sig.signer.sha256 === pin;
      const ok = sig.verified === "verified" && (!pin || pinned);
      fact(ok, `Signed by ${sig.signer.subject}` +
        (sig.verified === "verified" ? "" : ` (signature ${sig.verified})`) +
        (pin ? (pinned ? ", the publisher's pinned key." : `, which is NOT the publisher's pinned key (${sig.signer.sha256}).`) : "."));
    } else if (pin) {
      fact(false, "The package is not signed, but the publisher signs it.");
    }
    const files = report.files || [];
    const listed = files.filter((f) => ["match", "mismatch", "missing"].includes(f.manifest));
    if (listed.length) {
      const good = listed.filter((f) => f.manifest === "match").length;
      fact(good === listed.length, `${good} of ${listed.length} files match the package's manifest.`);
    }
    box.append(facts);
    const problems = (report.findings || []).filter((f) => f.severity !== "info");
    if (problems.length) {
      const ul = document.createElement("ul");
      ul.className = "ova-findings";
      for (const f of problems.slice(0, 5)) {
        const li = document.createElement("li");
        li.dataset.rule = f.rule;
        li.dataset.severity = f.severity;
        const code = document.createElement("code");
        code.textContent = f.rule;
        li.append(code, " ", f.message);
        ul.append(li);
      }
      if (problems.length > 5) {
        const li = document.createElement("li");
        li.textContent = `and ${problems.length - 5} more in the full report.`;
        ul.append(li);
      }
      box.append(ul);
    }
    const details = document.createElement("details");
    const summary = document.createElement("summary");
    summary.textContent = "Full report";
    details.append(summary, this.reportNode(html));
    box.append(details);
    return box;
  }
}

if (!customElements.get("ova-verify")) customElements.define("ova-verify", OvaVerify);
