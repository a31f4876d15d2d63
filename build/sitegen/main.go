// Command sitegen renders the static site's pages from the templ
// components in package site into a directory: the validator (index.html),
// the privacy page, the rule index and one page per registered rule, the
// style sheet, the sample packages built with the project's own builder
// and the demo vendor download page with the <ova-verify> widget. When the
// directory already holds the built engine (ovacheck.wasm, wasm_exec.js,
// hash-wasm.umd.js; build-site.sh puts them there first) it also writes the
// single-file offline page (ovacheck-offline.html) and, last, the service
// worker (sw.js) with the list and hash of every asset.
//
//	go run ./build/sitegen -o site/dist -static site/static
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"

	"github.com/a-h/templ"

	"github.com/ovacheck/ovacheck/engine/rules"
	"github.com/ovacheck/ovacheck/site"
	"github.com/ovacheck/ovacheck/site/samples"
)

func main() {
	out := flag.String("o", "site/dist", "output directory")
	static := flag.String("static", "site/static", "directory of the site's scripts")
	flag.Parse()
	if err := generate(*out, *static); err != nil {
		fmt.Fprintln(os.Stderr, "sitegen:", err)
		os.Exit(1)
	}
}

// generate writes every page and asset into dir, the offline page when
// the engine is built, and the service worker.
func generate(dir, static string) error {
	if err := generatePages(dir); err != nil {
		return err
	}
	if err := generateDemo(dir, static); err != nil {
		return err
	}
	if _, err := os.Stat(filepath.Join(dir, "ovacheck.wasm")); err == nil {
		if err := generateOffline(dir, static); err != nil {
			return err
		}
	}
	return generateServiceWorker(dir, static)
}

// generatePages writes the site's pages, style sheet and samples.
func generatePages(dir string) error {
	pages := map[string]templ.Component{
		"index.html":       site.IndexPage(),
		"privacy.html":     site.PrivacyPage(),
		"rules/index.html": site.RulesIndexPage(rules.All()),
	}
	for _, r := range rules.All() {
		pages["rules/"+r.ID+".html"] = site.RulePage(r)
	}
	for name, c := range pages {
		if err := writeComponent(filepath.Join(dir, name), c); err != nil {
			return err
		}
	}
	files := map[string][]byte{
		"style.css":           []byte(site.StyleSheet()),
		"samples/sound.ova":   samples.Sound(),
		"samples/damaged.ova": samples.Damaged(),
	}
	for name, data := range files {
		if err := writeFile(filepath.Join(dir, name), data); err != nil {
			return err
		}
	}
	return nil
}

func writeComponent(path string, c templ.Component) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	if err := c.Render(context.Background(), f); err != nil {
		f.Close()
		return fmt.Errorf("render %s: %w", path, err)
	}
	return f.Close()
}

func writeFile(path string, data []byte) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	return os.WriteFile(path, data, 0o644)
}
