package manifest

import (
	"slices"
	"strings"

	"github.com/ovacheck/ovacheck/engine/internal/digest"
	"github.com/ovacheck/ovacheck/engine/report"
)

// Manifest is a parsed .mf member: the entries that can be verified and the
// findings about how the manifest is written.
type Manifest struct {
	// Member is the manifest's own name, as given to Parse.
	Member string
	// Entries are the lines that name an accepted algorithm (SHA1, SHA256
	// or SHA512), a file and a digest of the right length, in file order.
	// Lines with other algorithms or malformed digests are not entries.
	Entries []Entry
	// Findings are about the manifest's syntax, dialect and choice of
	// algorithms, located at the line concerned.
	Findings []report.Finding

	// unusable records lines that name a file but cannot protect it (MD5,
	// an unknown algorithm, a malformed digest), so that coverage findings
	// can say why a file counts as unlisted.
	unusable []unusableEntry
}

// unusableEntry is a line naming a file whose digest no consumer will use.
type unusableEntry struct {
	file   string
	line   int
	reason string
}

// Entry is one digest line of a manifest.
type Entry struct {
	// Algorithm is the canonical name: "SHA1", "SHA256" or "SHA512".
	Algorithm string
	// Token is the algorithm as written, e.g. "SHA2-256" or "sha1".
	Token string
	// File is the file name between the parentheses, exactly as written.
	File string
	// Digest is the digest in lower-case hex, of the algorithm's length.
	Digest string
	// Line is the 1-based line number in the manifest.
	Line int
	// Raw is the line as written, without its line end.
	Raw string
	// Quirks records how the line departs from the DSP0243 form, so that
	// target profiles can tell which consumers accept it.
	Quirks Quirk
}

// Quirk is a set of ways a manifest line departs from "ALG(name)= hex\n".
type Quirk uint16

const (
	// QuirkSpaced: blanks before "(", around ")" and "=", or more than one
	// blank after "=" (the BSD `sha256sum --tag` form).
	QuirkSpaced Quirk = 1 << iota
	// QuirkNoSpace: no blank between "=" and the digest.
	QuirkNoSpace
	// QuirkSpelling: the algorithm is written other than SHA1, SHA256 or
	// SHA512 (SHA2-256, SHA-256, sha256).
	QuirkSpelling
	// QuirkUpperHex: the digest has upper-case hex digits.
	QuirkUpperHex
	// QuirkCRLF: the line ends in CR LF.
	QuirkCRLF
	// QuirkTrailingBlanks: blanks follow the digest.
	QuirkTrailingBlanks
)

var quirkNames = []string{"spaced", "no-space", "spelling", "upper-hex", "crlf", "trailing-blanks"}

// String names the quirks in q, joined by "+", or "" when there are none.
func (q Quirk) String() string {
	var names []string
	for i, n := range quirkNames {
		if q&(1<<i) != 0 {
			names = append(names, n)
		}
	}
	return strings.Join(names, "+")
}

// Algorithms returns the algorithms the manifest lists for file, without
// repeats, in the order they first appear; nil if the manifest does not
// list file. The engine hashes file with each of them.
func (m *Manifest) Algorithms(file string) []digest.Algorithm {
	var out []digest.Algorithm
	for _, e := range m.Entries {
		if e.File != file {
			continue
		}
		if a, ok := digest.Parse(e.Algorithm); ok && !slices.Contains(out, a) {
			out = append(out, a)
		}
	}
	return out
}

// Files returns the file names the manifest has entries for, without
// repeats, in the order they first appear.
func (m *Manifest) Files() []string {
	var out []string
	seen := map[string]bool{}
	for _, e := range m.Entries {
		if !seen[e.File] {
			seen[e.File] = true
			out = append(out, e.File)
		}
	}
	return out
}

// hexLen and displayName give, by an algorithm's manifest spelling
// ("SHA256"), its digest length in hex digits and the name messages use
// (digest.Algorithm holds both).
var hexLen, displayName = func() (map[string]int, map[string]string) {
	l, d := map[string]int{}, map[string]string{}
	for _, a := range digest.All {
		l[a.Manifest()], d[a.Manifest()] = a.HexLen(), a.Display()
	}
	return l, d
}()

// algorithmForLength guesses the canonical algorithm from a digest length.
func algorithmForLength(n int) string {
	for alg, l := range hexLen {
		if l == n {
			return alg
		}
	}
	return ""
}
