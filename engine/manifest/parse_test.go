package manifest

import (
	"slices"
	"strings"
	"testing"

	"github.com/ovacheck/ovacheck/engine/internal/digest"
	"github.com/ovacheck/ovacheck/engine/internal/limits"
)

func TestParseDialects(t *testing.T) {
	upper := strings.ToUpper(h256)
	tests := []struct {
		name    string
		data    string
		version string
		want    []string // every finding as RULE@line, in any order
		hintOf  string   // rule whose hint must contain hint
		hint    string
		quoted  string // text the hintOf finding's message must quote
		files   []string
	}{
		{name: "strict SHA256 in 2.x", data: "SHA256(app.ovf)= " + o256 + "\nSHA256(disk1.vmdk)= " + h256 + "\n",
			version: "2.x", files: []string{"app.ovf", "disk1.vmdk"}},
		{name: "strict SHA1 in 1.x", data: "SHA1(disk1.vmdk)= " + h1 + "\n", version: "1.x",
			want: []string{"MF015@1"}, files: []string{"disk1.vmdk"}},
		{name: "BSD --tag form", data: "SHA256 (disk1.vmdk) = " + h256 + "\n", version: "2.x",
			want: []string{"MF002@1"}, hintOf: "MF002", hint: "SHA256(disk1.vmdk)= " + h256,
			quoted: `"SHA256 (disk1.vmdk) = `, files: []string{"disk1.vmdk"}},
		{name: "tab after equals", data: "SHA256(disk1.vmdk)=\t" + h256 + "\n", version: "2.x",
			want: []string{"MF002@1"}, hintOf: "MF002", hint: "SHA256(disk1.vmdk)= " + h256, files: []string{"disk1.vmdk"}},
		{name: "leading blanks", data: "  SHA256(disk1.vmdk)= " + h256 + "\n", version: "2.x",
			want: []string{"MF002@1"}, hintOf: "MF002", hint: "SHA256(disk1.vmdk)= " + h256, files: []string{"disk1.vmdk"}},
		{name: "no space after equals", data: "SHA1(disk1.vmdk)=" + h1 + "\n", version: "1.x",
			want: []string{"MF004@1", "MF015@1"}, hintOf: "MF004", hint: "SHA1(disk1.vmdk)= " + h1,
			quoted: `"SHA1(disk1.vmdk)=` + h1 + `"`, files: []string{"disk1.vmdk"}},
		{name: "OpenSSL 3 SHA2-256", data: "SHA2-256(disk1.vmdk)= " + h256 + "\n", version: "2.x",
			want: []string{"MF005@1"}, hintOf: "MF005", hint: "SHA256(disk1.vmdk)= " + h256,
			quoted: "SHA2-256(disk1.vmdk)", files: []string{"disk1.vmdk"}},
		{name: "OLVM SHA-256", data: "SHA-256(disk1.vmdk)= " + h256 + "\n", version: "2.x",
			want: []string{"MF005@1"}, hintOf: "MF005", hint: "SHA256(disk1.vmdk)= " + h256, files: []string{"disk1.vmdk"}},
		{name: "OpenSSL 3 SHA2-512", data: "SHA2-512(disk1.vmdk)= " + h512 + "\n", version: "2.x",
			want: []string{"MF005@1", "MF014@1"}, hintOf: "MF005", hint: "SHA512(disk1.vmdk)= " + h512, files: []string{"disk1.vmdk"}},
		{name: "lower-case sha1", data: "sha1(disk1.vmdk)= " + h1 + "\n", version: "1.x",
			want: []string{"MF005@1", "MF015@1"}, hintOf: "MF005", hint: "SHA1(disk1.vmdk)= " + h1, files: []string{"disk1.vmdk"}},
		{name: "MD5 is not an entry", data: "MD5(disk1.vmdk)= 9e107d9d372bb6826bd81d3542a419d6\n", version: "2.x",
			want: []string{"MF006@1", "MF011@0"}, hintOf: "MF006", hint: "SHA256(disk1.vmdk)=", quoted: `"MD5(disk1.vmdk)=`},
		{name: "SHA-384 is not accepted", data: "SHA384(disk1.vmdk)= " + strings.Repeat("ab", 48) + "\n", version: "2.x",
			want: []string{"MF006@1", "MF011@0"}},
		{name: "upper-case hex (PowerShell)", data: "SHA256(disk1.vmdk)= " + upper + "\n", version: "2.x",
			want: []string{"MF007@1"}, hintOf: "MF007", hint: "SHA256(disk1.vmdk)= " + h256, quoted: upper,
			files: []string{"disk1.vmdk"}},
		{name: "CRLF", data: "SHA256(app.ovf)= " + o256 + "\r\nSHA256(disk1.vmdk)= " + h256 + "\r\n", version: "2.x",
			want: []string{"MF009@1"}, files: []string{"app.ovf", "disk1.vmdk"}},
		{name: "blanks after the digest", data: "SHA256(disk1.vmdk)= " + h256 + "  \n", version: "2.x",
			want: []string{"MF019@1"}, hintOf: "MF019", hint: "SHA256(disk1.vmdk)= " + h256, files: []string{"disk1.vmdk"}},
		{name: "ovftool 4.0 padding", data: "SHA1(disk1.vmdk)= " + h1 + "\n" + strings.Repeat(" ", 68), version: "1.x",
			want: []string{"MF010@2", "MF015@1"}, files: []string{"disk1.vmdk"}},
		{name: "ovftool 4.0 padding only", data: strings.Repeat(" ", 68), version: "1.x",
			want: []string{"MF010@1", "MF011@0"}},
		{name: "no final newline", data: "SHA256(disk1.vmdk)= " + h256, version: "2.x",
			want: []string{"MF010@1"}, files: []string{"disk1.vmdk"}},
		{name: "blank line between entries", data: "SHA256(app.ovf)= " + o256 + "\n\nSHA256(disk1.vmdk)= " + h256 + "\n",
			version: "2.x", want: []string{"MF010@2"}, files: []string{"app.ovf", "disk1.vmdk"}},
		{name: "name with spaces and parentheses", data: "SHA256(my disk (1).vmdk)= " + h256 + "\n", version: "2.x",
			files: []string{"my disk (1).vmdk"}},
		{name: "name containing )= is cut at the last )=", data: "SHA256(a)= b.vmdk)= " + h256 + "\n", version: "2.x",
			files: []string{"a)= b.vmdk"}},
		{name: "BSD form with parentheses in the name", data: "SHA256 (x (copy).vmdk) = " + h256 + "\n", version: "2.x",
			want: []string{"MF002@1"}, hintOf: "MF002", hint: "SHA256(x (copy).vmdk)= " + h256, files: []string{"x (copy).vmdk"}},
		{name: "empty manifest", data: "", version: "1.x", want: []string{"MF011@0"}},
		{name: "SHA-256 digest under SHA1", data: "SHA1(disk1.vmdk)= " + h256 + "\n", version: "1.x",
			want: []string{"MF008@1", "MF011@0"}, hintOf: "MF008", hint: "SHA256(disk1.vmdk)= " + h256},
		{name: "short digest", data: "SHA256(disk1.vmdk)= " + h256[:60] + "\n", version: "2.x",
			want: []string{"MF008@1", "MF011@0"}, hintOf: "MF008", hint: "SHA256(disk1.vmdk)="},
		{name: "digest not hex", data: "SHA1(disk1.vmdk)= " + strings.Repeat("g", 40) + "\n", version: "1.x",
			want: []string{"MF008@1", "MF011@0"}},
		{name: "not a digest line", data: "disk1.vmdk: " + h256 + "\nSHA256(disk1.vmdk)= " + h256 + "\n", version: "2.x",
			want: []string{"MF001@1"}, quoted: `"disk1.vmdk: `, hintOf: "MF001", hint: "ALG(file name)= ",
			files: []string{"disk1.vmdk"}},
		{name: "no closing parenthesis", data: "SHA1(disk1.vmdk= " + h1 + "\n", version: "1.x",
			want: []string{"MF001@1", "MF011@0"}},
		{name: "empty name", data: "SHA1()= " + h1 + "\n", version: "1.x", want: []string{"MF001@1", "MF011@0"}},
		{name: "no digest", data: "SHA1(disk1.vmdk)=\n", version: "1.x", want: []string{"MF001@1", "MF011@0"}},
		{name: "comment line", data: "# made by build.sh\nSHA1(disk1.vmdk)= " + h1 + "\n", version: "1.x",
			want: []string{"MF001@1", "MF015@2"}, files: []string{"disk1.vmdk"}},
		{name: "invalid UTF-8 name", data: "SHA256(caf\xe9.vmdk)= " + h256 + "\n", version: "2.x",
			want: []string{"MF012@1"}, files: []string{"caf\xe9.vmdk"}},
		{name: "SHA256 in a 1.x package", data: "SHA256(disk1.vmdk)= " + h256 + "\n", version: "1.x",
			want: []string{"MF013@1"}, hintOf: "MF013", hint: "SHA1(disk1.vmdk)=", files: []string{"disk1.vmdk"}},
		{name: "SHA256 in a 0.9 package", data: "SHA256(disk1.vmdk)= " + h256 + "\n", version: "0.9",
			want: []string{"MF013@1"}, files: []string{"disk1.vmdk"}},
		{name: "SHA256 with unknown version", data: "SHA256(disk1.vmdk)= " + h256 + "\n", version: "",
			files: []string{"disk1.vmdk"}},
		{name: "SHA512 in a 1.x package", data: "SHA512(disk1.vmdk)= " + h512 + "\n", version: "1.0",
			want: []string{"MF013@1", "MF014@1"}, files: []string{"disk1.vmdk"}},
		{name: "mixed algorithms", data: "SHA1(app.ovf)= " + h1 + "\nSHA256(disk1.vmdk)= " + h256 + "\n", version: "2.x",
			want: []string{"MF015@1", "MF016@2"}, files: []string{"app.ovf", "disk1.vmdk"}},
		{name: "listed twice, same digest", data: "SHA256(disk1.vmdk)= " + h256 + "\nSHA256(disk1.vmdk)= " + h256 + "\n",
			version: "2.x", want: []string{"MF017@2"}, hintOf: "MF017", hint: "Remove line 2", files: []string{"disk1.vmdk"}},
		{name: "listed twice, different digests", data: "SHA256(disk1.vmdk)= " + h256 + "\nSHA256(disk1.vmdk)= " + o256 + "\n",
			version: "2.x", want: []string{"MF018@2"}, files: []string{"disk1.vmdk"}},
		{name: "same file in two algorithms", data: "SHA1(disk1.vmdk)= " + h1 + "\nSHA256(disk1.vmdk)= " + h256 + "\n",
			version: "2.x", want: []string{"MF015@1", "MF016@2"}, files: []string{"disk1.vmdk"}},
		{name: "every quirk at once", data: "SHA2-256 (disk1.vmdk) = " + upper + "\r\n", version: "2.x",
			want: []string{"MF002@1", "MF005@1", "MF007@1", "MF009@1"}, hintOf: "MF007",
			hint: "Write it as: SHA256(disk1.vmdk)= " + h256, files: []string{"disk1.vmdk"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			m := Parse([]byte(tc.data), "app.mf", tc.version)
			checkWellFormed(t, m.Findings, "app.mf")
			want := slices.Clone(tc.want)
			slices.Sort(want)
			if got := gotRules(m.Findings); !slices.Equal(got, want) {
				t.Errorf("findings %v, want %v", got, want)
				for _, f := range m.Findings {
					t.Logf("  %s %s: %s", f.Rule, f.Severity, f.Message)
				}
			}
			if got := m.Files(); !slices.Equal(got, tc.files) {
				t.Errorf("files %q, want %q", got, tc.files)
			}
			if tc.hintOf != "" {
				f := find(t, m.Findings, tc.hintOf)
				if !strings.Contains(f.Hint, tc.hint) {
					t.Errorf("%s hint %q does not contain %q", tc.hintOf, f.Hint, tc.hint)
				}
				if !strings.Contains(f.Message, tc.quoted) {
					t.Errorf("%s message %q does not quote %q", tc.hintOf, f.Message, tc.quoted)
				}
			}
			for _, e := range m.Entries {
				if len(e.Digest) != hexLen[e.Algorithm] || strings.ToLower(e.Digest) != e.Digest {
					t.Errorf("entry %+v: digest not lower-case hex of the right length", e)
				}
			}
		})
	}
}

