package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"

	"github.com/ovacheck/ovacheck/engine"
	"github.com/ovacheck/ovacheck/engine/report"
)

// packageResult is the outcome of checking one package of a batch: its
// report, or the error that kept the check from running (Report is then
// nil). Path is the name as the batch expanded it, e.g. "dist/a.ova".
type packageResult struct {
	Path   string
	Report *report.Report
	Err    error
}

// exitStatus is the status one package alone would give.
func (r packageResult) exitStatus() int {
	switch {
	case r.Err != nil:
		return exitCantRun
	case r.Report.Verdict == report.Fail:
		return exitFail
	}
	return exitOK
}

// multiFormats are the formats that hold several packages in one output;
// a check in one of them goes through checkBatch even for one package.
var multiFormats = []string{"sarif", "junit", "jsonl"}

// wantsBatch reports whether the named inputs call for a batch: more than
// one, a glob pattern, a folder that is not one package (it does not hold
// exactly one .ovf at its top), or a format made for several packages.
func wantsBatch(names []string, format string) bool {
	if len(names) != 1 || slices.Contains(multiFormats, format) {
		return true
	}
	name := names[0]
	if name == "-" || isURL(name) {
		return false
	}
	if _, err := os.Stat(name); err != nil {
		return hasMeta(name)
	}
	return isCatalogue(name)
}

func isURL(name string) bool { return strings.Contains(name, "://") }

func hasMeta(name string) bool { return strings.ContainsAny(name, "*?[") }

// isCatalogue reports whether name is a folder that is not itself one
// folder package: one with no .ovf at its top, or several.
func isCatalogue(name string) bool {
	entries, err := os.ReadDir(name)
	if err != nil {
		return false
	}
	n := 0
	for _, e := range entries {
		if e.Type().IsRegular() && isPackageName(e.Name(), ".ovf") {
			n++
		}
	}
	return n != 1
}

// isPackageName reports whether a file name ends in one of exts (any case;
// all package extensions when exts is empty).
func isPackageName(name string, exts ...string) bool {
	if len(exts) == 0 {
		exts = []string{".ova", ".ovf"}
	}
	for _, ext := range exts {
		if strings.EqualFold(filepath.Ext(name), ext) {
			return true
		}
	}
	return false
}

// expandInputs turns the arguments into the packages to check, in order,
// each once: a file or URL or "-" as it is; a glob pattern as the files it
// matches; a folder as the .ova and .ovf files found under it (a folder
// package is found by its descriptor). A pattern that matches nothing, or
// a folder that holds no package, is an error: a catalogue scan that
// silently checks nothing would pass.
func expandInputs(args []string) ([]string, error) {
	var out []string
	seen := map[string]bool{}
	add := func(p string) {
		if !seen[p] {
			seen[p] = true
			out = append(out, p)
		}
	}
	for _, arg := range args {
		if arg == "-" || isURL(arg) {
			add(arg)
			continue
		}
		st, err := os.Stat(arg)
		switch {
		case err == nil && st.IsDir():
			found, err := packagesUnder(arg)
			if err != nil {
				return nil, err
			}
			if len(found) == 0 {
				return nil, fmt.Errorf("%s holds no .ova or .ovf file", arg)
			}
			for _, p := range found {
				add(p)
			}
		case err == nil:
			add(arg)
		case hasMeta(arg):
			matches, err := filepath.Glob(arg)
			if err != nil {
				return nil, fmt.Errorf("pattern %q: %v", arg, err)
			}
			if len(matches) == 0 {
				return nil, fmt.Errorf("pattern %q matches no file", arg)
			}
			for _, m := range matches {
				if st, err := os.Stat(m); err == nil && st.IsDir() {
					found, err := packagesUnder(m)
					if err != nil {
						return nil, err
					}
					for _, p := range found {
						add(p)
					}
					continue
				}
				add(m)
			}
		default:
			// Left for the check to report, in its row of the summary.
			add(arg)
		}
	}
	return out, nil
}

// packagesUnder lists the .ova and .ovf files under dir, in lexical order.
func packagesUnder(dir string) ([]string, error) {
	var found []string
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.Type().IsRegular() && isPackageName(d.Name()) {
			found = append(found, p)
		}
		return nil
	})
	return found, err
}

// checkBatch checks several packages, at most f.jobs at a time, writes
// them in f.format, and returns the exit status of the worst.
func checkBatch(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer, f *checkFlags, opts []engine.Option, failOn report.Severity) int {
	if f.format == "html" {
		fmt.Fprintln(stderr, "ovacheck: --format html shows one package; use text, json, jsonl, sarif or junit for several")
		return exitCantRun
	}
	names, err := expandInputs(args)
	if err != nil {
		fmt.Fprintf(stderr, "ovacheck: %v\n", err)
		return exitCantRun
	}
	if len(names) > 1 && slices.Contains(names, "-") {
		fmt.Fprintln(stderr, "ovacheck: standard input (-) can only be checked alone")
		return exitCantRun
	}
	results := runBatch(ctx, names, f.jobs, func(ctx context.Context, name string) (*report.Report, error) {
		return checkPackage(ctx, name, stdin, stderr, f, opts, failOn)
	})
	if err := writeResults(stdout, results, f, failOn); err != nil {
		fmt.Fprintf(stderr, "ovacheck: %v\n", err)
		return exitCantRun
	}
	// The summary follows the text of several reports; beside a machine
	// format it goes to standard error, always (CI logs show it, and the
	// action reads its last line), so that standard output stays one
	// document.
	if f.format != "text" {
		writeSummary(stderr, results)
	} else if len(results) > 1 {
		writeSummary(stdout, results)
	}
	worst := exitOK
	for _, r := range results {
		worst = max(worst, r.exitStatus())
	}
	return worst
}

