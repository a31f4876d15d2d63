// Raw hash-wasm: SHA-256 of a whole File read with Blob.stream(), nothing
// else. The site's hash-wasm build is the one ovacheck's workers use.
importScripts("/hash-wasm.umd.js");

// The message is a Blob, or {blob, start, end} for a part of one.
self.onmessage = async (e) => {
  const blob = e.data instanceof Blob ? e.data : e.data.blob.slice(e.data.start, e.data.end);
  const h = await hashwasm.createSHA256();
  h.init();
  const t0 = performance.now();
  const reader = blob.stream().getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    h.update(value);
  }
  const hex = h.digest("hex");
  self.postMessage({ ms: performance.now() - t0, bytes: blob.size, hex });
};
