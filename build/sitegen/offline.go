package main

import (
	"crypto/sha256"
	"encoding/base64"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"

	"github.com/ovacheck/ovacheck/site"
)

// offlineBoot points engine-client.js at the assets inlined in the page and
// shows whether the machine is online. It runs first in the page's script.
const offlineBoot = `globalThis.ovacheckInline = {
  wasm: () => document.getElementById("ovacheck-wasm").textContent,
  engineWorker: () => document.getElementById("ovacheck-engine-worker").textContent,
  hashWorker: () => document.getElementById("ovacheck-hash-worker").textContent,
};
{
  const netState = document.getElementById("net-state");
  const showNet = () => {
    netState.textContent = navigator.onLine
      ? "Your network is on; this page does not use it."
      : "You are offline now, and the checker works.";
  };
  showNet();
  addEventListener("online", showNet);
  addEventListener("offline", showNet);
}
`

var (
	importLine = regexp.MustCompile(`(?m)^import .*;\n`)
	exportWord = regexp.MustCompile(`(?m)^export `)
)

// generateOffline writes ovacheck-offline.html from the built engine in dir
// and the scripts in static. Opened from file:// nothing can be fetched,
// so everything is inside: the wasm as base64, the workers' sources (run
// as blob: workers) and the style sheet. Its CSP allows the inline script
// and style by hash, blob: workers and WebAssembly, and no connection.
func generateOffline(dir, static string) error {
	read := func(base, name string) (string, error) {
		b, err := os.ReadFile(filepath.Join(base, name))
		if err != nil {
			return "", err
		}
		s := string(b)
		// The sources sit inside <script> elements: they must not end them.
		if l := strings.ToLower(s); strings.Contains(l, "</script") || strings.Contains(l, "<!--") {
			return "", fmt.Errorf("%s contains </script or <!--: it cannot be inlined", name)
		}
		return s, nil
	}
	var parts [8]string
	files := []struct{ base, name string }{
		{static, "engine-client.js"}, {static, "app.js"},
		{dir, "wasm_exec.js"}, {static, "hash-pool.js"}, {static, "engine-worker.js"},
		{dir, "hash-wasm.umd.js"}, {static, "hash-worker.js"},
	}
	for i, f := range files {
		s, err := read(f.base, f.name)
		if err != nil {
			return err
		}
		parts[i] = s
	}
	wasm, err := os.ReadFile(filepath.Join(dir, "ovacheck.wasm"))
	if err != nil {
		return err
	}
	script := offlineBoot + exportWord.ReplaceAllString(parts[0], "") + "\n" + importLine.ReplaceAllString(parts[1], "")
	style := site.StyleSheet() + offlineStyle
	p := site.OfflinePage(site.OfflineParts{
		Script:       script,
		Style:        style,
		WasmBase64:   base64.StdEncoding.EncodeToString(wasm),
		EngineWorker: parts[2] + "\n;\n" + parts[3] + "\n;\n" + parts[4],
		HashWorker:   parts[5] + "\n;\n" + parts[6],
		CSP: "default-src 'none'; script-src '" + cspHash(script) + "' 'wasm-unsafe-eval'; worker-src blob:; " +
			"style-src '" + cspHash(style) + "'; img-src data:; object-src 'none'; base-uri 'none'; form-action 'none'",
	})
	return writeComponent(filepath.Join(dir, "ovacheck-offline.html"), p)
}

// offlineStyle is the offline page's addition to the site's styles.
const offlineStyle = `
.offline-note { background: var(--ok-bg); border: 1px solid #9fd3b5; border-radius: 8px; padding: .75rem 1rem; max-width: 60rem; }
.top-inner span:last-child { opacity: .85; }
`

// cspHash returns the CSP source expression for an inline element's text.
func cspHash(text string) string {
	sum := sha256.Sum256([]byte(text))
	return "sha256-" + base64.StdEncoding.EncodeToString(sum[:])
}
