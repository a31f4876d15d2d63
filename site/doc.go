// Package site holds the templ components that render an ovacheck report
// (the verdict banner, findings, package summary, file table, signature and
// target verdicts) and the pages of the static site built around them: the
// validator, one page per rule and the privacy page.
//
// The same Report component renders the report everywhere: in the browser
// (the wasm engine renders it inside its Web Worker), in the single-file
// document written by `ovacheck --format html` (ReportPage) and in the
// pages generated at build time. Every string taken from a package is
// escaped by templ; the only raw HTML is the rule documentation, which
// Markdown produces from the project's own files and escapes itself.
package site