// runBatch checks every name with check, at most jobs at a time (at least
// one), and returns the results in the order of names.
func runBatch(ctx context.Context, names []string, jobs int, check func(context.Context, string) (*report.Report, error)) []packageResult {
	results := make([]packageResult, len(names))
	slots := make(chan struct{}, max(jobs, 1))
	var wg sync.WaitGroup
	for i, name := range names {
		wg.Add(1)
		slots <- struct{}{}
		go func() {
			defer wg.Done()
			defer func() { <-slots }()
			rep, err := check(ctx, name)
			results[i] = packageResult{Path: name, Report: rep, Err: err}
		}()
	}
	wg.Wait()
	return results
}

// checkPackage checks one package of a batch (a file, a folder package, a
// URL or standard input), without a progress bar: bars of parallel checks
// would draw over one another.
func checkPackage(ctx context.Context, name string, stdin io.Reader, stderr io.Writer, f *checkFlags, opts []engine.Option, failOn report.Severity) (*report.Report, error) {
	src, closeSrc, remote, err := openInput(ctx, name, stdin, f.descriptorOnly, stderr)
	if err != nil {
		return nil, err
	}
	defer closeSrc()
	opts = append(slices.Clip(opts), remote.options(f.structureOnly)...)
	rep, err := engine.Check(ctx, src, opts...)
	remote.annotate(rep)
	if err != nil {
		return nil, err
	}
	rep.Verdict = report.VerdictOf(rep.Findings, failOn)
	return rep, nil
}

// writeResults renders the results of a batch in f.format.
func writeResults(w io.Writer, results []packageResult, f *checkFlags, failOn report.Severity) error {
	switch f.format {
	case "sarif":
		return writeSARIF(w, results, sarifOptions{Profile: f.profile, RulesURL: f.rulesURL})
	case "junit":
		return writeJUnit(w, results, failOn)
	case "jsonl":
		return writeJSONL(w, results)
	case "json":
		return writeJSONArray(w, results)
	default:
		return writeTexts(w, results, useColor(w, f.noColor))
	}
}

// writeJSONL writes one report per line, each a compact report of the
// contract; a package that could not be checked is a line
// {"input":{"name":...},"error":"..."} instead.
func writeJSONL(w io.Writer, results []packageResult) error {
	enc := json.NewEncoder(w)
	for _, r := range results {
		if err := enc.Encode(jsonEntry(r)); err != nil {
			return err
		}
	}
	return nil
}

// writeJSONArray writes the results as one JSON array, in the shape of
// writeJSONL's lines.
func writeJSONArray(w io.Writer, results []packageResult) error {
	entries := make([]any, len(results))
	for i, r := range results {
		entries[i] = jsonEntry(r)
	}
	return writeJSON(w, entries)
}

// checkError stands for a package that could not be checked, in JSON.
type checkError struct {
	Input struct {
		Name string `json:"name"`
	} `json:"input"`
	Error string `json:"error"`
}

func jsonEntry(r packageResult) any {
	if r.Err == nil {
		return r.Report
	}
	var e checkError
	e.Input.Name = r.Path
	e.Error = r.Err.Error()
	return e
}

// writeTexts writes each report as text, headed by its path when the
// report names only the file.
func writeTexts(w io.Writer, results []packageResult, color bool) error {
	for i, r := range results {
		if i > 0 {
			fmt.Fprintln(w)
		}
		if r.Err != nil {
			fmt.Fprintf(w, "ERROR %s: %v\n", r.Path, r.Err)
			continue
		}
		if len(results) > 1 {
			fmt.Fprintf(w, "== %s\n", r.Path)
		}
		if err := report.WriteText(w, r.Report, report.TextOptions{Color: color}); err != nil {
			return err
		}
	}
	return nil
}

// writeSummary writes one row per package: verdict, counts by severity and
// path, then the totals.
func writeSummary(w io.Writer, results []packageResult) {
	fmt.Fprintf(w, "\nSummary\n  %-7s %6s %8s %6s  %s\n", "verdict", "errors", "warnings", "notes", "package")
	tally := map[string]int{}
	for _, r := range results {
		if r.Err != nil {
			fmt.Fprintf(w, "  %-7s %6s %8s %6s  %s: %v\n", "ERROR", "-", "-", "-", r.Path, r.Err)
			tally["could not check"]++
			continue
		}
		e, wn, n := severityCounts(r.Report.Findings)
		fmt.Fprintf(w, "  %-7s %6d %8d %6d  %s\n", strings.ToUpper(string(r.Report.Verdict)), e, wn, n, r.Path)
		tally[string(r.Report.Verdict)]++
	}
	noun := "packages"
	if len(results) == 1 {
		noun = "package"
	}
	fmt.Fprintf(w, "  %d %s: %d pass, %d warn, %d fail, %d could not be checked\n",
		len(results), noun, tally["pass"], tally["warn"], tally["fail"], tally["could not check"])
}

func severityCounts(fs []report.Finding) (errors, warnings, notes int) {
	for _, f := range fs {
		switch f.Severity {
		case report.Error:
			errors++
		case report.Warning:
			warnings++
		default:
			notes++
		}
	}
	return
}
