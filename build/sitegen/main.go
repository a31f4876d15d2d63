// Command sitegen renders the static site's pages from the templ
// components in package site into a directory: the validator (index.html),
// the privacy page, the rule index and one page per registered rule, the
// style sheet, and the two sample packages built with the project's own
// builder.
//
//	go run ./build/sitegen -o site/dist
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
	flag.Parse()
	if err := generate(*out); err != nil {
		fmt.Fprintln(os.Stderr, "sitegen:", err)
		os.Exit(1)
	}
}

// generate writes every page and asset into dir.
func generate(dir string) error {
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
