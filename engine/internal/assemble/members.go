package assemble

import (
	"io"
	"strings"

	"github.com/ovacheck/ovacheck/engine/internal/digest"
	"github.com/ovacheck/ovacheck/engine/internal/pkgname"
)

// Member is one file of the package as the checker sees it, whatever the
// source: an archive Member, a file in a folder, or a Member that passed by
// on a stream (whose digests were computed as it passed).
type Member struct {
	Name   string
	Size   int64
	Offset int64 // data offset in the input for an OVA; -1 otherwise

	// R reads the member's bytes at [base, base+size); nil for a stream.
	R    io.ReaderAt
	Base int64

	// Streamed is the digests computed as the member passed (a stream, an
	// inflated zip file), by algorithm; nil when it was not hashed so.
	Streamed digest.Set

	// held is the member's bytes when the source already holds them whole
	// (a stream keeps its descriptor, manifest and certificate), so that
	// they are not read a second time.
	held []byte
}

// Members is the package's members in their order, with lookup by name
// (the name rules are those of package names).
type Members struct {
	List []*Member
	ix   pkgname.Index
}

func (s *Members) add(m *Member) {
	s.List = append(s.List, m)
	s.ix.Add(m.Name, len(s.List)-1)
}

// Named returns the first member called exactly name (a member name, not
// an href), or nil.
func (s *Members) Named(name string) *Member {
	if i, ok := s.ix.Has(name); ok {
		return s.List[i]
	}
	return nil
}

// Lookup finds a member by an href as written in the descriptor (or a
// manifest entry): its name as written, or its path (percent-decoded,
// without "./"), as pkgname.Index.Find matches exactly. A member that only
// extracts to the same path ("./x" for "x") is not found: the consumers
// that compare names do not find it either, and the layout rules (PKG025)
// say why.
func (s *Members) Lookup(href string) (*Member, bool) {
	if i, how := s.ix.Find(href); how == pkgname.Exact {
		return s.List[i], true
	}
	return nil, false
}

// hasExt reports whether name ends in ext, case-insensitively.
func hasExt(name, ext string) bool {
	return len(name) >= len(ext) && strings.EqualFold(name[len(name)-len(ext):], ext)
}
