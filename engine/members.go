package engine

import (
	"io"
	"strings"

	"github.com/ovacheck/ovacheck/engine/internal/digest"
	"github.com/ovacheck/ovacheck/engine/internal/pkgname"
)

// member is one file of the package as the checker sees it, whatever the
// source: an archive member, a file in a folder, or a member that passed by
// on a stream (whose digests were computed as it passed).
type member struct {
	name   string
	size   int64
	offset int64 // data offset in the input for an OVA; -1 otherwise

	// r reads the member's bytes at [base, base+size); nil for a stream.
	r    io.ReaderAt
	base int64

	// streamed is the digests computed as the member passed (a stream, an
	// inflated zip file), by algorithm; nil when it was not hashed so.
	streamed digest.Set

	// held is the member's bytes when the source already holds them whole
	// (a stream keeps its descriptor, manifest and certificate), so that
	// they are not read a second time.
	held []byte
}

// memberSet is the package's members in their order, with lookup by name
// (the name rules are those of package names).
type memberSet struct {
	list []*member
	ix   pkgname.Index
}

func (s *memberSet) add(m *member) {
	s.list = append(s.list, m)
	s.ix.Add(m.name, len(s.list)-1)
}

// named returns the first member called exactly name (a member name, not
// an href), or nil.
func (s *memberSet) named(name string) *member {
	if i, ok := s.ix.Has(name); ok {
		return s.list[i]
	}
	return nil
}

// lookup finds a member by an href as written in the descriptor (or a
// manifest entry): its name as written, or its path (percent-decoded,
// without "./"), as pkgname.Index.Find matches exactly. A member that only
// extracts to the same path ("./x" for "x") is not found: the consumers
// that compare names do not find it either, and the layout rules (PKG025)
// say why.
func (s *memberSet) lookup(href string) (*member, bool) {
	if i, how := s.ix.Find(href); how == pkgname.Exact {
		return s.list[i], true
	}
	return nil, false
}

// hasExt reports whether name ends in ext, case-insensitively.
func hasExt(name, ext string) bool {
	return len(name) >= len(ext) && strings.EqualFold(name[len(name)-len(ext):], ext)
}
