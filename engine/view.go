package engine

import (
	"github.com/ovacheck/ovacheck/engine/archive"
	"github.com/ovacheck/ovacheck/engine/envelope"
	"github.com/ovacheck/ovacheck/engine/internal/pkgname"
	"github.com/ovacheck/ovacheck/engine/manifest"
	"github.com/ovacheck/ovacheck/engine/report"
)

// pkgView is the package as its source assembles it (ova.go, folder.go,
// stream.go, descriptor.go, ovagz.go, ovazip.go): the members in order,
// found by name with the one set of name rules (members.go, package
// pkgname); the archive index; and the descriptor, manifest and
// certificate, each read whole once (smallmembers.go). Only the source
// that assembles it writes it; the checks read it.
type pkgView struct {
	members memberSet
	index   *archive.Index // nil unless the source is an archive

	// The descriptor, manifest and certificate: their member names ("" when
	// absent) and bytes (nil when not read).
	descName, mfName, certName string
	descData, mfData, certData []byte

	// The parsed descriptor and manifest (nil until parsed or when
	// absent), each parsed once (checker.parseDescriptor, parseManifest).
	env *envelope.Envelope
	mf  *manifest.Manifest

	// The member names the descriptor's Files name, and which are
	// chunked (see referencedHrefs).
	hrefs   []string
	chunked map[string]bool
}

// descAt locates a position in the descriptor.
func (v *pkgView) descAt(p envelope.Pos) report.Location {
	return report.At(v.descName, p.Line, p.Column)
}

// referencedHrefs lists the member names the Files name, in References
// order (hrefs percent-decoded, without "./"), and which are chunked. It is
// computed once, after the descriptor is parsed: the reference rules ask
// for it once per File.
func (v *pkgView) referencedHrefs() (hrefs []string, chunked map[string]bool) {
	if v.hrefs != nil || v.env == nil {
		return v.hrefs, v.chunked
	}
	v.chunked = map[string]bool{}
	v.hrefs = []string{}
	for _, f := range v.env.References {
		name := pkgname.Href(f.Href)
		if f.ChunkSize != nil {
			v.chunked[name] = true
		}
		v.hrefs = append(v.hrefs, name)
	}
	return v.hrefs, v.chunked
}

// expandedHrefs is referencedHrefs with chunked files replaced by the chunk
// members present in the package.
func (v *pkgView) expandedHrefs() []string {
	hrefs, chunked := v.referencedHrefs()
	var out []string
	for _, h := range hrefs {
		if !chunked[h] {
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

// packageFiles answers the envelope's questions about file presence and
// sizes: a chunked File's size is the sum of its chunks.
type packageFiles struct{ v *pkgView }

func (p packageFiles) Size(href string) (int64, bool) {
	if _, chunked := p.v.referencedHrefs(); !chunked[href] {
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

// InArchive tells the envelope's reference rules whether hrefs must point
// into an archive (URLs and ".." are errors there).
func (p packageFiles) InArchive() bool { return p.v.index != nil }
