package policy

import (
	"archive/tar"
	"bytes"
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/ovacheck/ovacheck/engine"
	"github.com/ovacheck/ovacheck/engine/ovatest"
	"github.com/ovacheck/ovacheck/engine/report"
)

func mustLoad(t *testing.T, doc string) *Policy {
	t.Helper()
	p, err := Load([]byte(doc))
	if err != nil {
		t.Fatalf("Load(%s): %v", doc, err)
	}
	return p
}

func TestSelectors(t *testing.T) {
	cases := []struct {
		list []string
		id   string
		want bool
	}{
		{[]string{"all"}, "MF004", true},
		{[]string{"HW*"}, "HW010", true},
		{[]string{"HW*"}, "MF004", false},
		{[]string{"HW0*"}, "HW010", true},
		{[]string{"HW0*"}, "HW100", false},
		{[]string{"MF004"}, "MF004", true},
		{[]string{"MF004"}, "MF040", false},
		{[]string{"-MF004"}, "MF004", false},
		{[]string{"-MF004"}, "SIG001", true},
		{[]string{"all", "-MF*"}, "MF004", false},
		{[]string{"all", "-MF*", "MF004"}, "MF004", true},
		{[]string{"HW*", "-HW010"}, "HW011", true},
		{[]string{"HW*", "-HW010"}, "HW010", false},
	}
	for _, c := range cases {
		if got := selects(c.list, c.id); got != c.want {
			t.Errorf("selects(%q, %s) = %v, want %v", c.list, c.id, got, c.want)
		}
	}
}

// findingsOf returns "RULE:severity" for each finding, sorted.
func findingsOf(r *report.Report) []string {
	var out []string
	for _, f := range r.Findings {
		out = append(out, f.Rule+":"+string(f.Severity))
	}
	slices.Sort(out)
	return out
}

func TestApplySettingsInOrder(t *testing.T) {
	p := mustLoad(t, `{"rules":[
		{"select":"all","severity":"error"},
		{"select":["HW*","-HW010"],"severity":"info"},
		{"select":"MF013","severity":"off"}]}`)
	r := &report.Report{Findings: []report.Finding{
		{Rule: "MF013", Severity: report.Info},
		{Rule: "MF004", Severity: report.Warning},
		{Rule: "HW010", Severity: report.Warning},
		{Rule: "HW011", Severity: report.Error},
	}}
	p.Apply(r)
	want := []string{"HW010:error", "HW011:info", "MF004:error"}
	if got := findingsOf(r); !slices.Equal(got, want) {
		t.Errorf("findings %v, want %v", got, want)
	}
}

func signedReport(verified, fingerprint string) *report.Report {
	return &report.Report{
		Input: report.Input{Name: "a.ova", Kind: "ova"},
		Files: []report.File{
			{Member: "a.ovf", Role: "descriptor", Manifest: report.Match, Digests: map[string]string{"sha1": "x"}},
			{Member: "a.mf", Role: "manifest", Manifest: report.IsManifest},
			{Member: "a.cert", Role: "certificate", Manifest: report.IsCertificate},
			{Member: "a-disk1.vmdk", Role: "disk", Size: 2048, Manifest: report.Match, Digests: map[string]string{"sha1": "y"}},
		},
		Signature: &report.Signature{Member: "a.cert", Verified: verified,
			Signer: &report.Signer{Subject: "CN=vendor", SHA256: fingerprint}},
		Package: report.Package{Descriptor: "a.ovf", Disks: []report.Disk{{ID: "vmdisk1", CapacityBytes: 4 << 30}}},
		Targets: []report.Target{{Target: "vsphere-8.0", Verdict: "rejects", Rules: []string{"CMP012"}},
			{Target: "virtualbox-7", Verdict: "accepts"}},
	}
}

const (
	pinA = "2c26b46b68ffc68ff99b453c1d30413413422d706483bfa0f98a5e886266e7ae"
	pinB = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"
)

