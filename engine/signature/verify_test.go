package signature

import (
	"bytes"
	"crypto/rsa"
	"encoding/pem"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/ovacheck/ovacheck/engine/ovatest"
	"github.com/ovacheck/ovacheck/engine/report"
)

// TestVerify runs the cases a user meets, asserting the outcome fields of
// the signature summary and the rules that fire (with a message fragment).
func TestVerify(t *testing.T) {
	p := testPKI(t)
	at := ovatest.CheckTime
	mf := testManifest
	signed := func(is *ovatest.Issued, alg string, certs ...[]byte) []byte {
		if len(certs) == 0 {
			certs = [][]byte{is.PEM}
		}
		return ovatest.CertFile("appliance.mf", alg, ovatest.Sign(mf, is.Key, alg), false, certs...)
	}
	edited := append(bytes.Clone(mf), "SHA256(extra.iso)= 00\n"...)
	vendorPin := Fingerprint(p.vendor.Cert)
	colonPin := strings.ToUpper(strings.Join(splitPairs(vendorPin), ":"))

	tests := []struct {
		name     string
		cert     []byte
		manifest []byte
		opts     Options
		verified string
		trust    string
		// want maps rule IDs that must fire to a fragment of their message.
		want map[string]string
		// none lists rules that must not fire.
		none []string
	}{
		{name: "CA-issued signer, roots given",
			cert: signed(p.vendor, "SHA256"), opts: Options{At: at, Roots: p.roots},
			verified: Verified, trust: Trusted,
			none: []string{"SIG013", "SIG020", "SIG022", "SIG026", "SIG027"}},
		{name: "CA-issued signer, no roots: trust unknown is not an error",
			cert: signed(p.vendor, "SHA256"), opts: Options{At: at},
			verified: Verified, trust: TrustUnknown,
			want: map[string]string{"SIG027": "Vendor Inc."}},
		{name: "self-signed signer",
			cert: signed(p.self, "SHA256"), opts: Options{At: at},
			verified: Verified, trust: TrustUnknown,
			want: map[string]string{"SIG020": "self-signed", "SIG022": "no extended key usage"},
			none: []string{"SIG021"}},
		{name: "self-signed signer given as a root",
			cert: signed(p.self, "SHA256"), opts: Options{At: at, Roots: p.selfRoots},
			verified: Verified, trust: Trusted, want: map[string]string{"SIG020": "self-signed"}},
		{name: "manifest changed after signing",
			cert: signed(p.vendor, "SHA256"), manifest: edited, opts: Options{At: at},
			verified: Failed, trust: TrustUnknown,
			want: map[string]string{"SIG013": "the manifest changed after signing"}},
		{name: "signature made with another key of the same size",
			cert: ovatest.CertFile("appliance.mf", "SHA256", ovatest.Sign(mf, p.other.Key, "SHA256"), false, p.vendor.PEM),
			opts: Options{At: at}, verified: Failed, trust: TrustUnknown,
			want: map[string]string{"SIG013": "not made with the key of the certificate"}},
		{name: "signature whose number is not below the key's modulus",
			cert: ovatest.CertFile("appliance.mf", "SHA256", strings.Repeat("ff", p.vendor.Key.(*rsa.PrivateKey).Size()), false, p.vendor.PEM),
			opts: Options{At: at}, verified: Failed, trust: TrustUnknown,
			want: map[string]string{"SIG013": "not below the key's modulus"}, none: []string{"SIG014"}},
		{name: "signature made with a key of another size",
			cert: ovatest.CertFile("appliance.mf", "SHA256", ovatest.Sign(mf, p.small.Key, "SHA256"), false, p.vendor.PEM),
			opts: Options{At: at}, verified: Failed,
			want: map[string]string{"SIG014": "different key (a 1024-bit one)"}},
		{name: "truncated signature",
			cert: ovatest.CertFile("appliance.mf", "SHA256", ovatest.Sign(mf, p.vendor.Key, "SHA256")[:500], false, p.vendor.PEM),
			opts: Options{At: at}, verified: Failed,
			want: map[string]string{"SIG014": "truncated or damaged"}},
		{name: "expired signer still chains, with a warning",
			cert: signed(p.expired, "SHA256"), opts: Options{At: at, Roots: p.roots},
			verified: Verified, trust: Trusted,
			want: map[string]string{"SIG019": "expired on 2025-01-01T00:00:00Z (checked at 2026-06-01T12:00:00Z)"},
			none: []string{"SIG026"}},
		{name: "expired signer judged at its signing date",
			cert: signed(p.expired, "SHA256"), opts: Options{At: ovatest.ValidFrom.AddDate(0, 6, 0)},
			verified: Verified, none: []string{"SIG019"}},
		{name: "not yet valid signer",
			cert: signed(p.future, "SHA256"), opts: Options{At: at},
			verified: Verified, want: map[string]string{"SIG019": "not valid until 2030-06-01"}},
		{name: "missing intermediate with roots given",
			cert: signed(p.leaf, "SHA256"), opts: Options{At: at, Roots: p.roots},
			verified: Verified, trust: Untrusted,
			want: map[string]string{"SIG026": "carries no certificate linking it"}},
		{name: "intermediate carried in the file",
			cert: signed(p.leaf, "SHA256", p.leaf.PEM, p.mid.PEM), opts: Options{At: at, Roots: p.roots},
			verified: Verified, trust: Trusted,
			want: map[string]string{"SIG009": "untrusted intermediates"}, none: []string{"SIG026"}},
		{name: "RSA 1024 signer",
			cert: signed(p.small, "SHA256"), opts: Options{At: at, Roots: p.roots},
			verified: Verified, trust: Trusted, want: map[string]string{"SIG024": "1024-bit RSA key"}},
		{name: "SHA1 signature", cert: signed(p.vendor, "SHA1"), opts: Options{At: at},
			verified: Verified, none: []string{"SIG002", "SIG013"}},
		{name: "SHA512 signature", cert: signed(p.vendor, "SHA512"), opts: Options{At: at},
			verified: Verified, none: []string{"SIG002", "SIG013"}},
		{name: "OpenSSL 3 spelling SHA2-256", cert: signed(p.vendor, "SHA2-256"), opts: Options{At: at},
			verified: Verified, want: map[string]string{"SIG002": `"SHA2-256"`}},
		{name: "ECDSA P-256 signer", cert: signed(p.ec, "SHA256"), opts: Options{At: at, Roots: p.roots},
			verified: Verified, trust: Trusted, want: map[string]string{"SIG017": "ECDSA"}},
		{name: "ECDSA signature by another key",
			cert:     ovatest.CertFile("appliance.mf", "SHA256", ovatest.Sign(edited, p.ec.Key, "SHA256"), false, p.ec.PEM),
			opts:     Options{At: at},
			verified: Failed, want: map[string]string{"SIG013": "changed after signing, or another key"}},
		{name: "pinned signer matches",
			cert: signed(p.vendor, "SHA256"), opts: Options{At: at, PinSHA256: colonPin},
			verified: Verified, trust: Pinned, none: []string{"SIG027", "SIG028"}},
		{name: "pinned signer differs",
			cert: signed(p.other, "SHA256"), opts: Options{At: at, PinSHA256: vendorPin},
			verified: Verified, trust: PinMismatch,
			want: map[string]string{"SIG028": "signed by someone else"}},
		{name: "pin that is not a fingerprint",
			cert: signed(p.vendor, "SHA256"), opts: Options{At: at, PinSHA256: "abc"},
			verified: Verified, trust: PinMismatch, want: map[string]string{"SIG028": "not a SHA-256 fingerprint"}},
		{name: "XenCenter double-hashed SHA-256",
			cert: ovatest.CertFile("appliance.mf", "SHA256", ovatest.Sign(sha256Of(mf), p.vendor.Key, "SHA256"), false, p.vendor.PEM),
			opts: Options{At: at}, verified: Verified,
			want: map[string]string{"SIG015": "verifies only in XenCenter"}, none: []string{"SIG013"}},
		{name: "signature line names another algorithm than the signature holds",
			cert: ovatest.CertFile("appliance.mf", "SHA256", ovatest.Sign(mf, p.vendor.Key, "SHA1"), false, p.vendor.PEM),
			opts: Options{At: at}, verified: Failed,
			want: map[string]string{"SIG013": "over the SHA1 digest of this manifest, but the signature line names SHA256"}},
		{name: "signature line names another file",
			cert: ovatest.CertFile("other.mf", "SHA256", ovatest.Sign(mf, p.vendor.Key, "SHA256"), false, p.vendor.PEM),
			opts: Options{At: at}, verified: Verified,
			want: map[string]string{"SIG006": `names "other.mf"`}},
		{name: "signature line names the manifest in another case",
			cert: ovatest.CertFile("Appliance.mf", "SHA256", ovatest.Sign(mf, p.vendor.Key, "SHA256"), false, p.vendor.PEM),
			opts: Options{At: at}, verified: Verified,
			want: map[string]string{"SIG006": "only in letter case"}},
		{name: "certificate signed with SHA-1",
			cert: signed(p.sha1Signed, "SHA256"), opts: Options{At: at, Roots: p.roots},
			verified: Verified, trust: Untrusted,
			want: map[string]string{"SIG025": "SHA1-RSA", "SIG026": "SHA1-RSA"}},
		{name: "TLS server certificate as signer",
			cert: signed(p.tlsServer, "SHA256"), opts: Options{At: at},
			verified: Verified, want: map[string]string{"SIG023": "serverAuth"}},
		{name: "no manifest",
			cert: signed(p.vendor, "SHA256"), manifest: []byte(nil), opts: Options{At: at},
			verified: AbsentManifest, none: []string{"SIG013"}},
		{name: "PKCS#7 block beside the plain signature",
			cert: append(signed(p.vendor, "SHA256"), pemBlock("CMS", []byte{0x30, 0x03, 0x02, 0x01, 0x01})...),
			opts: Options{At: at}, verified: Verified,
			want: map[string]string{"SIG012": "plain signature on line 1 is what ovacheck checked"}},
		{name: "PKCS#7 block alone",
			cert: append(bytes.Clone(p.vendor.PEM), pemBlock("PKCS7", []byte{0x30, 0x03, 0x02, 0x01, 0x01})...),
			opts: Options{At: at}, verified: NotVerified,
			want: map[string]string{"SIG012": "nothing in it was verified", "SIG001": "no signature line"}},
		{name: "private key shipped in the file",
			cert: signed(p.vendor, "SHA256", p.vendor.PEM, p.vendor.KeyPEM), opts: Options{At: at},
			verified: Verified, want: map[string]string{"SIG011": "PRIVATE KEY block on line"}},
		{name: "wrapped signature",
			cert: wrap(signed(p.vendor, "SHA256"), 64), opts: Options{At: at},
			verified: Verified, want: map[string]string{"SIG004": "continues on line 2"}},
		{name: "CRLF line ends",
			cert: bytes.ReplaceAll(signed(p.vendor, "SHA256"), []byte("\n"), []byte("\r\n")), opts: Options{At: at},
			verified: Verified, want: map[string]string{"SIG002": "CR LF"}},
		{name: "DER certificate instead of PEM",
			cert: append([]byte("SHA256(appliance.mf)= "+ovatest.Sign(mf, p.vendor.Key, "SHA256")+"\n"), p.vendor.Cert.Raw...),
			opts: Options{At: at}, verified: Verified,
			want: map[string]string{"SIG008": "binary DER, not PEM"}},
		{name: "padded to 102,400 bytes like ovftool 4.x",
			cert: ovatest.CertFile("appliance.mf", "SHA1", ovatest.Sign(mf, p.vendor.Key, "SHA1"), true, p.vendor.PEM),
			opts: Options{At: at, Roots: p.roots}, verified: Verified, trust: Trusted,
			none: []string{"SIG010", "SIG001", "SIG008"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			manifest := mf
			if tt.manifest != nil {
				manifest = tt.manifest
			}
			if tt.verified == AbsentManifest {
				manifest = nil
			}
			r := check(t, tt.cert, manifest, tt.opts)
			if r.sig.Verified != tt.verified {
				t.Errorf("Verified = %q, want %q%s", r.sig.Verified, tt.verified, r.dump())
			}
			if tt.trust != "" && r.sig.Trust != tt.trust {
				t.Errorf("Trust = %q, want %q%s", r.sig.Trust, tt.trust, r.dump())
			}
			for rule, frag := range tt.want {
				f := r.has(rule)
				if f == nil {
					t.Errorf("no %s finding%s", rule, r.dump())
					continue
				}
				if !strings.Contains(f.Message, frag) {
					t.Errorf("%s message %q lacks %q", rule, f.Message, frag)
				}
				if f.Location.Member != "appliance.cert" {
					t.Errorf("%s names member %q", rule, f.Location.Member)
				}
			}
			for _, rule := range tt.none {
				if f := r.has(rule); f != nil {
					t.Errorf("unexpected %s: %s", rule, f.Message)
				}
			}
			if r.sig.Verified == Verified && tt.opts.Roots == nil && tt.opts.PinSHA256 == "" && r.has("SIG027") == nil {
				t.Errorf("verified with no roots or pin but no SIG027")
			}
		})
	}
}

