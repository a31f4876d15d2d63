package main

import (
	"context"
	"crypto/x509"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"time"

	"github.com/ovacheck/ovacheck/engine"
	"github.com/ovacheck/ovacheck/engine/compat"
	"github.com/ovacheck/ovacheck/engine/policy"
	"github.com/ovacheck/ovacheck/engine/report"
	"github.com/ovacheck/ovacheck/engine/signature"
)

const version = engine.Version

// checkFlags are the flags of a check.
type checkFlags struct {
	format         string
	profile        string
	targets        string
	failOn         string
	descriptorOnly bool
	deep           bool
	sha256         string
	sha512         string
	trust          string
	signerSHA256   string
	at             string
	noColor        bool
	noProgress     bool
	policy         string
	structureOnly  bool
	jobs           int
	rulesURL       string
}

func (f *checkFlags) register(fs *flag.FlagSet) {
	fs.StringVar(&f.format, "format", "text", "output `format`: text, json, html (one package), jsonl (a report a line), sarif or junit")
	fs.StringVar(&f.profile, "profile", "compat", "`profile`: compat (what consumers accept) or strict (the letter of DSP0243)")
	fs.StringVar(&f.targets, "target", "", "comma-separated `targets` to judge, e.g. vsphere-8.0,virtualbox-7 (default all)")
	fs.StringVar(&f.failOn, "fail-on", "error", "`severity` that makes the verdict fail: error or warning")
	fs.BoolVar(&f.descriptorOnly, "descriptor-only", false, "check an .ovf on its own: skip file presence, sizes and digests")
	fs.BoolVar(&f.deep, "deep", false, "also inflate every compressed grain of stream-optimized VMDKs and gzip files")
	fs.StringVar(&f.sha256, "sha256", "", "expected SHA-256 of the whole file (`hex`), as a vendor publishes it")
	fs.StringVar(&f.sha512, "sha512", "", "expected SHA-512 of the whole file (`hex`)")
	fs.StringVar(&f.trust, "trust", "", "PEM `file` of root certificates to build the signer's chain to")
	fs.StringVar(&f.signerSHA256, "signer-sha256", "", "required SHA-256 fingerprint of the signer certificate (`hex`)")
	fs.StringVar(&f.at, "at", "", "judge certificate validity at this `time` (RFC 3339 or YYYY-MM-DD) instead of now")
	fs.BoolVar(&f.noColor, "no-color", false, "never colour the text output (NO_COLOR does the same)")
	fs.BoolVar(&f.noProgress, "no-progress", false, "never draw a progress bar")
	fs.StringVar(&f.policy, "policy", "", "organisation policy `file` (JSON, see schemas/policy.schema.json)")
	fs.BoolVar(&f.structureOnly, "structure-only", false, "judge an archive's headers, descriptor, manifest and certificate only; skip the digests of the other members (for a URL: fetch only those)")
	fs.IntVar(&f.jobs, "jobs", runtime.NumCPU(), "check at most `n` packages at a time")
	fs.StringVar(&f.rulesURL, "rules-url", "", "`base` URL of the site's rule pages (<base>/<ID>.html) for SARIF helpUri")
}

func usage(w io.Writer) {
	fmt.Fprint(w, `ovacheck checks OVF packages: is it intact, is it well-formed, will it import, what is in it.

usage:
  ovacheck [flags] PACKAGE.ova | DESCRIPTOR.ovf | FOLDER | - | https://HOST/PACKAGE.ova
  ovacheck [flags] PACKAGE|FOLDER|GLOB...   several at once, --jobs at a time, with a summary
  ovacheck info [flags] PACKAGE
  ovacheck spec [--format text|json] [--hidden] PACKAGE   what a deployer must decide (govc import.spec JSON)
  ovacheck rules
  ovacheck explain RULE

exit status: 0 pass or warn, 1 fail, 2 could not run

flags:
`)
	fs := flag.NewFlagSet("ovacheck", flag.ContinueOnError)
	fs.SetOutput(w)
	new(checkFlags).register(fs)
	fs.PrintDefaults()
}

