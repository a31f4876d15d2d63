package engine

import (
	"context"
	"fmt"
	"io"
	"maps"
	"runtime"
	"slices"
	"strings"
	"sync/atomic"

	"github.com/ovacheck/ovacheck/engine/disk"
	"github.com/ovacheck/ovacheck/engine/internal/assemble"
	"github.com/ovacheck/ovacheck/engine/internal/digest"
	"github.com/ovacheck/ovacheck/engine/manifest"
	"github.com/ovacheck/ovacheck/engine/report"
	"github.com/ovacheck/ovacheck/engine/rules"
)

// digests is what the digest phase computed: each member's digests by
// algorithm, and the whole input's. (What the deep checkers found and what
// was skipped are in its plan.)
type digests struct {
	members map[string]digest.Set
	whole   digest.Set
}

// digestPlan is the digest phase decided before any byte is read: the
// digests known already (members held whole, members hashed as a stream
// passed them), the reads to make, and what will not be done.
type digestPlan struct {
	known     map[string]digest.Set
	jobs      []digest.Job
	names     []string // the member of each job
	wholeAlgs []digest.Algorithm
	deep      []disk.DeepChecker
	skipped   []string
}

// planDigests decides the digest phase: every member the manifest lists is
// hashed with the algorithms it lists, each once (a second member of the
// same name is not the package's: PKG023 reports it); with WithDeep the
// disk images probed as deep-checkable are walked in the same read; the
// whole input is hashed when the user asked for it or gave its checksum.
// With WithStructureOnly nothing is read: only the members held whole are
// hashed.
func planDigests(v *assemble.View, o *options, images map[string]*report.DiskImage) digestPlan {
	p := digestPlan{known: map[string]digest.Set{}}
	if v.DescriptorOnly {
		return p
	}
	var unread []string
	for _, m := range v.Members.List {
		if v.Members.Named(m.Name) != m {
			continue
		}
		algs := v.AlgorithmsFor(m.Name)
		switch held := v.HeldBytes(m.Name); {
		case m.Streamed != nil:
			p.known[m.Name] = listed(v, m.Name, m.Streamed)
			continue
		case held != nil:
			// Read whole already: hash it from memory, not read it again.
			if len(algs) > 0 {
				p.known[m.Name] = digest.Bytes(held, algs)
			}
			continue
		case m.R == nil:
			continue
		case o.structureOnly != "":
			if len(algs) > 0 {
				unread = append(unread, m.Name)
			}
			continue
		}
		var extra []io.Writer
		if dc := deepChecker(o, m, images[m.Name]); dc != nil {
			p.deep = append(p.deep, dc)
			extra = []io.Writer{dc}
		}
		if len(algs) == 0 && len(extra) == 0 {
			continue
		}
		p.jobs = append(p.jobs, digest.NewJob(m.Name, m.R, m.Base, m.Size, algs, extra))
		p.names = append(p.names, m.Name)
	}
	if o.structureOnly != "" {
		if len(unread) > 0 {
			what := strings.Join(unread, ", ")
			if len(unread) > 3 {
				what = fmt.Sprintf("%d files the manifest lists", len(unread))
			}
			p.skipped = append(p.skipped, fmt.Sprintf("digests of %s (%s)", what, o.structureOnly))
		}
		if o.deep && !v.Passed && !v.Opaque {
			p.skipped = append(p.skipped, "deep disk check ("+o.structureOnly+")")
		}
		return p
	}
	if v.Whole != nil {
		p.wholeAlgs = o.wholeFileAlgorithms()
	}
	return p
}

// listed keeps the digests of the algorithms the manifest lists for name:
// a member that passed a stream before the manifest was hashed with every
// algorithm producers use, and the others are noise in the report.
func listed(v *assemble.View, name string, all digest.Set) digest.Set {
	if v.Manifest == nil {
		return all
	}
	out := digest.Set{}
	for _, alg := range v.AlgorithmsFor(name) {
		if d, ok := all[alg]; ok {
			out[alg] = d
		}
	}
	return out
}

// deepChecker returns the checker that walks member m's bytes during the
// digest pass when the deep check is on and the probe found a format it
// walks, or nil.
func deepChecker(o *options, m *assemble.Member, img *report.DiskImage) disk.DeepChecker {
	if !o.deep || img == nil {
		return nil
	}
	format := disk.DeepFormat(img)
	if format == "" {
		return nil
	}
	return disk.NewDeepChecker(format, m.Name, m.Size)
}

// hashing is a digest phase under way: the reads run while the structural
// passes do, so that the verdict on structure costs no hashing time.
type hashing struct {
	done chan struct{}
	d    digests
	err  error
}

// startDigests starts the digest phase planned by p on v's bytes and
// returns at once; wait gives its result.
func startDigests(ctx context.Context, v *assemble.View, p digestPlan, m *meter) *hashing {
	h := &hashing{done: make(chan struct{})}
	go func() {
		defer close(h.done)
		h.d, h.err = runDigests(ctx, v, p, m)
	}()
	// Let the reads begin before the caller's passes: on a platform with
	// one thread (WebAssembly) the new goroutine would otherwise wait for
	// them, and a RangeDigester's workers would sit idle.
	runtime.Gosched()
	return h
}