// TestSummary checks the signer and chain blocks of the report.
func TestSummary(t *testing.T) {
	p := testPKI(t)
	mf := testManifest
	cert := ovatest.CertFile("appliance.mf", "SHA256", ovatest.Sign(mf, p.leaf.Key, "SHA256"), false, p.leaf.PEM, p.mid.PEM)
	r := check(t, cert, mf, Options{At: ovatest.CheckTime, Roots: p.roots, Protects: []string{"appliance.ovf", "disk1.vmdk"}})
	s := r.sig
	want := report.Signer{
		Subject: "CN=Vendor via intermediate,O=ovacheck tests", Issuer: "CN=Intermediate CA,O=ovacheck tests",
		Serial: p.leaf.Cert.SerialNumber.Text(16), NotBefore: "2024-01-01T00:00:00Z", NotAfter: "2044-01-01T00:00:00Z",
		SHA256: Fingerprint(p.leaf.Cert), KeyType: "RSA", KeyBits: 2048, SignatureAlgorithm: "SHA256-RSA",
	}
	if s.Signer == nil || *s.Signer != want {
		t.Errorf("Signer = %+v\nwant %+v", s.Signer, want)
	}
	if len(s.Chain) != 2 || s.Chain[0].Subject != "CN=Intermediate CA,O=ovacheck tests" || !s.Chain[1].SelfSigned {
		t.Errorf("Chain = %+v", s.Chain)
	}
	if s.Member != "appliance.cert" || s.Algorithm != "SHA256" || !slices.Equal(s.Protects, []string{"appliance.ovf", "disk1.vmdk"}) {
		t.Errorf("summary = %+v", s)
	}
	// A failed signature protects nothing.
	r = check(t, cert, append(bytes.Clone(mf), '\n'), Options{At: ovatest.CheckTime, Protects: []string{"appliance.ovf"}})
	if r.sig.Protects != nil {
		t.Errorf("failed signature protects %v", r.sig.Protects)
	}
}

