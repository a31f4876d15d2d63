package main

import (
	"archive/tar"
	"bytes"
	"compress/gzip"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ovacheck/ovacheck/engine/ovatest"
	"github.com/ovacheck/ovacheck/engine/report"
	"github.com/ovacheck/ovacheck/engine/signature"
	"github.com/ovacheck/ovacheck/schemas"
)

// ovacheck runs the program in-process and returns its exit status and
// output.
func ovacheck(t *testing.T, stdin []byte, args ...string) (int, string, string) {
	t.Helper()
	var out, errOut bytes.Buffer
	code := run(context.Background(), args, bytes.NewReader(stdin), &out, &errOut)
	return code, out.String(), errOut.String()
}

// writeFile writes data to a new file in a temporary folder.
func writeFile(t *testing.T, name string, data []byte) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, data, 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func soundOVA() []byte { return ovatest.OVA(tar.FormatUSTAR, ovatest.Appliance{}.Members()...) }

// jsonReport decodes a --format json report after checking it against
// the schema.
func jsonReport(t *testing.T, out string) *report.Report {
	t.Helper()
	if err := schemas.Validate(schemas.Report, []byte(out)); err != nil {
		t.Fatalf("report does not conform to the schema: %v\n%s", err, out)
	}
	var r report.Report
	if err := json.Unmarshal([]byte(out), &r); err != nil {
		t.Fatal(err)
	}
	return &r
}

func TestExitStatus(t *testing.T) {
	sound := writeFile(t, "appliance.ova", soundOVA())
	damagedMembers := ovatest.Appliance{}.Members()
	damagedMembers[2].Data = bytes.Clone(damagedMembers[2].Data)
	damagedMembers[2].Data[1000] ^= 1
	damaged := writeFile(t, "damaged.ova", ovatest.OVA(tar.FormatUSTAR, damagedMembers...))

	tests := []struct {
		name string
		args []string
		want int
	}{
		{"sound package passes", []string{sound}, 0},
		{"flipped disk bit fails", []string{damaged}, 1},
		{"missing file cannot run", []string{filepath.Join(t.TempDir(), "nope.ova")}, 2},
		{"no argument cannot run", nil, 2},
		{"bad flag cannot run", []string{"--bogus", sound}, 2},
		{"bad profile cannot run", []string{"--profile", "lax", sound}, 2},
		{"info message notes do not fail", []string{"--fail-on", "warning", sound}, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, out, errOut := ovacheck(t, nil, tt.args...)
			if code != tt.want {
				t.Errorf("exit %d, want %d\nstdout:\n%s\nstderr:\n%s", code, tt.want, out, errOut)
			}
		})
	}
}

func TestFailOnWarning(t *testing.T) {
	members := ovatest.Appliance{}.Members()
	// A manifest line without the space after "=" is a warning.
	members[1].Data = bytes.Replace(members[1].Data, []byte("= "), []byte("="), 1)
	p := writeFile(t, "a.ova", ovatest.OVA(tar.FormatUSTAR, members...))
	if code, out, _ := ovacheck(t, nil, p); code != 0 || !strings.Contains(out, "WARN") {
		t.Fatalf("exit %d, want 0 and a WARN verdict:\n%s", code, out)
	}
	if code, out, _ := ovacheck(t, nil, "--fail-on", "warning", p); code != 1 || !strings.Contains(out, "FAIL") {
		t.Fatalf("with --fail-on warning: exit %d, want 1 and FAIL:\n%s", code, out)
	}
}

func TestTextNamesTheDamagedMember(t *testing.T) {
	members := ovatest.Appliance{}.Members()
	members[2].Data = bytes.Clone(members[2].Data)
	members[2].Data[1000] ^= 1
	p := writeFile(t, "damaged.ova", ovatest.OVA(tar.FormatUSTAR, members...))
	_, out, _ := ovacheck(t, nil, p)
	for _, want := range []string{"FAIL", "MF003", "appliance.mf:2", "appliance-disk1.vmdk", "fix:"} {
		if !strings.Contains(out, want) {
			t.Errorf("text output lacks %q:\n%s", want, out)
		}
	}
	if strings.Contains(out, "\x1b[") {
		t.Error("text written to a pipe is coloured")
	}
}