// check runs one check; info prints the package summary instead of the
// findings.
func check(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer, info bool) int {
	fs := flag.NewFlagSet("ovacheck", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	var f checkFlags
	f.register(fs)
	positional, err := parseInterspersed(fs, args)
	if err != nil {
		fmt.Fprintf(stderr, "ovacheck: %v\n(run ovacheck --help for usage)\n", err)
		return exitCantRun
	}
	if len(positional) == 0 || info && len(positional) != 1 {
		fmt.Fprintln(stderr, "ovacheck: name one package to check (a file, a folder, or - for standard input)\n(run ovacheck --help for usage)")
		return exitCantRun
	}
	opts, failOn, err := f.options()
	if err != nil {
		fmt.Fprintf(stderr, "ovacheck: %v\n", err)
		return exitCantRun
	}
	if !info && wantsBatch(positional, f.format) {
		return checkBatch(ctx, positional, stdin, stdout, stderr, &f, opts, failOn)
	}
	src, closeSrc, remote, err := openInput(ctx, positional[0], stdin, f.descriptorOnly, stderr)
	if err != nil {
		fmt.Fprintf(stderr, "ovacheck: %v\n", err)
		return exitCantRun
	}
	defer closeSrc()

	bar := newProgressBar(stderr, !f.noProgress)
	opts = append(opts, engine.WithProgress(bar.update))
	opts = append(opts, remote.options(f.structureOnly)...)
	rep, err := engine.Check(ctx, src, opts...)
	bar.finish()
	remote.annotate(rep)
	if err != nil {
		fmt.Fprintf(stderr, "ovacheck: %v\n", err)
		return exitCantRun
	}
	rep.Verdict = report.VerdictOf(rep.Findings, failOn)

	if info && f.format == "json" {
		err = writeJSON(stdout, rep.Package)
	} else if info {
		err = writeInfo(stdout, rep)
	} else {
		err = write(stdout, rep, f.format, useColor(stdout, f.noColor))
		remote.note(stdout, f.format)
	}
	if err != nil {
		fmt.Fprintf(stderr, "ovacheck: %v\n", err)
		return exitCantRun
	}
	if rep.Verdict == report.Fail {
		return exitFail
	}
	return exitOK
}

// options turns the flags into engine options.
func (f *checkFlags) options() ([]engine.Option, report.Severity, error) {
	var opts []engine.Option
	switch f.profile {
	case "compat", "strict":
		opts = append(opts, engine.WithProfile(f.profile))
	default:
		return nil, "", fmt.Errorf("unknown profile %q: use compat or strict", f.profile)
	}
	failOn := report.Error
	switch f.failOn {
	case "error":
	case "warning":
		failOn = report.Warning
	default:
		return nil, "", fmt.Errorf("--fail-on takes error or warning, not %q", f.failOn)
	}
	switch f.format {
	case "text", "json", "html", "jsonl", "sarif", "junit":
	default:
		return nil, "", fmt.Errorf("unknown format %q: use text, json, html, jsonl, sarif or junit", f.format)
	}
	if f.targets != "" {
		names := strings.Split(f.targets, ",")
		for _, n := range names {
			if !slices.Contains(compat.Targets(), strings.ToLower(strings.TrimSpace(n))) {
				return nil, "", fmt.Errorf("unknown target %q: use %s", n, strings.Join(compat.Targets(), ", "))
			}
		}
		opts = append(opts, engine.WithTargets(names...))
	}
	if f.policy != "" {
		p, err := policy.LoadFile(f.policy)
		if err != nil {
			return nil, "", err
		}
		var ts []string
		if f.targets != "" {
			ts = strings.Split(f.targets, ",")
		}
		opts = append(opts, p.Options(ts)...)
	}
	if f.deep {
		opts = append(opts, engine.WithDeep(true))
	}
	for alg, want := range map[string]string{"sha256": f.sha256, "sha512": f.sha512} {
		if want != "" {
			opts = append(opts, engine.WithExpectedDigest(alg, strings.ToLower(strings.TrimSpace(want))))
		}
	}
	if f.trust != "" {
		pem, err := os.ReadFile(f.trust)
		if err != nil {
			return nil, "", fmt.Errorf("reading trust roots: %w", err)
		}
		pool := x509.NewCertPool()
		if !pool.AppendCertsFromPEM(pem) {
			return nil, "", fmt.Errorf("%s holds no PEM certificate", f.trust)
		}
		opts = append(opts, engine.WithTrustRoots(pool))
	}
	if f.signerSHA256 != "" {
		pin, err := signature.NormalizePin(f.signerSHA256)
		if err != nil {
			return nil, "", fmt.Errorf("--signer-sha256: %w", err)
		}
		opts = append(opts, engine.WithSignerPin(pin))
	}
	if f.at != "" {
		t, err := parseTime(f.at)
		if err != nil {
			return nil, "", err
		}
		opts = append(opts, engine.WithTime(t))
	}
	return opts, failOn, nil
}

func parseTime(s string) (time.Time, error) {
	for _, layout := range []string{time.RFC3339, "2006-01-02"} {
		if t, err := time.Parse(layout, s); err == nil {
			return t, nil
		}
	}
	return time.Time{}, fmt.Errorf("--at %q is neither RFC 3339 nor YYYY-MM-DD", s)
}

// openSource opens the named input: "-" is standard input read once, a
// folder is searched for its one descriptor, an .ovf is checked with the
// files beside it (or alone with descriptorOnly), anything else is read as
// an archive.
func openSource(name string, stdin io.Reader, descriptorOnly bool) (engine.Source, func(), error) {
	nop := func() {}
	if name == "-" {
		return engine.Stream("-", stdin), nop, nil
	}
	st, err := os.Stat(name)
	if err != nil {
		return engine.Source{}, nop, err
	}
	if st.IsDir() {
		entries, err := os.ReadDir(name)
		if err != nil {
			return engine.Source{}, nop, err
		}
		var ovfs []string
		for _, e := range entries {
			if e.Type().IsRegular() && strings.EqualFold(filepath.Ext(e.Name()), ".ovf") {
				ovfs = append(ovfs, filepath.Join(name, e.Name()))
			}
		}
		if len(ovfs) != 1 {
			return engine.Source{}, nop, fmt.Errorf("%s holds %d .ovf files; name the descriptor to check", name, len(ovfs))
		}
		name = ovfs[0]
	}
	if strings.EqualFold(filepath.Ext(name), ".ovf") {
		if descriptorOnly {
			data, err := readCapped(name)
			if err != nil {
				return engine.Source{}, nop, err
			}
			return engine.Descriptor(filepath.Base(name), data), nop, nil
		}
		// os.Root refuses links that lead out of the folder: a symlink
		// named like a disk cannot make the check read another file.
		root, err := os.OpenRoot(filepath.Dir(name))
		if err != nil {
			return engine.Source{}, nop, err
		}
		return engine.Folder(root.FS(), filepath.Base(name)), func() { root.Close() }, nil
	}
	if descriptorOnly {
		src, err := descriptorOnlySource(name)
		return src, nop, err
	}
	file, err := os.Open(name)
	if err != nil {
		return engine.Source{}, nop, err
	}
	return engine.OVA(filepath.Base(name), file, st.Size()), func() { file.Close() }, nil
}

// readCapped reads a descriptor for --descriptor-only, refusing one larger
// than the engine would read anyway.
func readCapped(name string) ([]byte, error) {
	const max = 32 << 20
	f, err := os.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, max+1))
	if err != nil {
		return nil, err
	}
	if len(data) > max {
		return nil, fmt.Errorf("%s is larger than %d bytes: not a descriptor", name, max)
	}
	return data, nil
}

// write renders the report in the chosen format.
func write(w io.Writer, rep *report.Report, format string, color bool) error {
	switch format {
	case "json":
		return writeJSON(w, rep)
	case "html":
		return writeHTML(w, rep)
	default:
		return report.WriteText(w, rep, report.TextOptions{Color: color})
	}
}

// useColor reports whether w is a terminal that may be coloured.
func useColor(w io.Writer, noColor bool) bool {
	if noColor || os.Getenv("NO_COLOR") != "" {
		return false
	}
	return isTerminal(w)
}

func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}

func writeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}

// parseInterspersed parses flags wherever they stand, before or after the
// package name (ovacheck a.ova --format json), and returns the other
// arguments. "--" ends the flags; "-" is standard input, not a flag.
func parseInterspersed(fs *flag.FlagSet, args []string) ([]string, error) {
	var positional []string
	for {
		if err := fs.Parse(args); err != nil {
			return nil, err
		}
		rest := fs.Args()
		if len(rest) == 0 {
			return positional, nil
		}
		if len(args) > 0 && len(rest) < len(args) && args[len(args)-len(rest)-1] == "--" {
			return append(positional, rest...), nil
		}
		positional = append(positional, rest[0])
		args = rest[1:]
	}
}
