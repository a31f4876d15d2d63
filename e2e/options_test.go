//go:build e2e

package e2e

import (
	"archive/tar"
	"strings"
	"testing"

	"github.com/ovacheck/ovacheck/engine/ovatest"
	"github.com/ovacheck/ovacheck/engine/signature"
)

// TestPageOptions sets the page's check options as a user would: trust
// roots make the signer trusted, a pin on another key fails the package,
// and a policy turns its requirement into a POL finding.
func TestPageOptions(t *testing.T) {
	ca := ovatest.NewCA()
	signer := ca.Issue(ovatest.CertOptions{CommonName: "Example Corp release signing", CodeSigning: true})
	other := ca.Issue(ovatest.CertOptions{CommonName: "Someone else", KeyID: "other", CodeSigning: true})
	pkg := write(t, "signed.ova", ovatest.OVA(tar.FormatUSTAR, ovatest.Appliance{}.Signed(signer, "SHA256")...))

	p := openPage(t)
	set := func(id, value string) {
		evalAs[bool](t, p, `(document.getElementById(`+jsString(id)+`).value = `+jsString(value)+`, true)`)
	}
	check := func() (string, string, []string) {
		p.choose(t, pkg)
		v := p.verdict(t)
		trust := evalAs[string](t, p, `(window.ovacheckReport.signature || {}).trust || ""`)
		return v, trust, p.findings(t)
	}

	set("opt-roots", string(ca.PEM))
	if v, trust, fs := check(); v == "fail" || trust != "trusted" {
		t.Fatalf("with the signing CA as trust root: verdict %s, trust %q: %v", v, trust, fs)
	}

	set("opt-pin", signature.Fingerprint(other.Cert))
	if v, _, fs := check(); v != "fail" || !contains(fs, "SIG028") {
		t.Fatalf("pinned to another signer: verdict %s, want fail with SIG028: %v", v, fs)
	}

	set("opt-pin", "")
	set("opt-policy", `{"version": 1, "minimumDigest": "sha512"}`)
	if v, _, fs := check(); v != "fail" || !contains(fs, "POL004") {
		t.Fatalf("a policy asking for SHA-512: verdict %s, want fail with POL004: %v", v, fs)
	}
}

// TestRootsFileDroppedOnItsBox drops a PEM file on the trust-roots box: it
// fills the box and is not checked as a package.
func TestRootsFileDroppedOnItsBox(t *testing.T) {
	ca := ovatest.NewCA()
	p := openPage(t)
	got := evalAs[string](t, p, `(async () => {
		const box = document.getElementById("opt-roots");
		const dt = new DataTransfer();
		dt.items.add(new File([`+jsString(string(ca.PEM))+`], "roots.pem", {type: "application/x-pem-file"}));
		box.dispatchEvent(new DragEvent("drop", {dataTransfer: dt, bubbles: true, cancelable: true}));
		for (let i = 0; i < 50 && !box.value; i++) await new Promise((r) => setTimeout(r, 20));
		return box.value + "|" + (document.getElementById("status").hidden ? "idle" : "checking");
	})()`)
	if !strings.HasPrefix(got, "-----BEGIN CERTIFICATE-----") || !strings.HasSuffix(got, "|idle") {
		t.Fatalf("after dropping roots.pem on the box: %.80q", got)
	}
}
