package signature

import (
	"bytes"
	"testing"

	"github.com/ovacheck/ovacheck/engine/ovatest"
)

// fuzzSeeds are certificate files in every shape the tests know.
func fuzzSeeds(t testing.TB) [][]byte {
	p := testPKI(t)
	sig := ovatest.Sign(testManifest, p.vendor.Key, "SHA256")
	good := ovatest.CertFile("appliance.mf", "SHA256", sig, false, p.vendor.PEM)
	return [][]byte{
		good,
		ovatest.CertFile("appliance.mf", "SHA1", ovatest.Sign(testManifest, p.small.Key, "SHA1"), false, p.small.PEM, p.ca.PEM),
		ovatest.CertFile("appliance.mf", "SHA256", ovatest.Sign(testManifest, p.ec.Key, "SHA256"), false, p.ec.PEM),
		ovatest.CertFile("appliance.mf", "SHA2-512", ovatest.Sign(testManifest, p.leaf.Key, "SHA512"), false, p.leaf.PEM, p.mid.PEM),
		bytes.ReplaceAll(good, []byte("\n"), []byte("\r\n")),
		wrap(good, 64),
		append([]byte("SHA256(appliance.mf)= "+sig+"\n"), p.vendor.Cert.Raw...),
		append(bytes.Clone(good), pemBlock("CMS", []byte{0x30, 0x03, 0x02, 0x01, 0x01})...),
		[]byte("SHA1 (appliance.mf) = 00ff\n-----BEGIN CERTIFICATE-----\nMIIB!\n"),
		[]byte("-----BEGIN CERTIFICATE-----\n-----END X-----\n"),
		[]byte(""),
	}
}

// FuzzParse checks that no certificate file makes Parse panic, and that
// every finding names a registered rule.
func FuzzParse(f *testing.F) {
	for _, s := range fuzzSeeds(f) {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		file, fs := Parse(data, "fuzz.cert")
		if file == nil {
			t.Fatal("nil File")
		}
		assertRegistered(t, fs)
		for _, x := range fs {
			if x.Location.Member != "fuzz.cert" {
				t.Errorf("%s names %q", x.Rule, x.Location.Member)
			}
		}
	})
}

// FuzzVerify checks Verify over random certificate files and a fixed
// manifest, with roots and a pin, for panics and unregistered rules.
func FuzzVerify(f *testing.F) {
	for _, s := range fuzzSeeds(f) {
		f.Add(s)
	}
	p := testPKI(f)
	f.Fuzz(func(t *testing.T, data []byte) {
		file, pf := Parse(data, "fuzz.cert")
		sig, vf := Verify(file, testManifest, "appliance.mf",
			Options{At: ovatest.CheckTime, Roots: p.roots, PinSHA256: Fingerprint(p.vendor.Cert), Protects: []string{"a.ovf"}})
		assertRegistered(t, append(pf, vf...))
		if sig == nil || sig.Member != "fuzz.cert" {
			t.Fatalf("summary %+v", sig)
		}
		switch sig.Verified {
		case Verified, Failed, NotVerified:
		default:
			t.Errorf("Verified = %q", sig.Verified)
		}
		if sig.Verified == Verified && (file.Signer() == nil || file.Signature == nil) {
			t.Errorf("verified without a signer and a signature")
		}
	})
}