func TestJSONAndStdinAgree(t *testing.T) {
	data := soundOVA()
	p := writeFile(t, "appliance.ova", data)
	_, out, _ := ovacheck(t, nil, "--format", "json", p)
	fromFile := jsonReport(t, out)
	code, out, errOut := ovacheck(t, data, "--format", "json", "-")
	if code != 0 {
		t.Fatalf("stdin: exit %d: %s", code, errOut)
	}
	fromStdin := jsonReport(t, out)
	if fromFile.Verdict != report.Pass || fromStdin.Verdict != report.Pass {
		t.Fatalf("verdicts %s and %s, want pass", fromFile.Verdict, fromStdin.Verdict)
	}
	if fromStdin.Input.Kind != "stream" || fromFile.Input.Kind != "ova" {
		t.Errorf("input kinds %q and %q", fromFile.Input.Kind, fromStdin.Input.Kind)
	}
	for i, f := range fromFile.Files {
		if f.Digests["sha256"] != fromStdin.Files[i].Digests["sha256"] {
			t.Errorf("%s: digests differ between file and stdin", f.Member)
		}
	}
}

func TestFolderAndDescriptorOnly(t *testing.T) {
	dir := t.TempDir()
	for _, m := range (ovatest.Appliance{}).Members() {
		os.WriteFile(filepath.Join(dir, m.Name), m.Data, 0o644)
	}
	ovf := filepath.Join(dir, "appliance.ovf")
	for _, arg := range []string{ovf, dir} {
		code, out, _ := ovacheck(t, nil, "--format", "json", arg)
		if r := jsonReport(t, out); code != 0 || r.Input.Kind != "folder" || r.Verdict != report.Pass {
			t.Errorf("%s: exit %d, kind %s, verdict %s", arg, code, r.Input.Kind, r.Verdict)
		}
	}
	os.Remove(filepath.Join(dir, "appliance-disk1.vmdk"))
	if code, out, _ := ovacheck(t, nil, ovf); code != 1 || !strings.Contains(out, "REF") {
		t.Errorf("folder without its disk: exit %d, want 1 with a REF finding:\n%s", code, out)
	}
	code, out, _ := ovacheck(t, nil, "--descriptor-only", "--format", "json", ovf)
	r := jsonReport(t, out)
	if code != 0 || r.Input.Kind != "descriptor" || len(r.Skipped) == 0 {
		t.Errorf("--descriptor-only: exit %d, kind %s, skipped %v", code, r.Input.Kind, r.Skipped)
	}
}

func TestNotATarIsNamed(t *testing.T) {
	var gz bytes.Buffer
	zw := gzip.NewWriter(&gz)
	zw.Write(soundOVA())
	zw.Close()
	tests := []struct {
		name, data, want string
	}{
		{"gzip.ova", gz.String(), "gzip"},
		{"zip.ova", "PK\x03\x04" + strings.Repeat("\x00", 600), "zip"},
		{"xml.ova", `<?xml version="1.0"?><Envelope xmlns="http://schemas.dmtf.org/ovf/envelope/1"/>`, "descriptor"},
		{"empty.ova", "", "empty"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, out, _ := ovacheck(t, nil, writeFile(t, tt.name, []byte(tt.data)))
			if code != 1 || !strings.Contains(strings.ToLower(out), tt.want) || !strings.Contains(out, "PKG") {
				t.Errorf("exit %d, want 1 with a PKG finding naming %q:\n%s", code, tt.want, out)
			}
		})
	}
}

func TestRulesAndExplain(t *testing.T) {
	code, out, _ := ovacheck(t, nil, "rules")
	if code != 0 || !strings.Contains(out, "MF003") || !strings.Contains(out, "PKG050") {
		t.Fatalf("rules: exit %d:\n%s", code, out)
	}
	code, out, _ = ovacheck(t, nil, "explain", "mf003")
	if code != 0 || !strings.HasPrefix(out, "# MF003") || !strings.Contains(out, "Severity: error") {
		t.Fatalf("explain mf003: exit %d:\n%s", code, out)
	}
	if code, _, errOut := ovacheck(t, nil, "explain", "XX999"); code != 2 || !strings.Contains(errOut, "no rule") {
		t.Fatalf("explain XX999: exit %d: %s", code, errOut)
	}
}

func TestInfo(t *testing.T) {
	p := writeFile(t, "appliance.ova", ovatest.OVA(tar.FormatUSTAR,
		ovatest.Appliance{Product: "Widget Server", Vendor: "Example Corp"}.Members()...))
	code, out, _ := ovacheck(t, nil, "info", p)
	for _, want := range []string{"Widget Server", "Example Corp", "CPUs     2", "2.0 GiB", "VM Network", "16.0 MiB"} {
		if !strings.Contains(out, want) {
			t.Errorf("info lacks %q (exit %d):\n%s", want, code, out)
		}
	}
}

