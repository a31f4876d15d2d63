package signature

import (
	"crypto/sha256"
	"crypto/x509"
	"strings"
	"sync"
	"testing"

	"github.com/ovacheck/ovacheck/engine/ovatest"
	"github.com/ovacheck/ovacheck/engine/report"
	"github.com/ovacheck/ovacheck/engine/rules"
)

// testManifest is a manifest as ovftool 4.1 writes it.
var testManifest = []byte("SHA256(appliance.ovf)= 0f1e2d3c4b5a69788796a5b4c3d2e1f00f1e2d3c4b5a69788796a5b4c3d2e1f0\n" +
	"SHA256(appliance-disk1.vmdk)= a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f90\n")

// pki is the set of certificates the tests sign with, made once per process
// because RSA key generation is slow (above all under wasm).
type pki struct {
	ca         *ovatest.CA
	vendor     *ovatest.Issued // CA-issued, code signing, RSA-2048
	other      *ovatest.Issued // CA-issued, another RSA-2048 key
	self       *ovatest.Issued // self-signed, the vendor's key
	small      *ovatest.Issued // CA-issued, RSA-1024
	ec         *ovatest.Issued // CA-issued, ECDSA P-256, code signing
	mid        *ovatest.Issued // intermediate CA
	leaf       *ovatest.Issued // issued by mid, the vendor's key
	expired    *ovatest.Issued // valid 2024-2025
	future     *ovatest.Issued // valid from 2030
	sha1Signed *ovatest.Issued // issued with SHA1WithRSA
	tlsServer  *ovatest.Issued // serverAuth only
	roots      *x509.CertPool  // the CA root
	selfRoots  *x509.CertPool  // the self-signed certificate
}

var (
	pkiOnce sync.Once
	thePKI  *pki
)

func testPKI(t testing.TB) *pki {
	t.Helper()
	pkiOnce.Do(func() {
		ca := ovatest.NewCA()
		p := &pki{ca: ca}
		p.vendor = ca.Issue(ovatest.CertOptions{CommonName: "Vendor Inc.", KeyID: "vendor", CodeSigning: true})
		// Someone else signs with the root's key, which saves generating
		// another RSA key (slow under wasm).
		p.other = ca.Issue(ovatest.CertOptions{CommonName: "Someone Else", KeyID: ovatest.RootKeyID, CodeSigning: true})
		p.self = ca.Issue(ovatest.CertOptions{CommonName: "Vendor Self", KeyID: "vendor", SelfSigned: true})
		p.small = ca.Issue(ovatest.CertOptions{CommonName: "Small Key", KeyType: "rsa1024", KeyID: "small", CodeSigning: true})
		p.ec = ca.Issue(ovatest.CertOptions{CommonName: "EC Vendor", KeyType: "ecdsa-p256", KeyID: "ec", CodeSigning: true})
		// The intermediate must not share the root's key, or crypto/x509
		// would link the leaf to the root directly through the key ID.
		p.mid = ca.Issue(ovatest.CertOptions{CommonName: "Intermediate CA", KeyID: "vendor", Intermediate: true})
		p.leaf = p.mid.CA.Issue(ovatest.CertOptions{CommonName: "Vendor via intermediate", KeyID: "vendor", CodeSigning: true})
		p.expired = ca.Issue(ovatest.CertOptions{CommonName: "Old Vendor", KeyID: "vendor", CodeSigning: true,
			NotBefore: ovatest.ValidFrom, NotAfter: ovatest.ValidFrom.AddDate(1, 0, 0)})
		p.future = ca.Issue(ovatest.CertOptions{CommonName: "Future Vendor", KeyID: "vendor", CodeSigning: true,
			NotBefore: ovatest.CheckTime.AddDate(4, 0, 0)})
		p.sha1Signed = ca.Issue(ovatest.CertOptions{CommonName: "SHA1 Vendor", KeyID: "vendor", CodeSigning: true,
			SigAlg: x509.SHA1WithRSA})
		p.tlsServer = ca.Issue(ovatest.CertOptions{CommonName: "www.vendor.example", KeyID: "vendor",
			ExtKeyUsage: []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth}})
		p.roots = x509.NewCertPool()
		p.roots.AddCert(ca.Cert)
		p.selfRoots = x509.NewCertPool()
		p.selfRoots.AddCert(p.self.Cert)
		thePKI = p
	})
	return thePKI
}

// result is what Parse and Verify together said.
type result struct {
	sig      *report.Signature
	findings []report.Finding
}

func check(t testing.TB, cert, manifest []byte, opts Options) result {
	t.Helper()
	f, pf := Parse(cert, "appliance.cert")
	sig, vf := Verify(f, manifest, "appliance.mf", opts)
	all := append(pf, vf...)
	assertRegistered(t, all)
	return result{sig, all}
}

// assertRegistered fails when a finding names an unregistered rule, has the
// wrong severity for its rule, or lacks a member.
func assertRegistered(t testing.TB, fs []report.Finding) {
	t.Helper()
	for _, f := range fs {
		r, ok := rules.Lookup(f.Rule)
		if !ok {
			t.Errorf("finding of unregistered rule %q: %s", f.Rule, f.Message)
			continue
		}
		if f.Severity != r.Severity {
			t.Errorf("%s: severity %s, rule says %s", f.Rule, f.Severity, r.Severity)
		}
		if f.Location.Line < 0 || f.Location.Column < 0 {
			t.Errorf("%s: negative position %+v", f.Rule, f.Location)
		}
	}
}

func (r result) has(rule string) *report.Finding {
	for i := range r.findings {
		if r.findings[i].Rule == rule {
			return &r.findings[i]
		}
	}
	return nil
}

func (r result) rules() []string {
	var out []string
	for _, f := range r.findings {
		out = append(out, f.Rule)
	}
	return out
}

func (r result) dump() string {
	var b strings.Builder
	for _, f := range r.findings {
		b.WriteString("\n  " + f.Rule + " " + string(f.Severity) + " " + f.Message)
	}
	return b.String()
}

func sha256Of(b []byte) []byte {
	s := sha256.Sum256(b)
	return s[:]
}
