package settings

import (
	"context"
	"errors"
	"net/url"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/ovacheck/ovacheck/engine"
	"github.com/ovacheck/ovacheck/engine/ovatest"
	"github.com/ovacheck/ovacheck/engine/policy"
	"github.com/ovacheck/ovacheck/engine/report"
)

const (
	sum256 = "d5439ce9b12bbdfe6ec331322dba31103d9e022692c4cff219e5408902fd873a"
	sum512 = sum256 + sum256
)

// TestParseRefuses: every value a user could get wrong is refused with a
// message that names the key and says what would be right.
func TestParseRefuses(t *testing.T) {
	for _, c := range []struct {
		name  string
		query string
		key   string
		want  []string
	}{
		{"unknown key", "profle=strict", "profle", []string{`unknown option "profle"`, "did you mean profile?", "targets"}},
		{"misspelled profile", "profile=strcit", KeyProfile, []string{`profile "strcit" is not compat or strict`, "did you mean strict?"}},
		{"unknown profile", "profile=lenient", KeyProfile, []string{`profile "lenient" is not compat or strict`}},
		{"unknown target", "targets=vsphere-8.0,vsphere-9", KeyTargets, []string{`unknown target "vsphere-9"`, "vsphere-9.0", "xenserver-8"}},
		{"target alias", "target=vmware-99", KeyTargets, []string{`unknown target "vmware-99"`, "vsphere-8.0"}},
		{"markup as a target", "targets=%3Cscript%3E", KeyTargets, []string{`unknown target "<script>"`}},
		{"short sha256", "sha256=abc123", KeySHA256, []string{"sha256 has 6 hex digits: a SHA-256 is 64"}},
		{"sha512 as sha256", "sha256=" + sum512, KeySHA256, []string{"the length of a SHA-512", "give it as sha512"}},
		{"not hex", "sha512=" + strings.Repeat("z", 128), KeySHA512, []string{"is not hex", "SHA-512 is 128"}},
		{"bad pin", "signer-sha256=12:34", KeySignerSHA256, []string{"not a SHA-256 fingerprint"}},
		{"no PEM", "trust-roots=hello", KeyTrustRoots, []string{"no PEM certificate"}},
		{"bad policy", "policy=%7B%22version%22%3A9%7D", KeyPolicy, []string{"the policy is not valid", "/version"}},
		{"bad time", "at=yesterday", KeyAt, []string{`at "yesterday" is neither RFC 3339`}},
		{"bad fail-on", "fail-on=warnig", KeyFailOn, []string{`fail-on takes error or warning, not "warnig"`, "did you mean warning?"}},
		{"bad flag", "deep=maybe", KeyDeep, []string{`deep is on or off`}},
		{"twice", "profile=compat&profile=strict", KeyProfile, []string{"profile is given twice"}},
		{"alias and key", "trust=a&trust-roots=b", KeyTrustRoots, []string{"trust-roots is given twice"}},
		{"descriptor and structure", "descriptor-only&structure-only=true", KeyStructureOnly, []string{"descriptor-only and structure-only cannot be given together"}},
		{"descriptor and deep", "descriptor-only=1&deep=1", KeyDeep, []string{"descriptor-only and deep cannot"}},
		{"structure and checksum", "structure-only=true&sha256=" + sum256, KeySHA256, []string{"structure-only and sha256 cannot", "skips the bytes"}},
		{"structure and deep", "structure-only=on&deep=yes", KeyDeep, []string{"structure-only and deep cannot"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			v, err := url.ParseQuery(c.query)
			if err != nil {
				t.Fatal(err)
			}
			_, err = Parse(v)
			var e *Error
			if !errors.As(err, &e) {
				t.Fatalf("Parse(%s) = %v, want an *Error", c.query, err)
			}
			if e.Key != c.key {
				t.Errorf("key %q, want %q", e.Key, c.key)
			}
			for _, w := range c.want {
				if !strings.Contains(e.Message, w) {
					t.Errorf("message %q lacks %q", e.Message, w)
				}
			}
		})
	}
}

