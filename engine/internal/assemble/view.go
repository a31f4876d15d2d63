package assemble

import (
	"io"

	"github.com/ovacheck/ovacheck/engine/archive"
	"github.com/ovacheck/ovacheck/engine/envelope"
	"github.com/ovacheck/ovacheck/engine/internal/digest"
	"github.com/ovacheck/ovacheck/engine/internal/pkgname"
	"github.com/ovacheck/ovacheck/engine/manifest"
	"github.com/ovacheck/ovacheck/engine/report"
)

// View is the package as its source assembled it (assemble.go and one
// file per source kind: ova.go, folder.go, stream.go, descriptor.go,
// ovagz.go, ovazip.go): the members in order, found by name with the one
// set of name rules (members.go, package pkgname); the archive index; the
// descriptor, manifest and certificate, each read whole once, and their
// parses; and what assembling them found. Once assembled it is read-only:
// the engine's passes (structure.go, digests.go, targets.go) only read it, some of
// them at the same time.
type View struct {
	// Input describes what the user gave, as the report shows it.
	Input report.Input

	Members Members
	Index   *archive.Index // nil unless the source is a tar archive

	// The descriptor, manifest and certificate: their member names ("" when
	// absent) and bytes (nil when not read).
	DescName, ManifestName, CertName string
	DescData, ManifestData, CertData []byte

	// The parsed descriptor (with the findings of parsing it) and
	// manifest; nil when absent or not read.
	Env         *envelope.Envelope
	EnvFindings []report.Finding
	Manifest    *manifest.Manifest

	// Hrefs are the member names the descriptor's Files name, in
	// References order (percent-decoded, without "./"); chunked tells
	// which are chunked.
	Hrefs   []string
	Chunked map[string]bool

	// Findings are what assembling the package found (archive structure,
	// compression, a missing or oversized descriptor); incomplete is set
	// when the input could not be read to its end; skipped lists what the
	// source let no check look at, in the user's words.
	Findings   []report.Finding
	Incomplete bool
	Skipped    []string

	// Passed is set when the input was read once as it passed (a
	// stream): every member was hashed then, and nothing is read again.
	Passed bool
	// Opaque is set when the input is not an archive ovacheck looks into:
	// only its whole-file digests are judged.
	Opaque bool
	// DescriptorOnly is set when the source held the descriptor alone:
	// the passes over files, manifest, signature and digests have nothing
	// to look at.
	DescriptorOnly bool
	// Unsent lists the referenced files a folder lacks when they count as
	// not sent (WithUnsentFilesUnchecked): presence and sizes are not
	// judged.
	Unsent []string

	// Whole is the input read at random for its Whole-file digests (nil
	// for a stream, which hashed it as it passed into wholeDigests).
	Whole        io.ReaderAt
	WholeDigests digest.Set

	closers []io.Closer
}

// Close releases the files the source opened.
func (v *View) Close() {
	for _, c := range v.closers {
		c.Close()
	}
}

// DescAt locates a position in the descriptor.
func (v *View) DescAt(p envelope.Pos) report.Location {
	return report.At(v.DescName, p.Line, p.Column)
}

// noteReferences records the member names the parsed descriptor's Files
// name (see hrefs): the reference, layout, coverage and disk passes all
// ask for them.
func (v *View) noteReferences() {
	v.Hrefs, v.Chunked = []string{}, map[string]bool{}
	if v.Env == nil {
		return
	}
	for _, f := range v.Env.References {
		name := pkgname.Href(f.Href)
		if f.ChunkSize != nil {
			v.Chunked[name] = true
		}
		v.Hrefs = append(v.Hrefs, name)
	}
}

// ExpandedHrefs is hrefs with chunked files replaced by the chunk members
// present in the package.
func (v *View) ExpandedHrefs() []string {
	var out []string
	for _, h := range v.Hrefs {
		if !v.Chunked[h] {
			out = append(out, h)
			continue
		}
		for i := range v.Chunks(h) {
			out = append(out, pkgname.Chunk(h, i))
		}
	}
	return out
}

// Chunks returns the members holding the chunks of href (href.000000000,
// href.000000001, ...), in order, up to the first missing one.
func (v *View) Chunks(href string) []*Member {
	var out []*Member
	for i := 0; ; i++ {
		m, ok := v.Members.Lookup(pkgname.Chunk(href, i))
		if !ok {
			return out
		}
		out = append(out, m)
	}
}

// PresenceKnown tells whether the view shows which files the package
// holds: not for a descriptor alone, nor for a folder whose absent files
// count as not sent.
func (v *View) PresenceKnown() bool { return !v.DescriptorOnly && len(v.Unsent) == 0 }

// HeldBytes returns the bytes of the descriptor, manifest or certificate
// when the view holds them whole, or nil.
func (v *View) HeldBytes(name string) []byte {
	var b []byte
	switch name {
	case v.DescName:
		b = v.DescData
	case v.ManifestName:
		b = v.ManifestData
	case v.CertName:
		b = v.CertData
	}
	if m := v.Members.Named(name); b == nil || m == nil || int64(len(b)) != m.Size {
		return nil
	}
	return b
}

// AlgorithmsFor returns the algorithms the manifest lists for member.
func (v *View) AlgorithmsFor(name string) []digest.Algorithm {
	if v.Manifest == nil {
		return nil
	}
	return v.Manifest.Algorithms(name)
}