func TestParseEntryFields(t *testing.T) {
	data := "SHA2-256 (disk1.vmdk) = " + strings.ToUpper(h256) + "\r\nSHA1(app.ovf)= " + h1 + "\n"
	m := Parse([]byte(data), "app.mf", "2.x")
	if len(m.Entries) != 2 {
		t.Fatalf("entries %+v", m.Entries)
	}
	e := m.Entries[0]
	want := Entry{Algorithm: "SHA256", Token: "SHA2-256", File: "disk1.vmdk", Digest: h256, Line: 1,
		Raw: "SHA2-256 (disk1.vmdk) = " + strings.ToUpper(h256), Quirks: QuirkSpaced | QuirkSpelling | QuirkUpperHex | QuirkCRLF}
	if e != want {
		t.Errorf("entry\n got %+v\nwant %+v", e, want)
	}
	if got := e.Quirks.String(); got != "spaced+spelling+upper-hex+crlf" {
		t.Errorf("quirks %q", got)
	}
	if m.Entries[1].Line != 2 || m.Entries[1].Quirks != 0 {
		t.Errorf("second entry %+v", m.Entries[1])
	}
}

func TestParseColumns(t *testing.T) {
	tests := []struct {
		data string
		rule string
		col  int
	}{
		{"SHA256 (d) = " + h256 + "\n", "MF002", 7},
		{"SHA256(d) = " + h256 + "\n", "MF002", 10},
		{"SHA1(d)=" + h1 + "\n", "MF004", 9},
		{"SHA256(d)= " + strings.ToUpper(h256) + "\n", "MF007", 12},
		{"SHA256(d)= " + h256 + " \n", "MF019", 76},
		{"SHA256(d)= " + h256 + "\r\n", "MF009", 76},
		{"  SHA-256(d)= " + h256 + "\n", "MF005", 3},
	}
	for _, tc := range tests {
		m := Parse([]byte(tc.data), "a.mf", "2.x")
		if f := find(t, m.Findings, tc.rule); f.Location.Column != tc.col || f.Location.Line != 1 {
			t.Errorf("%q: %s at %d:%d, want 1:%d", tc.data, tc.rule, f.Location.Line, f.Location.Column, tc.col)
		}
	}
}

