package pkgname

import (
	"strings"
	"testing"
)

// FuzzNames holds the name rules to their contracts on any input: an
// extracted path has no leading "./", folding is stable, and a chunk name
// splits back into the base and number it was made from.
func FuzzNames(f *testing.F) {
	for _, s := range []string{"x", "./x", ".//x", "././x", "x%20y", "x%zz", "disk.vmdk.000000001", "a.12", "A\\B", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		_ = Href(s)
		_ = HrefPaths(s)
		if e := Extracted(s); strings.HasPrefix(e, "./") {
			t.Fatalf("Extracted(%q) = %q keeps a leading ./", s, e)
		}
		if f := Folded(s); Folded(f) != f {
			t.Fatalf("Folded is not stable on %q: %q then %q", s, f, Folded(f))
		}
		if base, n, ok := ChunkOf(s); ok && Chunk(base, n) != s {
			t.Fatalf("ChunkOf(%q) = %q, %d, which names %q", s, base, n, Chunk(base, n))
		}
		_, _, _ = Numbered(s)
		NewIndex([]string{s, Extracted(s)}).Find(s)
	})
}
