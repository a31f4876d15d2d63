// Package chromium starts Debian's Chromium the way the browser tests and
// the browser benchmark need it: headless, on loopback only, with every
// background connection Chromium would make on its own turned off (this
// machine's network refuses them, and a check must make no request).
package chromium

import (
	"fmt"
	"os"

	"github.com/chromedp/chromedp"
)

// Path returns the Chromium to run: $CHROMIUM, or /usr/bin/chromium.
// The error says how to point at another one when it is missing.
func Path() (string, error) {
	p := os.Getenv("CHROMIUM")
	if p == "" {
		p = "/usr/bin/chromium"
	}
	if _, err := os.Stat(p); err != nil {
		return p, fmt.Errorf("Chromium not found at %s (set CHROMIUM)", p)
	}
	return p, nil
}

// Options are the allocator options for a fresh headless Chromium at
// execPath with its profile in userDataDir.
func Options(execPath, userDataDir string) []chromedp.ExecAllocatorOption {
	return []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(execPath),
		chromedp.Headless,
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.NoDefaultBrowserCheck,
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-dev-shm-usage", true),
		chromedp.UserDataDir(userDataDir),
		chromedp.WindowSize(1280, 900),
	}
}
