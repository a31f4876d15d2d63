package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"net/url"
	"os"
	"path/filepath"
	"runtime"
	"strings"

	"github.com/ovacheck/ovacheck/engine"
	"github.com/ovacheck/ovacheck/engine/report"
	"github.com/ovacheck/ovacheck/engine/settings"
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
	opts, failOn, err := f.options(fs)
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

// settingFlags maps each flag that is an option of the check onto its key
// in package settings, which validates them all (the page, the widget and
// the API map their input onto the same keys). --trust and --policy name
// files: their text is the value.
var settingFlags = map[string]string{
	"profile": settings.KeyProfile, "target": settings.KeyTargets, "fail-on": settings.KeyFailOn,
	"descriptor-only": settings.KeyDescriptorOnly, "deep": settings.KeyDeep,
	"sha256": settings.KeySHA256, "sha512": settings.KeySHA512,
	"trust": settings.KeyTrustRoots, "signer-sha256": settings.KeySignerSHA256, "at": settings.KeyAt,
	"policy": settings.KeyPolicy, "structure-only": settings.KeyStructureOnly,
}

// options turns the flags given in fs into engine options and the
// severity that fails the verdict.
func (f *checkFlags) options(fs *flag.FlagSet) ([]engine.Option, report.Severity, error) {
	switch f.format {
	case "text", "json", "html", "jsonl", "sarif", "junit":
	default:
		return nil, "", fmt.Errorf("unknown format %q: use text, json, html, jsonl, sarif or junit", f.format)
	}
	v := url.Values{}
	files := map[string]string{} // key -> the file its text came from
	var readErr error
	fs.Visit(func(fl *flag.Flag) {
		key, ok := settingFlags[fl.Name]
		if !ok || readErr != nil {
			return
		}
		val := fl.Value.String()
		if key == settings.KeyTrustRoots || key == settings.KeyPolicy {
			data, err := readOptionFile(val)
			if err != nil {
				readErr = fmt.Errorf("--%s: %w", fl.Name, err)
				return
			}
			files[key], val = val, string(data)
		}
		v.Set(key, val)
	})
	if readErr != nil {
		return nil, "", readErr
	}
	s, err := settings.Parse(v)
	if err != nil {
		var e *settings.Error
		if errors.As(err, &e) && files[e.Key] != "" {
			return nil, "", fmt.Errorf("%s: %w", files[e.Key], err)
		}
		return nil, "", err
	}
	f.profile = s.Profile
	return s.Options(), s.FailOn, nil
}

// readOptionFile reads a PEM or policy file, refusing one far larger than
// either ever is.
func readOptionFile(name string) ([]byte, error) {
	const max = 4 << 20
	file, err := os.Open(name)
	if err != nil {
		return nil, err
	}
	defer file.Close()
	data, err := io.ReadAll(io.LimitReader(file, max+1))
	if err != nil {
		return nil, err
	}
	if len(data) > max {
		return nil, fmt.Errorf("%s is over %d MiB: not a PEM or policy file", name, max>>20)
	}
	return data, nil
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