// TestParsePolicyProblems: an invalid policy keeps its problems, each with
// its field's pointer, for the API's JSON answer.
func TestParsePolicyProblems(t *testing.T) {
	_, err := Parse(url.Values{"policy": {`{"version": 1, "requiredTargets": ["vSphere 8"]}`}})
	var pe *policy.Error
	if !errors.As(err, &pe) || len(pe.Problems) == 0 || pe.Problems[0].Pointer != "/requiredTargets/0" {
		t.Fatalf("err = %v; want a *policy.Error pointing at /requiredTargets/0", err)
	}
}

// TestParseAccepts: the values each front end sends are read alike, with
// the defaults when nothing is given.
func TestParseAccepts(t *testing.T) {
	s, err := Parse(nil)
	if err != nil || s.Profile != "compat" || s.FailOn != report.Error || len(s.Targets) != 0 || s.WholeFile {
		t.Fatalf("defaults: %+v, %v", s, err)
	}
	v := url.Values{
		"Profile":       {"Strict"},
		"target":        {"VirtualBox-7"},
		"targets":       {"vsphere-8.0, virtualbox-7", ""},
		"sha256":        {" " + strings.ToUpper(sum256) + " "},
		"signer-sha256": {strings.ToUpper(sum256[:2]) + ":" + sum256[2:]},
		"at":            {"2026-01-02"},
		"fail-on":       {"warning"},
		"deep":          {""}, // present, as an HTML boolean attribute
		"whole-file":    {"false"},
		"policy":        {`{"version": 1, "requiredTargets": ["proxmox-8"]}`},
	}
	s, err = Parse(v)
	if err != nil {
		t.Fatal(err)
	}
	if s.Profile != "strict" || !slices.Equal(s.Targets, []string{"virtualbox-7", "vsphere-8.0"}) ||
		s.Expected["sha256"] != sum256 || s.SignerPin != sum256 || !s.At.Equal(time.Date(2026, 1, 2, 0, 0, 0, 0, time.UTC)) ||
		s.FailOn != report.Warning || !s.Deep || s.WholeFile || s.Policy == nil {
		t.Errorf("parsed %+v", s)
	}
	if got := s.JudgedTargets(); !slices.Equal(got, []string{"virtualbox-7", "vsphere-8.0", "proxmox-8"}) {
		t.Errorf("judged targets %v, want the named ones and the policy's", got)
	}
	if _, err := Parse(url.Values{"profile": {"", "strict"}, "sha256": {""}}); err != nil {
		t.Errorf("an empty value beside a real one, or alone: %v", err)
	}
}

// TestParseOnly: a front end that takes fewer keys refuses the others by
// name and lists those it takes.
func TestParseOnly(t *testing.T) {
	_, err := ParseOnly(url.Values{"deep": {"true"}}, APIURLKeys)
	if err == nil || !strings.Contains(err.Error(), `option "deep" is not taken here`) || !strings.Contains(err.Error(), "profile, targets") {
		t.Errorf("deep at validate-url: %v", err)
	}
	if _, err := ParseOnly(url.Values{"targets": {"proxmox-8"}}, APIURLKeys); err != nil {
		t.Errorf("targets at validate-url: %v", err)
	}
}

// TestOptionsReachTheEngine: the settings change what the engine reports:
// the strict profile, the targets judged, and the whole-file digest.
func TestOptionsReachTheEngine(t *testing.T) {
	ova := ovatest.OVA(0, ovatest.Appliance{}.Members()...)
	v, _ := url.ParseQuery("profile=strict&targets=proxmox-8&sha256=" + sum256)
	s, err := Parse(v)
	if err != nil {
		t.Fatal(err)
	}
	rep, err := engine.Check(context.Background(), engine.Stream("a.ova", strings.NewReader(string(ova))), s.Options()...)
	if err != nil {
		t.Fatal(err)
	}
	if rep.Profile != "strict" {
		t.Errorf("profile %q, want strict", rep.Profile)
	}
	if len(rep.Targets) != 1 || rep.Targets[0].Target != "proxmox-8" {
		t.Errorf("targets %+v, want proxmox-8 alone", rep.Targets)
	}
	found := false
	for _, f := range rep.Findings {
		found = found || strings.Contains(f.Message, sum256)
	}
	if !found {
		t.Errorf("no finding names the expected SHA-256 the file does not have: %+v", rep.Findings)
	}
}