// TestVerifyAt checks that the time of checking defaults to now.
func TestVerifyAt(t *testing.T) {
	p := testPKI(t)
	cert := ovatest.CertFile("appliance.mf", "SHA256", ovatest.Sign(testManifest, p.expired.Key, "SHA256"), false, p.expired.PEM)
	r := check(t, cert, testManifest, Options{})
	if f := r.has("SIG019"); f == nil || !strings.Contains(f.Message, time.Now().UTC().Format("2006-01-02")) {
		t.Errorf("want SIG019 checked today%s", r.dump())
	}
}

func TestNormalizePin(t *testing.T) {
	hex := strings.Repeat("ab", 32)
	for _, in := range []string{hex, strings.ToUpper(hex), strings.Join(splitPairs(hex), ":"), " " + hex + " "} {
		if got, err := NormalizePin(in); err != nil || got != hex {
			t.Errorf("NormalizePin(%q) = %q, %v", in, got, err)
		}
	}
	for _, in := range []string{"", "ab", strings.Repeat("zz", 32)} {
		if _, err := NormalizePin(in); err == nil {
			t.Errorf("NormalizePin(%q) accepted", in)
		}
	}
}

// TestSmallRSAPath checks that the verification used for keys under 1024
// bits agrees with crypto/rsa on the keys crypto/rsa accepts.
func TestSmallRSAPath(t *testing.T) {
	p := testPKI(t)
	for _, alg := range []string{"SHA1", "SHA256", "SHA512"} {
		f, _ := Parse(ovatest.CertFile("a.mf", alg, ovatest.Sign(testManifest, p.small.Key, alg), false, p.small.PEM), "a.cert")
		pub := publicRSA(t, f)
		digest := hashOf(f.Hash, testManifest)
		em, ok := recoverRSA(pub, f.Signature)
		if !ok {
			t.Fatalf("%s: recover failed", alg)
		}
		want, _ := encodePKCS1(len(em), digestInfoPrefixes[f.Hash], digest)
		if !bytes.Equal(em, want) {
			t.Errorf("%s: recovered block differs from the expected encoding", alg)
		}
		h, d, ok := decodePKCS1(em)
		if !ok || h != f.Hash || !bytes.Equal(d, digest) {
			t.Errorf("%s: decode = %v %x %v", alg, h, d, ok)
		}
	}
}

func splitPairs(s string) []string {
	var out []string
	for i := 0; i+2 <= len(s); i += 2 {
		out = append(out, s[i:i+2])
	}
	return out
}

func pemBlock(typ string, der []byte) []byte {
	return pem.EncodeToMemory(&pem.Block{Type: typ, Bytes: der})
}

// wrap breaks the signature on the first line of cert every n hex digits.
func wrap(cert []byte, n int) []byte {
	line, rest, _ := bytes.Cut(cert, []byte("\n"))
	head, sig, _ := bytes.Cut(line, []byte("= "))
	var b bytes.Buffer
	b.Write(head)
	b.WriteString("= ")
	for i := 0; i < len(sig); i += n {
		if i > 0 {
			b.WriteByte('\n')
		}
		b.Write(sig[i:min(i+n, len(sig))])
	}
	b.WriteByte('\n')
	b.Write(rest)
	return b.Bytes()
}

func publicRSA(t *testing.T, f *File) *rsa.PublicKey {
	t.Helper()
	pub, ok := f.Signer().PublicKey.(*rsa.PublicKey)
	if !ok {
		t.Fatal("not an RSA key")
	}
	return pub
}
