// Raw hash-wasm: SHA-256 of a whole File read with Blob.stream(), nothing
// else. The site's hash-wasm build is the one ovacheck's workers use.
importScripts("/hash-wasm.umd.js");

self.onmessage = async (e) => {
  const blob = e.data;
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
