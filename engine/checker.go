package engine

import (
	"context"
	"errors"
	"fmt"
	"io"
	"maps"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/ovacheck/ovacheck/engine/compat"
	"github.com/ovacheck/ovacheck/engine/conformance"
	"github.com/ovacheck/ovacheck/engine/disk"
	"github.com/ovacheck/ovacheck/engine/envelope"
	"github.com/ovacheck/ovacheck/engine/internal/capped"
	"github.com/ovacheck/ovacheck/engine/internal/digest"
	"github.com/ovacheck/ovacheck/engine/internal/pkgname"
	"github.com/ovacheck/ovacheck/engine/manifest"
	"github.com/ovacheck/ovacheck/engine/report"
	"github.com/ovacheck/ovacheck/engine/rules"
)

// checker holds the state of one check.
type checker struct {
	src   Source
	o     options
	start time.Time
	rep   *report.Report

	// pkgView is what the source assembled (view.go).
	pkgView

	// mfVersion is the OVF version mf was parsed for; mfJudged is set once
	// its findings are added.
	mfVersion string
	mfJudged  bool

	// computed digests by member and algorithm; disk probe results.
	computed map[string]digest.Set
	images   map[string]*report.DiskImage

	deep []disk.DeepChecker

	// parsed is a descriptor parsed before the check reached it (a
	// stream parses its descriptor as it passes, to know the disks).
	parsed struct {
		name     string
		env      *envelope.Envelope
		findings []report.Finding
	}

	bytesRead atomic.Int64
	findings  []report.Finding

	progressMu   sync.Mutex
	lastProgress Progress

	// unsentAllowed is set by a folder source when WithUnsentFilesUnchecked
	// asks for absent files to count as not sent (see unsent).
	unsentAllowed bool

	// closers are the folder files opened for the check, closed when it
	// ends.
	closers []io.Closer
}

func newChecker(src Source, o options) *checker {
	return &checker{src: src, o: o, start: time.Now(),
		computed: map[string]digest.Set{}, images: map[string]*report.DiskImage{}}
}

// add records findings. A finding about the input as a whole (no member)
// names the input, so every location names a file the user has.
func (c *checker) add(fs ...report.Finding) {
	for _, f := range fs {
		if f.Location.Member == "" {
			f.Location.Member = c.src.name
		}
		c.findings = append(c.findings, f)
	}
}

// progress reports p to the user's callback, one call at a time (hashing
// goroutines report concurrently) and never with less done than before in
// the same phase.
func (c *checker) progress(p Progress) {
	if c.o.progress == nil {
		return
	}
	c.progressMu.Lock()
	defer c.progressMu.Unlock()
	if p.Phase == c.lastProgress.Phase && p.Done < c.lastProgress.Done {
		return
	}
	c.lastProgress = p
	c.o.progress(p)
}

func (c *checker) run(ctx context.Context) (*report.Report, error) {
	defer func() {
		for _, cl := range c.closers {
			cl.Close()
		}
	}()
	c.rep = &report.Report{
		MediaType: report.MediaType,
		Tool:      report.Tool{Name: "ovacheck", Version: c.o.toolVersion},
		Input:     report.Input{Name: c.src.name, Size: c.src.size, Kind: c.src.kind},
		Profile:   c.o.profile,
		Complete:  true,
		Findings:  []report.Finding{},
		Files:     []report.File{},
		Targets:   []report.Target{},
		Package:   emptyPackage(),
	}
	var err error
	switch c.src.kind {
	case "ova":
		err = c.runOVA(ctx)
	case "folder":
		err = c.runFolder(ctx)
	case "stream":
		err = c.runStream(ctx)
	case "descriptor":
		err = c.runDescriptor()
	default:
		err = errors.New("engine: zero Source")
	}
	if err != nil {
		return nil, err
	}
	if err := c.judgeTargets(); err != nil {
		return nil, err
	}
	c.finish()
	return c.rep, nil
}

func emptyPackage() report.Package {
	return report.Package{VirtualSystems: []report.VirtualSystem{}, Disks: []report.Disk{},
		Networks: []report.Network{}, Eulas: []report.Eula{}}
}

// parseDescriptor parses the descriptor and fills the package summary.
func (c *checker) parseDescriptor() {
	if c.descData == nil || c.env != nil {
		return
	}
	env, fs := c.parsed.env, c.parsed.findings
	if env == nil || c.parsed.name != c.descName {
		env, fs = envelope.Parse(c.descData, c.descName)
	}
	c.add(fs...)
	c.env = env
	if env != nil {
		c.rep.Package = env.Summary()
		c.rep.Package.Descriptor = c.descName
	}
}

