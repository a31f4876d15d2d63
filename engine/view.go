package engine

import (
	"io"

	"github.com/ovacheck/ovacheck/engine/archive"
	"github.com/ovacheck/ovacheck/engine/envelope"
	"github.com/ovacheck/ovacheck/engine/internal/digest"
	"github.com/ovacheck/ovacheck/engine/internal/pkgname"
	"github.com/ovacheck/ovacheck/engine/manifest"
	"github.com/ovacheck/ovacheck/engine/report"
)

// pkgView is the package as its source assembled it (assemble.go and one
// file per source kind: ova.go, folder.go, stream.go, descriptor.go,
// ovagz.go, ovazip.go): the members in order, found by name with the one
// set of name rules (members.go, package pkgname); the archive index; the
// descriptor, manifest and certificate, each read whole once, and their
// parses; and what assembling them found. Once assembled it is read-only:
// the passes (structure.go, digests.go, targets.go) only read it, some of
// them at the same time.
type pkgView struct {
	// input describes what the user gave, as the report shows it.
	input report.Input

	members memberSet
	index   *archive.Index // nil unless the source is a tar archive

	// The descriptor, manifest and certificate: their member names ("" when
	// absent) and bytes (nil when not read).
	descName, mfName, certName string
	descData, mfData, certData []byte

	// The parsed descriptor (with the findings of parsing it) and
	// manifest; nil when absent or not read.
	env         *envelope.Envelope
	envFindings []report.Finding
	mf          *manifest.Manifest

	// hrefs are the member names the descriptor's Files name, in
	// References order (percent-decoded, without "./"); chunked tells
	// which are chunked.
	hrefs   []string
	chunked map[string]bool

	// findings are what assembling the package found (archive structure,
	// compression, a missing or oversized descriptor); incomplete is set
	// when the input could not be read to its end; skipped lists what the
	// source let no check look at, in the user's words.
	findings   []report.Finding
	incomplete bool
	skipped    []string

	// opaque is set when the input is not an archive ovacheck looks into:
	// only its whole-file digests are judged.
	opaque bool
	// descriptorOnly is set when the source held the descriptor alone:
	// the passes over files, manifest, signature and digests have nothing
	// to look at.
	descriptorOnly bool
	// unsent lists the referenced files a folder lacks when they count as
	// not sent (WithUnsentFilesUnchecked): presence and sizes are not
	// judged.
	unsent []string

	// whole is the input read at random for its whole-file digests (nil
	// for a stream, which hashed it as it passed into wholeDigests).
	whole        io.ReaderAt
	wholeDigests digest.Set

	closers []io.Closer
}

// close releases the files the source opened.
func (v *pkgView) close() {
	for _, c := range v.closers {
		c.Close()
	}
}

// descAt locates a position in the descriptor.
func (v *pkgView) descAt(p envelope.Pos) report.Location {
	return report.At(v.descName, p.Line, p.Column)
}

// noteReferences records the member names the parsed descriptor's Files
// name (see hrefs): the reference, layout, coverage and disk passes all
// ask for them.
func (v *pkgView) noteReferences() {
	v.hrefs, v.chunked = []string{}, map[string]bool{}
	if v.env == nil {
		return
	}
	for _, f := range v.env.References {
		name := pkgname.Href(f.Href)
		if f.ChunkSize != nil {
			v.chunked[name] = true
		}
		v.hrefs = append(v.hrefs, name)
	}
}

// expandedHrefs is hrefs with chunked files replaced by the chunk members
// present in the package.
func (v *pkgView) expandedHrefs() []string {
	var out []string
	for _, h := range v.hrefs {
		if !v.chunked[h] {
			out = append(out, h)
			continue
		}
		for i := 0; ; i++ {
			n := pkgname.Chunk(h, i)
			if _, ok := v.members.lookup(n); !ok {
				break
			}
			out = append(out, n)
		}
	}
	return out
}

// presenceKnown tells whether the view shows which files the package
// holds: not for a descriptor alone, nor for a folder whose absent files
// count as not sent.
func (v *pkgView) presenceKnown() bool { return !v.descriptorOnly && len(v.unsent) == 0 }

// heldBytes returns the bytes of the descriptor, manifest or certificate
// when the view holds them whole, or nil.
func (v *pkgView) heldBytes(name string) []byte {
	var b []byte
	switch name {
	case v.descName:
		b = v.descData
	case v.mfName:
		b = v.mfData
	case v.certName:
		b = v.certData
	}
	if m := v.members.named(name); b == nil || m == nil || int64(len(b)) != m.size {
		return nil
	}
	return b
}

// algorithmsFor returns the algorithms the manifest lists for member.
func (v *pkgView) algorithmsFor(name string) []digest.Algorithm {
	if v.mf == nil {
		return nil
	}
	return v.mf.Algorithms(name)
}

// packageFiles answers the conformance rules' questions about file
// presence and sizes: a chunked File's size is the sum of its chunks.
type packageFiles struct{ v *pkgView }

func (p packageFiles) Size(href string) (int64, bool) {
	if !p.v.chunked[href] {
		m, ok := p.v.members.lookup(href)
		if !ok {
			return 0, false
		}
		return m.size, true
	}
	var sum int64
	found := false
	for i := 0; ; i++ {
		m, ok := p.v.members.lookup(pkgname.Chunk(href, i))
		if !ok {
			break
		}
		sum += m.size
		found = true
	}
	return sum, found
}

// InArchive tells the reference rules whether hrefs must point into an
// archive (URLs and ".." are errors there).
func (p packageFiles) InArchive() bool { return p.v.index != nil }
