package digest

import (
	"encoding/hex"
	"testing"
)

func TestParse(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want Algorithm
		ok   bool
	}{
		{"SHA256", SHA256, true}, {"sha256", SHA256, true}, {"SHA-256", SHA256, true},
		{"SHA1", SHA1, true}, {"sha1", SHA1, true}, {"SHA-1", SHA1, true},
		{"SHA512", SHA512, true}, {"sha512", SHA512, true}, {"SHA-512", SHA512, true},
		{"Sha256", 0, false}, {"sha-256", 0, false}, {"SHA 256", 0, false}, {" SHA256", 0, false},
		{"MD5", 0, false}, {"SHA384", 0, false}, {"", 0, false},
	} {
		got, ok := Parse(tc.in)
		if got != tc.want || ok != tc.ok {
			t.Errorf("Parse(%q) = %v, %v; want %v, %v", tc.in, got, ok, tc.want, tc.ok)
		}
	}
}

func TestSpellingsAndHashes(t *testing.T) {
	empty := map[Algorithm]string{
		SHA1:   "da39a3ee5e6b4b0d3255bfef95601890afd80709",
		SHA256: "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
	}
	for _, a := range All {
		for _, s := range []string{a.String(), a.Manifest(), a.Display()} {
			if b, ok := Parse(s); !ok || b != a {
				t.Errorf("%s does not parse back from %q", a.Display(), s)
			}
		}
		sum := hex.EncodeToString(a.New().Sum(nil))
		if len(sum) != a.HexLen() {
			t.Errorf("%s: digest has %d hex digits, HexLen says %d", a, len(sum), a.HexLen())
		}
		if want, ok := empty[a]; ok && sum != want {
			t.Errorf("%s of nothing = %s, want %s", a, sum, want)
		}
	}
	var zero Algorithm
	if zero.Valid() || zero.String() != "" || zero.New() != nil || zero.HexLen() != 0 {
		t.Error("the zero Algorithm must be no algorithm")
	}
}

func TestSetStrings(t *testing.T) {
	s := FromStrings(map[string]string{"sha256": "ab", "SHA1": "cd", "md5": "ef"})
	if len(s) != 2 || s[SHA256] != "ab" || s[SHA1] != "cd" {
		t.Errorf("FromStrings = %v", s)
	}
	back := s.Strings()
	if back["sha256"] != "ab" || back["sha1"] != "cd" || len(back) != 2 {
		t.Errorf("Strings = %v", back)
	}
	if got := ParseAll([]string{"sha256", "SHA256", "md5", "sha1"}); len(got) != 2 || got[0] != SHA256 || got[1] != SHA1 {
		t.Errorf("ParseAll = %v", got)
	}
}