// wait returns the digest phase's result once it has finished.
func (h *hashing) wait() (digests, error) {
	<-h.done
	return h.d, h.err
}

// runDigests reads what p plans, once: each job's member, and the whole
// input when its digests are wanted (in the same read, or handed to a
// RangeDigester as one more range).
func runDigests(ctx context.Context, v *assemble.View, p digestPlan, m *meter) (digests, error) {
	d := digests{members: p.known, whole: v.WholeDigests}
	if len(p.jobs) == 0 && len(p.wholeAlgs) == 0 {
		return d, nil
	}
	jobs := p.jobs
	var total int64
	for _, j := range jobs {
		total += j.Size()
	}
	wantWhole := len(p.wholeAlgs) > 0
	_, delegate := v.Whole.(RangeDigester)
	if wantWhole && delegate {
		// The source hashes for us: ask for the whole file as one more
		// range, which its workers hash alongside the members.
		jobs = append(jobs, digest.NewJob("", v.Whole, 0, v.Input.Size, p.wholeAlgs, nil))
		total += v.Input.Size
	} else if wantWhole {
		total = v.Input.Size // one read of the whole input covers the members too
	}
	var done atomic.Int64
	m.progress(Progress{Phase: "digest", Total: total})
	count := func(n int64) {
		m.Read(n)
		m.progress(Progress{Phase: "digest", Done: done.Add(n), Total: total})
	}
	var results []digest.Set
	var err error
	switch {
	case wantWhole && !delegate:
		d.whole, results, err = digest.Whole(ctx, v.Whole, v.Input.Size, p.wholeAlgs, jobs, count)
	default:
		results, err = digest.Run(ctx, jobs, count)
		if err == nil && wantWhole {
			d.whole, results = results[len(results)-1], results[:len(results)-1]
		}
	}
	if err != nil {
		return d, err
	}
	for i, name := range p.names {
		d.members[name] = results[i]
	}
	m.progress(Progress{Phase: "done", Done: total, Total: total})
	return d, nil
}

// digestFindings is the digest pass: the computed digests against the
// manifest (the MF digest rules, manifest.Verify), what the plan's deep
// checkers found, and the whole-file checksum against the one the user
// expected. It returns the manifest status of each listed member (nil
// without a manifest) and what could not be judged, the plan's skips
// first.
func digestFindings(v *assemble.View, o *options, p digestPlan, d digests) (fs []report.Finding, status map[string]report.ManifestStatus, skipped []string) {
	if v.Manifest != nil {
		fs, status = manifest.Verify(v.Manifest, func(file string, alg digest.Algorithm) (string, bool) {
			m, ok := v.Members.Lookup(file)
			if !ok {
				return "", false
			}
			got, ok := d.members[m.Name][alg]
			return got, ok
		})
	}
	for _, dc := range p.deep {
		fs = append(fs, dc.Findings()...)
	}
	whole, skipped := wholeFileFindings(o.expected, d.whole.Strings(), v.Input.Name)
	return append(fs, whole...), status, append(slices.Clone(p.skipped), skipped...)
}

// wholeFileFindings is the whole-file pass (PKG whole-file rule): it
// compares the digests of the whole input (by lower-case algorithm name)
// with those the user expected (WithExpectedDigest), and says which
// expected ones could not be computed, in the order of their names. An
// expected digest under a name that is not an algorithm is never computed.
func wholeFileFindings(expected, whole map[string]string, input string) (fs []report.Finding, skipped []string) {
	for _, name := range slices.Sorted(maps.Keys(expected)) {
		want := expected[name]
		alg, _ := digest.Parse(name)
		got := whole[alg.String()]
		if !alg.Valid() || got == "" {
			skipped = append(skipped, "the expected "+strings.ToUpper(name)+" of the whole file (it could not be computed from this source)")
			continue
		}
		if strings.EqualFold(got, strings.TrimSpace(want)) {
			continue
		}
		fs = append(fs, rules.PkgWholeFileMismatch.New(report.InMember(input),
			"%s of %s is %s, but %s was expected", alg.Manifest(), input, got, want).
			WithHint("The file is not the one published: download it again and compare with the checksum of the same release."))
	}
	return fs, skipped
}

// wholeFileAlgorithms lists the algorithms to hash the whole input with:
// SHA-256 when asked for (the page shows it), and each algorithm of an
// expected checksum.
func (o *options) wholeFileAlgorithms() []digest.Algorithm {
	if !o.wholeFile && len(o.expected) == 0 {
		return nil
	}
	algs := []digest.Algorithm{digest.SHA256}
	for name := range o.expected {
		if alg, ok := digest.Parse(name); ok && !slices.Contains(algs, alg) {
			algs = append(algs, alg)
		}
	}
	return algs
}
