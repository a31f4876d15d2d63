package signature

import (
	"encoding/hex"
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"github.com/ovacheck/ovacheck/engine/ovatest"
)

// TestOpenSSLSigned signs a manifest the way vendors do, with
// openssl dgst -<alg> -sign key.pem, and checks that Verify accepts it.
func TestOpenSSLSigned(t *testing.T) {
	openssl, err := exec.LookPath("openssl")
	if err != nil {
		t.Skip("openssl is not installed (or this is wasm); skipping the test that signs with it")
	}
	p := testPKI(t)
	dir := t.TempDir()
	mfPath := filepath.Join(dir, "appliance.mf")
	if err := os.WriteFile(mfPath, testManifest, 0o600); err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		alg    string // as written in the signature line
		flag   string // openssl dgst's digest option
		signer *ovatest.Issued
	}{
		{"SHA1", "-sha1", p.vendor},
		{"SHA256", "-sha256", p.vendor},
		{"SHA512", "-sha512", p.vendor},
		{"SHA256", "-sha256", p.ec},
	} {
		t.Run(tt.alg+"-"+tt.signer.Cert.Subject.CommonName, func(t *testing.T) {
			keyPath := filepath.Join(dir, "key.pem")
			if err := os.WriteFile(keyPath, tt.signer.KeyPEM, 0o600); err != nil {
				t.Fatal(err)
			}
			out, err := exec.Command(openssl, "dgst", tt.flag, "-sign", keyPath, mfPath).Output()
			if err != nil {
				t.Fatalf("openssl dgst: %v", err)
			}
			cert := ovatest.CertFile("appliance.mf", tt.alg, hex.EncodeToString(out), true, tt.signer.PEM)
			r := check(t, cert, testManifest, Options{At: ovatest.CheckTime, Roots: p.roots})
			if r.sig.Verified != Verified || r.sig.Trust != Trusted {
				t.Errorf("%s %s%s", r.sig.Verified, r.sig.Trust, r.dump())
			}
		})
	}
}
