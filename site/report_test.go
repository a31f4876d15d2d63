package site

import (
	"context"
	"html"
	"regexp"
	"strings"
	"testing"

	"github.com/ovacheck/ovacheck/engine/report"
)

// hostile is text a package could carry to attack the page.
const hostile = `<script>alert(1)</script><img src=x onerror=alert(2)>"'&`

func sampleReport() *report.Report {
	return &report.Report{
		MediaType: report.MediaType,
		Tool:      report.Tool{Name: "ovacheck", Version: "0.1.0"},
		Input:     report.Input{Name: "bad" + hostile + ".ova", Size: 3 << 30, Kind: "ova"},
		Profile:   "compat",
		Verdict:   report.Fail,
		Complete:  true,
		Findings: []report.Finding{
			{Rule: "MF003", Severity: report.Error, Message: "digest of disk1.vmdk " + hostile,
				Location: report.At("appliance.mf", 2, 1), Hint: "re-export " + hostile},
			{Rule: "PKG050", Severity: report.Warning, Message: "warned", Location: report.InMember("a.ovf")},
			{Rule: "ENV001", Severity: report.Info, Message: "noted", Location: report.AtOffset("disk1.vmdk", 512)},
		},
		Package: report.Package{
			OvfVersion: "1.0",
			VirtualSystems: []report.VirtualSystem{{ID: "vm", Name: "VM " + hostile, CPUs: 2, MemoryBytes: 2 << 30,
				Annotation: "note " + hostile, NICs: []report.NIC{{Name: "eth0", Type: "VmxNet3", Network: "VM Network"}}}},
			Disks:    []report.Disk{{ID: "vmdisk1", File: "disk1.vmdk", CapacityBytes: 10 << 30, Format: "streamOptimized"}},
			Networks: []report.Network{{Name: "VM Network", Description: hostile}},
			Eulas:    []report.Eula{{VirtualSystem: "vm", Text: "Line one\n\nLine two " + hostile}},
			Products: []report.Product{{Product: "Prod " + hostile, Vendor: "V", Version: "1",
				Properties: []report.Property{{Key: "k", Type: "string", Default: hostile}, {Key: "pw", Type: "string", Password: true, Default: "secret"}}}},
		},
		Files: []report.File{
			{Member: "disk1" + hostile + ".vmdk", Size: 1 << 30, Digests: map[string]string{"sha256": "ab", "sha1": "cd"}, Manifest: report.Mismatch, Role: "disk"},
		},
		WholeFile: map[string]string{"sha256": "0123abcd"},
		Signature: &report.Signature{Member: "a.cert", Verified: "verified", Trust: "unknown",
			Signer: &report.Signer{Subject: "CN=Signer " + hostile, Issuer: "CN=CA", Serial: "01", SHA256: "ff", KeyType: "RSA", KeyBits: 2048}},
		Targets: []report.Target{{Target: "vsphere", Verdict: "rejects", Rules: []string{"MF003"}}},
	}
}

func render(t *testing.T, r *report.Report, o Options) string {
	t.Helper()
	var b strings.Builder
	if err := Report(r, o).Render(context.Background(), &b); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

func TestReportContract(t *testing.T) {
	tests := []struct {
		name   string
		opts   Options
		want   []string
		absent []string
	}{
		{
			name: "final report",
			opts: Options{RuleBase: "rules/"},
			want: []string{
				`data-verdict="fail"`,
				`data-rule="MF003" data-severity="error"`,
				`data-rule="PKG050" data-severity="warning"`,
				`data-rule="ENV001" data-severity="info"`,
				`href="rules/MF003.html"`,
				"appliance.mf:2:1",
				"disk1.vmdk at byte 512",
				"1 error, 1 warning, 1 note",
				"Failed",
				"0123abcd",
				"MISMATCH",
				"rejects",
				"Line two",
				"<details class=\"eula\">",
			},
			absent: []string{"data-structural-verdict", "secret"},
		},
		{
			name:   "preliminary report",
			opts:   Options{Preliminary: true},
			want:   []string{`data-structural-verdict="fail"`, "hashing the disks"},
			absent: []string{"data-verdict", `href="`},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := render(t, sampleReport(), tt.opts)
			for _, w := range tt.want {
				if !strings.Contains(got, w) {
					t.Errorf("report lacks %q", w)
				}
			}
			for _, a := range tt.absent {
				if strings.Contains(got, a) {
					t.Errorf("report has %q", a)
				}
			}
		})
	}
}

func TestReportEscapesPackageText(t *testing.T) {
	got := render(t, sampleReport(), Options{RuleBase: "rules/"})
	if strings.Contains(got, "<script") || strings.Contains(got, "<img") {
		t.Errorf("report holds a live element from package text")
	}
	// Every place the hostile text went in comes out escaped.
	if n := strings.Count(got, "&lt;script&gt;alert(1)&lt;/script&gt;"); n < 10 {
		t.Errorf("hostile text escaped %d times, want at least 10", n)
	}
}

func TestReportFindingsGroupedBySeverity(t *testing.T) {
	got := render(t, sampleReport(), Options{})
	order := regexp.MustCompile(`data-severity="(\w+)"`).FindAllStringSubmatch(got, -1)
	var sev []string
	for _, m := range order {
		sev = append(sev, m[1])
	}
	if strings.Join(sev, ",") != "error,warning,info" {
		t.Errorf("finding order %v, want error, warning, info", sev)
	}
	for _, h := range []string{"Errors (1)", "Warnings (1)", "Notes (1)"} {
		if !strings.Contains(got, h) {
			t.Errorf("no heading %q", h)
		}
	}
}

func TestReportEmpty(t *testing.T) {
	got := render(t, &report.Report{Verdict: report.Pass, Complete: true}, Options{})
	for _, w := range []string{`data-verdict="pass"`, "No problems found.", "not signed"} {
		if !strings.Contains(got, w) {
			t.Errorf("empty report lacks %q", w)
		}
	}
}

func TestReportPageSelfContained(t *testing.T) {
	var b strings.Builder
	if err := ReportPage(sampleReport()).Render(context.Background(), &b); err != nil {
		t.Fatal(err)
	}
	raw := b.String()
	got := html.UnescapeString(raw)
	for _, w := range []string{"<!doctype html>", "<style>", "default-src 'none'", "style-src 'sha256-", `data-verdict="fail"`} {
		if !strings.Contains(strings.ToLower(got), strings.ToLower(w)) {
			t.Errorf("page lacks %q", w)
		}
	}
	for _, a := range []string{"<script", "<link", " src=\"", `href="rules/`} {
		if strings.Contains(raw, a) {
			t.Errorf("self-contained page has %q", a)
		}
	}
}

func TestByteSize(t *testing.T) {
	for in, want := range map[int64]string{0: "0 bytes", 1023: "1,023 bytes", 1024: "1.0 KiB", 3 << 30: "3.0 GiB"} {
		if got := byteSize(in); got != want {
			t.Errorf("byteSize(%d) = %q, want %q", in, got, want)
		}
	}
}
