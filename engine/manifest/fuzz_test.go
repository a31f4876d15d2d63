package manifest

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/ovacheck/ovacheck/engine/internal/digest"
	"github.com/ovacheck/ovacheck/engine/internal/limits"
	"github.com/ovacheck/ovacheck/engine/rules"
)

// FuzzParse feeds arbitrary manifests to Parse, CheckCoverage and Verify.
// Invariants: no panic; every entry has a canonical algorithm, lower-case
// hex of that algorithm's length, a non-empty name and a line number that
// exists; every finding names a registered rule and a non-negative
// position; findings per rule stay capped.
func FuzzParse(f *testing.F) {
	seeds := []string{
		"SHA1(app.ovf)= " + h1 + "\n",
		"SHA256(app.ovf)= " + h256 + "\nSHA256(app-disk1.vmdk)= " + o256 + "\n",
		"SHA512(app.ovf)= " + h512 + "\n",
		"SHA256 (app.ovf) = " + h256 + "\n",
		"SHA1(app.ovf)=" + h1 + "\n",
		"SHA2-256(app.ovf)= " + h256 + "\n",
		"SHA-1(app.ovf)= " + h1 + "\n",
		"sha256(app.ovf)= " + h256 + "\n",
		"MD5(app.ovf)= 9e107d9d372bb6826bd81d3542a419d6\n",
		"SHA256(app.ovf)= " + strings.ToUpper(h256) + "\n",
		"SHA1(ourOVF.ovf)= " + h1 + "\r\nSHA1(ourOVF.mf)= " + h1,
		"SHA1(d.vmdk)= " + h1 + "\n" + strings.Repeat(" ", 68),
		strings.Repeat(" ", 94),
		"SHA256(my disk (1).vmdk)= " + h256 + "\n",
		"SHA256(a)= b)= " + h256 + "\n",
		"SHA1(d.vmdk)= " + h256 + "\n",
		"SHA1(caf\xe9.vmdk)= " + h1 + "\n",
		"disk1.vmdk: " + h256 + "\n",
		"SHA1(d.vmdk)= " + h1 + "\nSHA1(d.vmdk)= " + digestOf("sha1", "x") + "\n\n",
		"SHA1(" + strings.Repeat(")=", 20) + "\n",
		"",
		"\n\r\n\t\n",
	}
	for _, s := range seeds {
		f.Add([]byte(s), "1.x")
	}
	f.Add([]byte(seeds[1]), "2.x")
	f.Add([]byte(seeds[2]), "0.9")
	f.Add([]byte(seeds[3]), "")
	f.Fuzz(func(t *testing.T, data []byte, version string) {
		m := Parse(data, "f.mf", version)
		lines := strings.Count(string(data), "\n") + 1
		for _, e := range m.Entries {
			n, ok := hexLen[e.Algorithm]
			if !ok {
				t.Fatalf("entry with algorithm %q", e.Algorithm)
			}
			if len(e.Digest) != n {
				t.Fatalf("%s digest of %d digits", e.Algorithm, len(e.Digest))
			}
			if bad, upper := hexProblem(e.Digest); bad != "" || upper {
				t.Fatalf("digest %q is not lower-case hex", e.Digest)
			}
			if e.File == "" || e.Line < 1 || e.Line > lines || strings.Contains(e.Raw, "\n") {
				t.Fatalf("bad entry %+v", e)
			}
		}
		perRule := map[string]int{}
		for _, fd := range m.Findings {
			if _, ok := rules.Lookup(fd.Rule); !ok {
				t.Fatalf("unregistered rule %q", fd.Rule)
			}
			if fd.Location.Line < 0 || fd.Location.Line > lines || fd.Location.Column < 0 {
				t.Fatalf("%s at %+v", fd.Rule, fd.Location)
			}
			if !utf8.ValidString(fd.Message) {
				t.Fatalf("%s message is not UTF-8: %q", fd.Rule, fd.Message)
			}
			perRule[fd.Rule]++
			if perRule[fd.Rule] > limits.MaxFindingsPerRule+1 {
				t.Fatalf("%s: more than %d findings", fd.Rule, limits.MaxFindingsPerRule+1)
			}
		}
		CheckCoverage(m, Coverage{Descriptor: "app.ovf", Referenced: []string{"d.vmdk", "App.OVF"},
			Certificate: "f.cert"})
		Verify(m, func(file string, alg digest.Algorithm) (string, bool) {
			if !alg.Valid() {
				t.Fatalf("Verify asked for algorithm %v", alg)
			}
			return digestOf(alg.String(), file), len(file)%2 == 0
		})
	})
}
