package policy

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestLoadRejectsWithPointers(t *testing.T) {
	cases := []struct {
		name, doc, pointer, want string
	}{
		{"bad selector", `{"rules":[{"select":"all","severity":"off"},{"select":"MF*","severity":"warning"},{"select":"-MF99","severity":"off"}]}`,
			"/rules/2/select", `"-MF99" is not a rule selector`},
		{"bad selector in a list", `{"rules":[{"select":["HW*","hw010"],"severity":"off"}]}`,
			"/rules/0/select/1", `"hw010" is not a rule selector`},
		{"unknown rule", `{"rules":[{"select":"MF999","severity":"off"}]}`,
			"/rules/0/select", `no rule has the ID MF999`},
		{"prefix matching nothing", `{"rules":[{"select":"-NET9*","severity":"off"}]}`,
			"/rules/0/select", `"-NET9*" matches no rule`},
		{"bad severity", `{"rules":[{"select":"HW*","severity":"fatal"}]}`,
			"/rules/0/severity", `"fatal" is not a severity`},
		{"missing severity", `{"rules":[{"select":"HW*"}]}`,
			"/rules/0", `severity`},
		{"bad fingerprint", `{"pinnedSigners":["abc"]}`,
			"/pinnedSigners/0", `"abc" is not a SHA-256 fingerprint`},
		{"bad digest", `{"minimumDigest":"md5"}`,
			"/minimumDigest", `"md5" is not a digest algorithm`},
		{"bad target", `{"requiredTargets":["vSphere 8"]}`,
			"/requiredTargets/0", `"vSphere 8" is not a target name`},
		{"negative size", `{"maxDiskBytes":-5}`, "/maxDiskBytes", "-5"},
		{"fractional size", `{"maxDiskBytes":1.5}`, "/maxDiskBytes", "integer"},
		// math/big refuses the exponent; the schema library panicked on it.
		{"unreadable size", `{"maxDiskBytes":1e-1000001}`, "", "too large to check"},
		{"unreadable version", `{"version":1e-1000001}`, "", "too large to check"},
		{"unknown field", `{"requireSignatures":true}`, "", "unknown field"},
		{"wrong version", `{"version":2}`, "/version", "use 1"},
		{"not an object", `[]`, "", "object"},
		{"not JSON", "{\n  \"rules\": [,]\n}", "", "line 2, column 13"},
		{"trailing data", `{} {}`, "", "more data after the policy"},
		{"empty", ``, "", "not JSON"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			p, err := Load([]byte(c.doc))
			var pe *Error
			if !errors.As(err, &pe) {
				t.Fatalf("Load = %v, %v; want *Error", p, err)
			}
			for _, prob := range pe.Problems {
				if prob.Pointer == c.pointer && strings.Contains(prob.Message, c.want) {
					return
				}
			}
			t.Errorf("problems %v; want one at %q containing %q", pe.Problems, c.pointer, c.want)
		})
	}
}

func TestLoadTooLarge(t *testing.T) {
	doc := `{"name":"` + strings.Repeat("x", 70<<10) + `"}`
	_, err := Load([]byte(doc))
	if err == nil || !strings.Contains(err.Error(), "limit") {
		t.Fatalf("a 70 KiB policy gives %v", err)
	}
}

func TestLoadReadsEveryField(t *testing.T) {
	p, err := Load([]byte(`{"version":1,"name":"n","rules":[{"select":"MF013","severity":"off"}],
		"pinnedSigners":["2C:26:B4:6B:68:FF:C6:8F:F9:9B:45:3C:1D:30:41:34:13:42:2D:70:64:83:BF:A0:F9:8A:5E:88:62:66:E7:AE"],
		"minimumDigest":"sha256","requiredTargets":["vsphere-8.0"],"maxDiskBytes":1024}`))
	if err != nil {
		t.Fatal(err)
	}
	if !p.RequireSignature {
		t.Error("pinnedSigners does not imply requireSignature")
	}
	if p.PinnedSigners[0] != "2c26b46b68ffc68ff99b453c1d30413413422d706483bfa0f98a5e886266e7ae" {
		t.Errorf("fingerprint not normalised: %s", p.PinnedSigners[0])
	}
	if p.Name != "n" || p.MinimumDigest != "sha256" || p.RequiredTargets[0] != "vsphere-8.0" || p.MaxDiskBytes != 1024 {
		t.Errorf("fields: %+v", p)
	}
	if p.Severity("MF013") != "off" || p.Severity("MF014") != "" {
		t.Errorf("severities: MF013 %q, MF014 %q", p.Severity("MF013"), p.Severity("MF014"))
	}
}

// TestExamples loads every example policy of schemas/testdata.
func TestExamples(t *testing.T) {
	files, _ := filepath.Glob("../../schemas/testdata/policy-*.json")
	if len(files) == 0 {
		t.Fatal("no example policies in schemas/testdata")
	}
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := Load(data); err != nil {
			t.Errorf("%s: %v", filepath.Base(f), err)
		}
	}
}

func TestLoadFileNamesTheFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "org.json")
	if err := os.WriteFile(path, []byte(`{"minimumDigest":"md4"}`), 0o644); err != nil {
		t.Fatal(err)
	}
	_, err := LoadFile(path)
	if err == nil || !strings.Contains(err.Error(), "org.json") || !strings.Contains(err.Error(), "/minimumDigest") {
		t.Fatalf("LoadFile = %v", err)
	}
	if _, err := LoadFile(filepath.Join(t.TempDir(), "absent.json")); err == nil {
		t.Fatal("a missing file loads")
	}
}
