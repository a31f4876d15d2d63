// Package e2e holds the browser tests of the validator page: Debian's
// Chromium driven by chromedp against the built site (site/dist), served on
// 127.0.0.1 by the same handler as build/serve. They run with
//
//	bash build/build-site.sh && go test -count=1 -tags e2e ./e2e/
//
// and skip when Chromium (CHROMIUM, default /usr/bin/chromium) or the built
// site is missing.
package e2e
