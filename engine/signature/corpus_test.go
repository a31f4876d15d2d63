package signature

import (
	"archive/tar"
	"crypto/x509"
	"encoding/pem"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/ovacheck/ovacheck/engine/internal/corpus"
)

// corpusDir returns the real-world corpus, or skips the test.
func corpusDir(t *testing.T) string { return corpus.Require(t) }

// ovaMembers reads the named members of a tar archive.
func ovaMembers(t *testing.T, path string) map[string][]byte {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	out := map[string][]byte{}
	tr := tar.NewReader(f)
	for {
		h, err := tr.Next()
		if errors.Is(err, io.EOF) {
			return out
		}
		if err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		if strings.HasSuffix(h.Name, ".mf") || strings.HasSuffix(h.Name, ".cert") {
			b, err := io.ReadAll(tr)
			if err != nil {
				t.Fatal(err)
			}
			out[h.Name] = b
		}
	}
}

// TestCorpusVirtualBox verifies the six signed tdAppliance1 packages that
// ovftool 4.0 and 4.1.0 made for VirtualBox's tests, and chains t6's
// signer to t4's certificate, which issued it.
func TestCorpusVirtualBox(t *testing.T) {
	dir := filepath.Join(corpusDir(t), "virtualbox", "src", "VBox", "ValidationKit", "tests", "api")
	roots := x509.NewCertPool()
	if pemData, err := os.ReadFile(filepath.Join(dir, "tdAppliance1-t4.pem")); err == nil {
		b, _ := pem.Decode(pemData)
		c, err := x509.ParseCertificate(b.Bytes)
		if err != nil {
			t.Fatal(err)
		}
		roots.AddCert(c)
	}
	at := time.Date(2017, 1, 1, 0, 0, 0, 0, time.UTC) // when all three test certificates were valid
	for _, name := range []string{"t4", "t4-ovftool-4.1.0", "t5", "t5-ovftool-4.1.0", "t6", "t6-ovftool-4.1.0"} {
		t.Run(name, func(t *testing.T) {
			base := "tdAppliance1-" + name
			m := ovaMembers(t, filepath.Join(dir, base+".ova"))
			cert, mf := m[base+".cert"], m[base+".mf"]
			if cert == nil || mf == nil {
				t.Fatalf("members: %d", len(m))
			}
			f, pf := Parse(cert, base+".cert")
			opts := Options{At: at}
			if strings.HasPrefix(name, "t6") {
				opts.Roots = roots
			}
			sig, vf := Verify(f, mf, base+".mf", opts)
			r := result{sig, append(pf, vf...)}
			assertRegistered(t, r.findings)
			if sig.Verified != Verified {
				t.Fatalf("Verified = %s%s", sig.Verified, r.dump())
			}
			if f.Padding < 99000 || len(cert) != 102400 {
				t.Errorf("ovftool padding not seen: %d of %d bytes", f.Padding, len(cert))
			}
			if sig.Algorithm != "SHA1" || sig.Signer == nil || sig.Signer.KeyType != "RSA" {
				t.Errorf("summary = %+v", sig)
			}
			for _, x := range r.findings {
				if x.Severity == "error" {
					t.Errorf("error %s: %s", x.Rule, x.Message)
				}
			}
			if strings.HasPrefix(name, "t6") && sig.Trust != Trusted {
				t.Errorf("t6 Trust = %s%s", sig.Trust, r.dump())
			}
			if strings.HasPrefix(name, "t4") && r.has("SIG024") == nil {
				t.Errorf("t4's RSA-1024 key not reported%s", r.dump())
			}
		})
	}
}

// TestCorpusOpenOVF verifies IBM open-ovf's signed sample, whose signer is
// a self-signed RSA-512 certificate that expired in 2009, and reads the
// certificate inside ourOVF.ova, whose signature is wrapped over two CRLF
// lines and names the manifest in other letter case.
func TestCorpusOpenOVF(t *testing.T) {
	dir := filepath.Join(corpusDir(t), "open-ovf", "py", "tests", "test_files")
	cert, err := os.ReadFile(filepath.Join(dir, "ourOVF.cert"))
	if err != nil {
		t.Fatal(err)
	}
	mf, err := os.ReadFile(filepath.Join(dir, "ourOVF.mf"))
	if err != nil {
		t.Fatal(err)
	}
	f, pf := Parse(cert, "ourOVF.cert")
	sig, vf := Verify(f, mf, "ourOVF.mf", Options{At: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)})
	r := result{sig, append(pf, vf...)}
	assertRegistered(t, r.findings)
	if sig.Verified != Verified || sig.Signer.KeyBits != 512 || !sig.Signer.SelfSigned {
		t.Fatalf("ourOVF.cert: %+v %+v%s", sig, sig.Signer, r.dump())
	}
	for _, rule := range []string{"SIG019", "SIG020", "SIG024"} {
		if r.has(rule) == nil {
			t.Errorf("no %s%s", rule, r.dump())
		}
	}
	if r.has("SIG021") != nil {
		t.Errorf("the self-signature of ourOVF.cert verifies with openssl%s", r.dump())
	}

	m := ovaMembers(t, filepath.Join(dir, "ourOVF.ova"))
	f, pf = Parse(m["ourOVF.cert"], "ourOVF.cert")
	sig, vf = Verify(f, m["ourOVF.mf"], "ourOVF.mf", Options{At: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)})
	r = result{sig, append(pf, vf...)}
	assertRegistered(t, r.findings)
	for _, rule := range []string{"SIG002", "SIG004", "SIG006"} {
		if r.has(rule) == nil {
			t.Errorf("ourOVF.ova: no %s%s", rule, r.dump())
		}
	}
	// The key did sign a manifest, but not this one: the manifest was
	// rewritten (it now lists itself and the certificate) after signing.
	if f := r.has("SIG013"); sig.Verified != Failed || f == nil || !strings.Contains(f.Message, "the manifest changed after signing") {
		t.Errorf("ourOVF.ova: %s%s", sig.Verified, r.dump())
	}
}
