// Package digest holds the digest algorithms a package's manifest can name
// as a small value type, and digests keyed by it, so that no code keys
// digests by one of the algorithm's several spellings ("SHA256" in a
// manifest, "sha256" in the report, "SHA-256" in a message).
package digest

import (
	"crypto/sha1"
	"crypto/sha256"
	"crypto/sha512"
	"hash"
)

// Algorithm is a digest algorithm of OVF manifests (DSP0243 5.1: SHA1 in
// OVF 1.x, SHA256 and SHA512 in 2.x). The zero value is no algorithm.
type Algorithm uint8

// The algorithms, in order of strength.
const (
	SHA1 Algorithm = iota + 1
	SHA256
	SHA512
)

// All lists every algorithm, weakest first.
var All = []Algorithm{SHA1, SHA256, SHA512}

var spelling = [...]struct{ lower, manifest, display string }{
	SHA1:   {"sha1", "SHA1", "SHA-1"},
	SHA256: {"sha256", "SHA256", "SHA-256"},
	SHA512: {"sha512", "SHA512", "SHA-512"},
}

// Parse reads an algorithm's name in one of its three spellings: the
// report's ("sha256"), the manifest's ("SHA256") or the display one
// ("SHA-256"). Anything else, other letter cases included, is not an
// algorithm: ok is false.
func Parse(s string) (a Algorithm, ok bool) {
	for _, a := range All {
		sp := spelling[a]
		if s == sp.lower || s == sp.manifest || s == sp.display {
			return a, true
		}
	}
	return 0, false
}

// Valid reports whether a is one of the algorithms.
func (a Algorithm) Valid() bool { return a >= SHA1 && a <= SHA512 }

// String is the lower-case name the report and the RangeDigester API use:
// "sha256"; "" for the zero value.
func (a Algorithm) String() string {
	if !a.Valid() {
		return ""
	}
	return spelling[a].lower
}

// Manifest is the name as a manifest line writes it: "SHA256".
func (a Algorithm) Manifest() string {
	if !a.Valid() {
		return ""
	}
	return spelling[a].manifest
}

// Display is the name messages use: "SHA-256".
func (a Algorithm) Display() string {
	if !a.Valid() {
		return ""
	}
	return spelling[a].display
}

// HexLen is the length of a digest in hex digits; 0 for the zero value.
func (a Algorithm) HexLen() int {
	switch a {
	case SHA1:
		return 2 * sha1.Size
	case SHA256:
		return 2 * sha256.Size
	case SHA512:
		return 2 * sha512.Size
	}
	return 0
}

// New returns a new hash computing a; nil for the zero value.
func (a Algorithm) New() hash.Hash {
	switch a {
	case SHA1:
		return sha1.New()
	case SHA256:
		return sha256.New()
	case SHA512:
		return sha512.New()
	}
	return nil
}
