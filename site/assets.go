package site

import (
	"crypto/sha256"
	_ "embed"
	"encoding/base64"
)

// styleSheet is the report's and the site's CSS. The site serves it as
// style.css; ReportPage inlines it.
//
//go:embed static/style.css
var styleSheet string

// StyleSheet returns the site's CSS, for the page generator.
func StyleSheet() string { return styleSheet }

// PageCSP is the Content-Security-Policy of every page of the static site:
// scripts and workers only from the site itself, WebAssembly compilation
// allowed, no inline script or style, and no connection anywhere else.
const PageCSP = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; worker-src 'self'; " +
	"connect-src 'self'; style-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; form-action 'none'"

// reportPageCSP allows the single-file report nothing but its own inline
// style sheet, named by its hash.
func reportPageCSP() string {
	sum := sha256.Sum256([]byte(styleSheet))
	return "default-src 'none'; style-src 'sha256-" + base64.StdEncoding.EncodeToString(sum[:]) + "'; img-src data:; base-uri 'none'; form-action 'none'"
}
