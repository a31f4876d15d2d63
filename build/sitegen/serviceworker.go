package main

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
)

// notCached are the files of the built site the service worker leaves out:
// itself, the Worker's header rules (another build step writes them), and
// the offline page, which is a download of its own (about 14 MB) that a
// visitor of the site never loads.
var notCached = []string{"sw.js", "_headers", "ovacheck-offline.html"}

// generateServiceWorker writes sw.js: site/static/sw.js after a line that
// gives it this build's version (a hash of every asset's path and bytes)
// and the list of assets to cache. It must run after every other file of
// the site is written.
func generateServiceWorker(dir, static string) error {
	code, err := os.ReadFile(filepath.Join(static, "sw.js"))
	if err != nil {
		return err
	}
	var assets []string
	err = filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, err := filepath.Rel(dir, path)
		if err != nil {
			return err
		}
		rel = filepath.ToSlash(rel)
		if !slices.Contains(notCached, rel) {
			assets = append(assets, rel)
		}
		return nil
	})
	if err != nil {
		return err
	}
	slices.Sort(assets)
	h := sha256.New()
	for _, a := range assets {
		data, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(a)))
		if err != nil {
			return err
		}
		sum := sha256.Sum256(data)
		h.Write([]byte(a + "\x00"))
		h.Write(sum[:])
	}
	h.Write(code)
	build := struct {
		Version string   `json:"version"`
		Assets  []string `json:"assets"`
	}{hex.EncodeToString(h.Sum(nil))[:16], assets}
	head, err := json.Marshal(build)
	if err != nil {
		return err
	}
	out := append([]byte("self.ovacheckBuild = "+string(head)+";\n"), code...)
	return writeFile(filepath.Join(dir, "sw.js"), out)
}