func TestRequirements(t *testing.T) {
	unsigned := func() *report.Report {
		r := signedReport("verified", pinA)
		r.Signature = nil
		r.Files = slices.DeleteFunc(r.Files, func(f report.File) bool { return f.Role == "certificate" })
		return r
	}
	cases := []struct {
		name   string
		policy string
		report func() *report.Report
		rule   string // "" means no POL finding
		member string
		msg    string
	}{
		{"unsigned", `{"requireSignature":true}`, unsigned, "POL001", "a.ova", "has no certificate file"},
		{"pin implies signature", `{"pinnedSigners":["` + pinA + `"]}`, unsigned, "POL001", "a.ova", "requires a signed package"},
		{"unreadable certificate", `{"requireSignature":true}`,
			func() *report.Report { r := signedReport("", ""); r.Signature = nil; return r }, "POL002", "a.cert", "could not be read"},
		{"signature failed", `{"requireSignature":true}`, func() *report.Report { return signedReport("failed", pinA) },
			"POL002", "a.cert", "is failed"},
		{"signature verified", `{"requireSignature":true}`, func() *report.Report { return signedReport("verified", pinA) }, "", "", ""},
		{"pinned signer", `{"pinnedSigners":["` + strings.ToUpper(pinA) + `"]}`, func() *report.Report { return signedReport("verified", pinA) }, "", "", ""},
		{"other signer", `{"pinnedSigners":["` + pinB + `"]}`, func() *report.Report { return signedReport("verified", pinA) },
			"POL003", "a.cert", pinA},
		{"weak digest", `{"minimumDigest":"sha256"}`, func() *report.Report { return signedReport("verified", pinA) },
			"POL004", "a.mf", "lists SHA1 digests of 2 files"},
		{"sha1 allowed", `{"minimumDigest":"sha1"}`, func() *report.Report { return signedReport("verified", pinA) }, "", "", ""},
		{"no manifest", `{"minimumDigest":"sha256"}`, func() *report.Report {
			r := signedReport("verified", pinA)
			r.Files = r.Files[:1]
			return r
		}, "POL005", "a.ova", "has no manifest"},
		{"target rejects", `{"requiredTargets":["vsphere-8.0"]}`, func() *report.Report { return signedReport("verified", pinA) },
			"POL006", "a.ova", "vsphere-8.0 rejects the package (CMP012)"},
		{"target accepts", `{"requiredTargets":["virtualbox-7"]}`, func() *report.Report { return signedReport("verified", pinA) }, "", "", ""},
		{"target not judged", `{"requiredTargets":["proxmox-8"]}`, func() *report.Report { return signedReport("verified", pinA) },
			"POL007", "a.ova", "no verdict for it"},
		{"disk capacity", `{"maxDiskBytes":1073741824}`, func() *report.Report { return signedReport("verified", pinA) },
			"POL008", "a.ovf", "disk vmdisk1 has a capacity of 4294967296 bytes (4.0 GiB)"},
		{"disk file", `{"maxDiskBytes":1024}`, func() *report.Report {
			r := signedReport("verified", pinA)
			r.Package.Disks = nil
			return r
		}, "POL008", "a-disk1.vmdk", "disk image a-disk1.vmdk is 2048 bytes"},
		{"disk within", `{"maxDiskBytes":8589934592}`, func() *report.Report { return signedReport("verified", pinA) }, "", "", ""},
		{"named policy", `{"name":"acme","requireSignature":true}`, unsigned, "POL001", "a.ova", `the policy "acme" requires`},
		{"POL severity turned down", `{"requiredTargets":["proxmox-8"],"rules":[{"select":"POL007","severity":"off"}]}`,
			func() *report.Report { return signedReport("verified", pinA) }, "", "", ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r := c.report()
			mustLoad(t, c.policy).Apply(r)
			var pol []report.Finding
			for _, f := range r.Findings {
				if strings.HasPrefix(f.Rule, "POL") {
					pol = append(pol, f)
				}
			}
			if c.rule == "" {
				if len(pol) > 0 {
					t.Fatalf("unexpected POL findings %+v", pol)
				}
				return
			}
			if len(pol) != 1 {
				t.Fatalf("POL findings %+v, want one %s", pol, c.rule)
			}
			f := pol[0]
			if f.Rule != c.rule || f.Severity != report.Error || f.Location.Member != c.member || !strings.Contains(f.Message, c.msg) || f.Hint == "" {
				t.Errorf("finding %+v; want %s error at %s containing %q, with a hint", f, c.rule, c.member, c.msg)
			}
		})
	}
}

func TestApplyNilIsHarmless(t *testing.T) {
	var p *Policy
	p.Apply(&report.Report{})
	mustLoad(t, `{}`).Apply(nil)
}

// TestThroughTheEngine checks a real package with a policy: the POL
// findings appear, turned-off rules disappear and the verdict follows.
func TestThroughTheEngine(t *testing.T) {
	ova := ovatest.OVA(tar.FormatUSTAR, ovatest.Appliance{Algorithm: "sha1"}.Members()...)
	check := func(doc string, extra ...engine.Option) *report.Report {
		t.Helper()
		opts := append(extra, mustLoad(t, doc).Options(nil)...)
		r, err := engine.Check(context.Background(), engine.OVA("appliance.ova", bytes.NewReader(ova), int64(len(ova))), opts...)
		if err != nil {
			t.Fatal(err)
		}
		return r
	}
	plain := check(`{}`)
	if plain.Verdict == report.Fail {
		t.Fatalf("the sound appliance fails without a policy: %v", findingsOf(plain))
	}
	r := check(`{"requireSignature":true,"minimumDigest":"sha256","maxDiskBytes":1048576}`)
	if r.Verdict != report.Fail {
		t.Errorf("verdict %s, want fail", r.Verdict)
	}
	got := findingsOf(r)
	for _, want := range []string{"POL001:error", "POL004:error", "POL008:error"} {
		if !slices.Contains(got, want) {
			t.Errorf("findings %v lack %s", got, want)
		}
	}
	quiet := check(`{"rules":[{"select":"all","severity":"off"}]}`)
	if len(quiet.Findings) != 0 || quiet.Verdict != report.Pass {
		t.Errorf("all off leaves %v, verdict %s", findingsOf(quiet), quiet.Verdict)
	}
}

func TestOptionsAddRequiredTargets(t *testing.T) {
	p := mustLoad(t, `{"requiredTargets":["vsphere-8.0","virtualbox-7"]}`)
	if n := len(p.Options(nil)); n != 1 {
		t.Errorf("with no targets named, %d options, want only the policy", n)
	}
	if n := len(p.Options([]string{"VSPHERE-8.0"})); n != 2 {
		t.Errorf("with targets named, %d options, want the policy and the targets", n)
	}
	var none *Policy
	if none.Options([]string{"x"}) != nil {
		t.Error("a nil policy gives options")
	}
}