func TestParseHostile(t *testing.T) {
	t.Run("very long line is quoted short", func(t *testing.T) {
		data := "SHA256(" + strings.Repeat("a", limits.MaxManifestLine) + ")= " + h256 + "\n"
		m := Parse([]byte(data), "a.mf", "2.x")
		f := find(t, m.Findings, "MF001")
		if len(f.Message) > limits.MaxQuotedLine+200 {
			t.Errorf("message is %d bytes", len(f.Message))
		}
	})
	t.Run("findings per rule are capped", func(t *testing.T) {
		data := strings.Repeat("garbage\n", limits.MaxFindingsPerRule+50)
		m := Parse([]byte(data), "a.mf", "2.x")
		n := 0
		for _, f := range m.Findings {
			if f.Rule == "MF001" {
				n++
			}
		}
		if n != limits.MaxFindingsPerRule+1 {
			t.Errorf("%d MF001 findings, want %d", n, limits.MaxFindingsPerRule+1)
		}
		last := m.Findings[len(m.Findings)-1]
		if !strings.Contains(last.Message, "50 more") {
			t.Errorf("summary %q", last.Message)
		}
	})
	t.Run("many parentheses stay linear", func(t *testing.T) {
		data := "SHA1(" + strings.Repeat(") ", 1<<14) + "\n"
		m := Parse([]byte(data), "a.mf", "2.x")
		find(t, m.Findings, "MF001")
	})
}

func TestAlgorithms(t *testing.T) {
	m := Parse([]byte("SHA1(d)= "+h1+"\nSHA256(d)= "+h256+"\nSHA1(d)= "+h1+"\nSHA512(o)= "+h512+"\n"), "a.mf", "2.x")
	if got := m.Algorithms("d"); !slices.Equal(got, []digest.Algorithm{digest.SHA1, digest.SHA256}) {
		t.Errorf("Algorithms(d) = %v", got)
	}
	if got := m.Algorithms("o"); !slices.Equal(got, []digest.Algorithm{digest.SHA512}) {
		t.Errorf("Algorithms(o) = %v", got)
	}
	if got := m.Algorithms("none"); got != nil {
		t.Errorf("Algorithms(none) = %v", got)
	}
}
