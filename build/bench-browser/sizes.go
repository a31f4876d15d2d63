package main

import (
	"bytes"
	"compress/gzip"
	"os"
	"path/filepath"
)

// pageFiles are what the validator page loads: the page, its style sheet
// and scripts, the engine worker and what it imports, the hash workers and
// hash-wasm, the wasm, and the service worker.
var pageFiles = []string{
	"index.html", "style.css", "app.js", "engine-client.js", "engine-worker.js", "wasm_exec.js",
	"hash-pool.js", "hash-worker.js", "hash-wasm.umd.js", "ovacheck.wasm", "sw.js",
}

// widgetFiles are what <ova-verify> adds to a vendor's page.
var widgetFiles = []string{
	"ova-verify.js", "ova-verify.css", "style.css", "engine-client.js", "engine-worker.js", "wasm_exec.js",
	"hash-pool.js", "hash-worker.js", "hash-wasm.umd.js", "ovacheck.wasm",
}

// gzipSize returns the gzip -9 sizes of files in dir, summed, and their raw
// size.
func gzipSize(dir string, files ...string) (gz, raw int64, err error) {
	for _, name := range files {
		data, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			return 0, 0, err
		}
		var b bytes.Buffer
		w, _ := gzip.NewWriterLevel(&b, gzip.BestCompression)
		w.Write(data)
		w.Close()
		gz += int64(b.Len())
		raw += int64(len(data))
	}
	return gz, raw, nil
}

// measureSizes records the gzip sizes of the engine, of what the page and
// the widget load, and of the offline page.
func measureSizes(siteDir string, res *results) error {
	var err error
	if res.wasmGz, res.wasmRaw, err = gzipSize(siteDir, "ovacheck.wasm"); err != nil {
		return err
	}
	if res.pageGz, res.pageRaw, err = gzipSize(siteDir, pageFiles...); err != nil {
		return err
	}
	if res.widgetGz, _, err = gzipSize(siteDir, widgetFiles...); err != nil {
		return err
	}
	res.offlineGz, res.offlineRaw, err = gzipSize(siteDir, "ovacheck-offline.html")
	return err
}
