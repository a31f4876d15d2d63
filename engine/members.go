package engine

import (
	"fmt"
	"io"
	"strings"

	"github.com/ovacheck/ovacheck/engine/envelope"
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

	// digests computed while streaming, by algorithm.
	streamed map[string]string
}

// memberSet is the package's members in their order, with lookup by name.
type memberSet struct {
	list   []*member
	byName map[string]*member
}

func (s *memberSet) add(m *member) {
	if s.byName == nil {
		s.byName = map[string]*member{}
	}
	s.list = append(s.list, m)
	if _, dup := s.byName[m.name]; !dup {
		s.byName[m.name] = m
	}
}

// lookup finds a member by an href as written in the descriptor. Consumers
// resolve "./x" to "x" and percent-escapes to the bytes they stand for, so
// lookup does too (the reference and layout rules report both).
func (s *memberSet) lookup(href string) (*member, bool) {
	if m, ok := s.byName[href]; ok {
		return m, true
	}
	m, ok := s.byName[envelope.HrefPath(href)]
	return m, ok
}

// chunkName returns the member name of chunk i of a chunked file: the
// href, a dot and the chunk number in nine digits (DSP0243 7.1).
func chunkName(href string, i int) string { return fmt.Sprintf("%s.%0*d", href, chunkDigits, i) }

// hasExt reports whether name ends in ext, case-insensitively.
func hasExt(name, ext string) bool {
	return len(name) >= len(ext) && strings.EqualFold(name[len(name)-len(ext):], ext)
}
