// The reference: hash-wasm's SHA-256 alone over a byte range of a File,
// read as the page's hash workers read it (Blob.slice().stream(), the
// browser's own chunks), with nothing else per chunk. It loads the site's
// hash-wasm build (the one hash-worker.js loads), makes its hasher, says
// "ready", then hashes each {blob, start, end} it is sent.
importScripts("/hash-wasm.umd.js");

let hasher = null;

hashwasm.createSHA256().then((h) => {
  hasher = h;
  self.postMessage({ ready: true });
});

self.onmessage = async (e) => {
  const { blob, start, end } = e.data;
  hasher.init();
  const reader = blob.slice(start, end).stream().getReader();
  let bytes = 0;
  let chunk = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    if (!chunk) chunk = value.length;
    hasher.update(value);
    bytes += value.length;
  }
  self.postMessage({ hex: hasher.digest("hex"), bytes, chunk });
};