func TestControlCharactersAreEscaped(t *testing.T) {
	a := ovatest.Appliance{DiskNames: []string{"evil\x1b[2Jname.vmdk"}}
	p := writeFile(t, "evil.ova", ovatest.OVA(tar.FormatUSTAR, a.Members()...))
	_, out, _ := ovacheck(t, nil, p)
	if strings.Contains(out, "\x1b[2J") {
		t.Fatalf("an escape sequence from a member name reached the terminal:\n%q", out)
	}
	if !strings.Contains(out, `evil\x1b[2Jname.vmdk`) {
		t.Errorf("the member name is not shown escaped:\n%s", out)
	}
}

func TestSignedPackage(t *testing.T) {
	ca := ovatest.NewCA()
	signer := ca.Issue(ovatest.CertOptions{CommonName: "Example Corp Code Signing", CodeSigning: true})
	other := ca.Issue(ovatest.CertOptions{CommonName: "Someone Else", KeyID: "other", CodeSigning: true})
	p := writeFile(t, "signed.ova", ovatest.OVA(tar.FormatUSTAR, ovatest.Appliance{}.Signed(signer, "SHA256")...))
	roots := writeFile(t, "roots.pem", ca.PEM)
	at := "--at=2026-06-01"

	code, out, _ := ovacheck(t, nil, at, "--format", "json", "--trust", roots, p)
	r := jsonReport(t, out)
	if code != 0 || r.Signature == nil || r.Signature.Verified != "verified" || r.Signature.Trust != "trusted" ||
		r.Signature.Signer == nil || !strings.Contains(r.Signature.Signer.Subject, "Example Corp Code Signing") {
		t.Fatalf("signed package with its root: exit %d, signature %+v", code, r.Signature)
	}
	_, text, _ := ovacheck(t, nil, at, p)
	if !strings.Contains(text, "Example Corp Code Signing") || !strings.Contains(text, r.Signature.Signer.SHA256) {
		t.Errorf("text output does not name the signer and fingerprint:\n%s", text)
	}
	if code, out, _ := ovacheck(t, nil, at, "--signer-sha256", r.Signature.Signer.SHA256, p); code != 0 {
		t.Errorf("pinned to its own signer: exit %d\n%s", code, out)
	}
	otherPin := signature.Fingerprint(other.Cert)
	if code, out, _ := ovacheck(t, nil, at, "--signer-sha256", otherPin, p); code != 1 || !strings.Contains(out, "SIG028") {
		t.Errorf("pinned to another signer: exit %d, want 1 with SIG028\n%s", code, out)
	}
	unsigned := writeFile(t, "unsigned.ova", soundOVA())
	if code, out, _ := ovacheck(t, nil, at, "--signer-sha256", r.Signature.Signer.SHA256, unsigned); code != 1 || !strings.Contains(out, "SIG028") {
		t.Errorf("pinned signer, unsigned package: exit %d, want 1 with SIG028\n%s", code, out)
	}
	if code, _, errOut := ovacheck(t, nil, "--signer-sha256", "xyz", p); code != 2 || !strings.Contains(errOut, "signer-sha256") {
		t.Errorf("a malformed pin: exit %d: %s", code, errOut)
	}
}

func TestHTMLIsSelfContainedAndEscaped(t *testing.T) {
	a := ovatest.Appliance{Annotation: `<script>alert("x")</script>`, Product: `<img src=x onerror=alert(1)>`}
	p := writeFile(t, "a.ova", ovatest.OVA(tar.FormatUSTAR, a.Members()...))
	code, out, _ := ovacheck(t, nil, "--format", "html", p)
	if code != 0 || !strings.HasPrefix(strings.TrimSpace(strings.ToLower(out)), "<!doctype html>") {
		t.Fatalf("exit %d, not an HTML document:\n%.300s", code, out)
	}
	for _, bad := range []string{`<script>alert`, `<img src=x`, `src="http`, `href="http`} {
		if strings.Contains(out, bad) {
			t.Errorf("the page contains %q", bad)
		}
	}
	if !strings.Contains(out, `data-verdict="pass"`) || !strings.Contains(out, "&lt;script&gt;") {
		t.Errorf("the page lacks the verdict or the escaped annotation")
	}
}