// parseManifest parses the manifest once, knowing the descriptor's
// version, and reports whether there is one.
func (c *checker) parseManifest() bool {
	if c.mfJudged {
		return c.mf != nil
	}
	version := ""
	if c.env != nil {
		version = c.env.Version
	}
	if c.mf != nil && (c.mfData == nil || c.mf.Member != c.mfName || c.mfVersion != version) {
		c.mf = nil // parsed early by a stream, for another version or file
	}
	if c.mfData == nil {
		return false
	}
	if c.mf == nil {
		c.mf = manifest.Parse(c.mfData, c.mfName, version)
		c.mfVersion = version
	}
	c.mfJudged = true
	c.add(c.mf.Findings...)
	return true
}

// judgeStructure runs every check that needs no disk byte: descriptor,
// cross-references, layout, manifest syntax and coverage, signature.
func (c *checker) judgeStructure() {
	c.progress(Progress{Phase: "parse"})
	c.parseDescriptor()
	if c.env != nil {
		var files conformance.Files = packageFiles{&c.pkgView}
		if c.unsent() != nil {
			files = nil // presence and sizes cannot be judged
		}
		c.add(conformance.Check(c.env, files)...)
	}
	if c.unsent() == nil && c.env != nil {
		c.add(chunkFindings(&c.pkgView)...)
	}
	c.add(layoutFindings(&c.pkgView)...)
	if c.parseManifest() {
		c.add(coverageFindings(&c.pkgView, c.o.unsent)...)
	}
	c.judgeSignature()
	images, fs := diskFindings(&c.pkgView)
	c.add(fs...)
	maps.Copy(c.images, images)
	if c.o.structural != nil {
		pre := *c.rep
		pre.Complete = false
		pre.Findings = c.sortedFindings()
		compat.Settle(nil, pre.Findings, c.o.profile, c.o.targets)
		pre.Verdict = report.VerdictOf(pre.Findings, report.Error)
		c.fileTable(nil)
		pre.Files = c.rep.Files
		report.Bound(&pre)
		c.o.structural(&pre)
	}
}

// finish applies the profile, sorts the findings and sets the verdict.
func (c *checker) finish() {
	c.rep.Findings = c.sortedFindings()
	compat.Settle(c.rep.Targets, c.rep.Findings, c.o.profile, c.o.targets)
	if c.o.policy != nil {
		c.o.policy.Apply(c.rep)
		c.rep.Findings = capped.Report(c.rep.Findings, c.src.name, isPolicyRule)
		report.Sort(c.rep.Findings)
	}
	c.rep.Verdict = report.VerdictOf(c.rep.Findings, report.Error)
	report.Bound(c.rep)
	c.rep.Stats = report.Stats{BytesRead: c.bytesRead.Load(), ElapsedMs: time.Since(c.start).Milliseconds()}
}

// sortedFindings returns the findings so far with the profile's severities,
// capped per rule and sorted.
func (c *checker) sortedFindings() []report.Finding {
	fs := make([]report.Finding, 0, len(c.findings))
	for _, f := range c.findings {
		if r, ok := rules.Lookup(f.Rule); ok && c.o.profile == "strict" && r.Strict != "" {
			f.Severity = r.Strict
		}
		fs = append(fs, f)
	}
	out := capped.Report(fs, c.src.name, func(string) bool { return true })
	report.Sort(out)
	return slices.Clip(out)
}

// isPolicyRule tells the policy's POL rules, which a policy adds after the
// engine's findings were capped.
func isPolicyRule(id string) bool { return strings.HasPrefix(id, "POL") }

// unsent lists the files the descriptor references that a folder source
// lacks, when they count as not sent (WithUnsentFilesUnchecked).
func (c *checker) unsent() []string {
	if !c.unsentAllowed {
		return nil
	}
	var out []string
	hrefs, chunked := c.referencedHrefs()
	for _, h := range hrefs {
		name := h
		if chunked[h] {
			name = pkgname.Chunk(h, 0)
		}
		if _, ok := c.members.lookup(name); !ok {
			out = append(out, name)
		}
	}
	return out
}

// judgeTargets gives each target consumer's verdict on the package and the
// CMP findings behind it. An unknown target name is an error: the check
// was asked for something it cannot do.
func (c *checker) judgeTargets() error {
	in := compat.Input{Env: c.env, Manifest: c.mf, Files: c.rep.Files, Images: c.images}
	if c.index != nil {
		in.Archive = c.index
	}
	ts, fs, err := compat.Judge(in, c.o.targets)
	if err != nil {
		return fmt.Errorf("engine: %w", err)
	}
	c.rep.Targets = ts
	if len(c.o.targets) == 0 {
		// No target named: every consumer is judged and shown, but none
		// was asked for, so what one of them refuses is a note; the
		// verdict rests on the generic rules.
		for i := range fs {
			fs[i].Severity = report.Info
		}
	}
	c.add(fs...)
	return nil
}
