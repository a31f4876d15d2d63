package engine

import (
	"context"
	"fmt"
	"maps"
	"slices"
	"strings"
	"sync/atomic"

	"github.com/ovacheck/ovacheck/engine/internal/digest"
	"github.com/ovacheck/ovacheck/engine/manifest"
	"github.com/ovacheck/ovacheck/engine/report"
	"github.com/ovacheck/ovacheck/engine/rules"
)

// digestPhase hashes every member the manifest lists (and the whole input
// when asked), then judges the digests.
func (c *checker) digestPhase(ctx context.Context) error {
	if c.o.structureOnly != "" {
		return c.heldDigestsOnly()
	}
	var jobs []digest.Job
	var names []string
	var total int64
	for _, m := range c.members.list {
		if m.r == nil || c.members.named(m.name) != m {
			// A file that cannot be read at random, or a second member of
			// the same name: the first one is the package's (PKG023
			// reports the duplicate).
			continue
		}
		algs := c.algorithmsFor(m.name)
		if held := c.heldBytes(m.name); held != nil {
			// Read whole already: hash it from memory, not read it again.
			if len(algs) > 0 {
				c.computed[m.name] = digest.Bytes(held, algs)
			}
			continue
		}
		extra := c.deepCheckers(m)
		if len(algs) == 0 && len(extra) == 0 {
			continue
		}
		jobs = append(jobs, digest.NewJob(m.name, m.r, m.base, m.size, algs, extra))
		names = append(names, m.name)
		total += m.size
	}
	wholeAlgs := c.wholeFileAlgorithms()
	wantWhole := len(wholeAlgs) > 0 && c.src.ra != nil
	_, delegate := c.src.ra.(RangeDigester)
	if wantWhole && delegate {
		// The source hashes for us: ask for the whole file as one more
		// range, which its workers hash alongside the members.
		jobs = append(jobs, digest.NewJob("", c.src.ra, 0, c.src.size, wholeAlgs, nil))
		total += c.src.size
	} else if wantWhole {
		total = c.src.size // one read of the whole input covers the members too
	}
	var done atomic.Int64
	c.progress(Progress{Phase: "digest", Total: total})
	count := func(n int64) {
		d := done.Add(n)
		c.bytesRead.Add(n)
		c.progress(Progress{Phase: "digest", Done: d, Total: total})
	}
	var results []digest.Set
	var whole digest.Set
	var err error
	if wantWhole && !delegate {
		whole, results, err = digest.Whole(ctx, c.src.ra, c.src.size, wholeAlgs, jobs, count)
	} else {
		results, err = digest.Run(ctx, jobs, count)
		if err == nil && wantWhole {
			whole, results = results[len(results)-1], results[:len(results)-1]
		}
	}
	if wantWhole {
		c.rep.WholeFile = whole.Strings()
	}
	if err != nil {
		return err
	}
	computed := c.computed
	for i := range names {
		computed[names[i]] = results[i]
	}
	c.judgeDigests(computed)
	for _, d := range c.deep {
		c.add(d.Findings()...)
	}
	c.judgeWholeFile()
	c.progress(Progress{Phase: "done", Done: total, Total: total})
	return nil
}

// algorithmsFor returns the algorithms the manifest lists for member.
func (c *checker) algorithmsFor(name string) []digest.Algorithm {
	if c.mf == nil {
		return nil
	}
	return c.mf.Algorithms(name)
}

// judgeDigests compares computed digests with the manifest and fills the
// file table.
func (c *checker) judgeDigests(computed map[string]digest.Set) {
	var status map[string]report.ManifestStatus
	if c.mf != nil {
		var fs []report.Finding
		fs, status = manifest.Verify(c.mf, func(file string, alg digest.Algorithm) (string, bool) {
			m, ok := c.members.lookup(file)
			if !ok {
				return "", false
			}
			d, ok := computed[m.name][alg]
			return d, ok
		})
		c.add(fs...)
	}
	for name, d := range computed {
		c.computed[name] = d
	}
	c.fileTable(status)
}

// judgeWholeFile records the whole-file pass.
func (c *checker) judgeWholeFile() {
	fs, skipped := wholeFileFindings(c.o.expected, c.rep.WholeFile, c.src.name)
	c.add(fs...)
	c.rep.Skipped = append(c.rep.Skipped, skipped...)
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
func (c *checker) wholeFileAlgorithms() []digest.Algorithm {
	if !c.o.wholeFile && len(c.o.expected) == 0 {
		return nil
	}
	algs := []digest.Algorithm{digest.SHA256}
	for name := range c.o.expected {
		if alg, ok := digest.Parse(name); ok && !slices.Contains(algs, alg) {
			algs = append(algs, alg)
		}
	}
	return algs
}

// heldBytes returns the bytes of the descriptor, manifest or certificate
// when the check already holds them whole, or nil.
func (c *checker) heldBytes(name string) []byte {
	var b []byte
	switch name {
	case c.descName:
		b = c.descData
	case c.mfName:
		b = c.mfData
	case c.certName:
		b = c.certData
	}
	if m := c.members.named(name); b == nil || m == nil || int64(len(b)) != m.size {
		return nil
	}
	return b
}

// heldDigestsOnly is the digest phase of WithStructureOnly: the members
// already held whole (the descriptor) are hashed from memory, the others
// are left not-checked and the report's Skipped says so.
func (c *checker) heldDigestsOnly() error {
	var unread []string
	for _, m := range c.members.list {
		algs := c.algorithmsFor(m.name)
		if len(algs) == 0 || c.members.named(m.name) != m {
			continue
		}
		if held := c.heldBytes(m.name); held != nil {
			c.computed[m.name] = digest.Bytes(held, algs)
			continue
		}
		unread = append(unread, m.name)
	}
	if len(unread) > 0 {
		what := strings.Join(unread, ", ")
		if len(unread) > 3 {
			what = fmt.Sprintf("%d files the manifest lists", len(unread))
		}
		c.rep.Skipped = append(c.rep.Skipped, fmt.Sprintf("digests of %s (%s)", what, c.o.structureOnly))
	}
	if c.o.deep {
		c.rep.Skipped = append(c.rep.Skipped, "deep disk check ("+c.o.structureOnly+")")
	}
	c.judgeDigests(c.computed)
	c.judgeWholeFile()
	return nil
}