func TestTargets(t *testing.T) {
	// A VirtualBox export names a hardware family vSphere refuses.
	a := ovatest.Appliance{}
	members := a.Members()
	members[0].Data = bytes.Replace(members[0].Data, []byte("vmx-13"), []byte("virtualbox-2.2"), 1)
	members[1].Data = ovatest.Manifest("sha256", members[0], members[2])
	p := writeFile(t, "vbox.ova", ovatest.OVA(tar.FormatUSTAR, members...))

	code, out, _ := ovacheck(t, nil, "--format", "json", p)
	r := jsonReport(t, out)
	if code != 0 || len(r.Targets) != 10 {
		t.Fatalf("no target named: exit %d, %d targets; want 0 and all ten judged", code, len(r.Targets))
	}
	verdicts := map[string]string{}
	for _, tg := range r.Targets {
		verdicts[tg.Target] = tg.Verdict
	}
	if verdicts["vsphere-8.0"] != "rejects" || verdicts["virtualbox-7"] != "accepts" {
		t.Errorf("verdicts %v: want vSphere 8 to reject and VirtualBox 7 to accept", verdicts)
	}
	if code, out, _ := ovacheck(t, nil, "--target", "vsphere-8.0", p); code != 1 || !strings.Contains(out, "CMP") {
		t.Errorf("--target vsphere-8.0: exit %d, want 1 with a CMP finding\n%s", code, out)
	}
	if code, _, _ := ovacheck(t, nil, "--target", "virtualbox-7", p); code != 0 {
		t.Errorf("--target virtualbox-7: exit %d, want 0", code)
	}
	if code, _, errOut := ovacheck(t, nil, "--target", "vmware-99", p); code != 2 || !strings.Contains(errOut, "vsphere-8.0") {
		t.Errorf("an unknown target: exit %d, want 2 listing the known ones: %s", code, errOut)
	}
}

func TestFolderIsTheBoundary(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "appliance [v2]")
	os.Mkdir(dir, 0o755)
	ms := ovatest.Appliance{}.Members()
	for _, m := range ms[:2] {
		os.WriteFile(filepath.Join(dir, m.Name), m.Data, 0o644)
	}
	// The disk is a link to a file outside the folder that happens to
	// hold the right bytes: it must not be read.
	outside := writeFile(t, "secret.vmdk", ms[2].Data)
	if err := os.Symlink(outside, filepath.Join(dir, ms[2].Name)); err != nil {
		t.Skip("symlinks unavailable:", err)
	}
	code, out, errOut := ovacheck(t, nil, dir, "--format", "json") // flags after the name work too
	if code == 2 {
		t.Fatalf("could not run on a folder with brackets in its name: %s", errOut)
	}
	r := jsonReport(t, out)
	for _, f := range r.Files {
		if f.Member == ms[2].Name && f.Manifest == report.Match {
			t.Fatalf("the link leading out of the folder was followed and hashed")
		}
	}
	if r.Verdict != report.Fail {
		t.Errorf("verdict %s, want fail: the disk inside the folder is not there", r.Verdict)
	}
	os.Remove(filepath.Join(dir, ms[2].Name))
	os.WriteFile(filepath.Join(dir, ms[2].Name), ms[2].Data, 0o644)
	_, out, _ = ovacheck(t, nil, "--format=json", dir)
	for _, f := range jsonReport(t, out).Files {
		if f.Member == ms[2].Name && f.Manifest != report.Match {
			t.Errorf("the disk in the folder: manifest status %s, want match", f.Manifest)
		}
	}
}

// TestInfoUnknownCapacity: a capacity the descriptor does not let anyone
// read is shown as unknown, not as a disk of 0 bytes.
func TestInfoUnknownCapacity(t *testing.T) {
	a := ovatest.Appliance{}
	ms := a.Members()
	ms[0].Data = []byte(strings.Replace(string(ms[0].Data), `ovf:capacity="16777216"`, `ovf:capacity="lots"`, 1))
	p := writeFile(t, "appliance.ova", ovatest.OVA(tar.FormatUSTAR, ms...))
	_, out, _ := ovacheck(t, nil, "info", p)
	if !strings.Contains(out, "unknown") || strings.Contains(out, " 0 B ") {
		t.Errorf("info shows an unreadable capacity as:\n%s", out)
	}
}
