package ovatest

import (
	"bytes"
	"crypto/x509"
	"encoding/pem"
	"strings"
	"testing"
)

// TestCAIssues checks that the CA's certificates chain to its root, carry
// the options asked for, and that CertFile writes ovftool's layout.
func TestCAIssues(t *testing.T) {
	ca := NewCA()
	tests := []struct {
		name string
		opts CertOptions
		// chains: whether the certificate verifies against the CA root.
		chains bool
	}{
		{"code signing rsa2048", CertOptions{CommonName: "vendor", KeyID: "leaf", CodeSigning: true}, true},
		{"ecdsa", CertOptions{CommonName: "ec", KeyType: "ecdsa-p256"}, true},
		{"self-signed", CertOptions{CommonName: "self", KeyID: "leaf", SelfSigned: true}, false},
		{"expired", CertOptions{CommonName: "old", KeyID: "leaf", NotBefore: ValidFrom, NotAfter: ValidFrom.AddDate(1, 0, 0)}, false},
		{"sha1", CertOptions{CommonName: "sha1", KeyID: "leaf", SigAlg: x509.SHA1WithRSA}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			is := ca.Issue(tt.opts)
			if is.Cert.Subject.CommonName != tt.opts.CommonName {
				t.Errorf("CN = %q", is.Cert.Subject.CommonName)
			}
			if b, _ := pem.Decode(is.PEM); b == nil || !bytes.Equal(b.Bytes, is.Cert.Raw) {
				t.Error("PEM does not hold the certificate")
			}
			roots := x509.NewCertPool()
			roots.AddCert(ca.Cert)
			_, err := is.Cert.Verify(x509.VerifyOptions{Roots: roots, CurrentTime: CheckTime,
				KeyUsages: []x509.ExtKeyUsage{x509.ExtKeyUsageAny}})
			if (err == nil) != tt.chains {
				t.Errorf("Verify: %v, want chains=%v", err, tt.chains)
			}
		})
	}
}

func TestIntermediate(t *testing.T) {
	ca := NewCA()
	mid := ca.Issue(CertOptions{CommonName: "mid", KeyID: "leaf", Intermediate: true})
	leaf := mid.CA.Issue(CertOptions{CommonName: "leaf", KeyID: "leaf", CodeSigning: true})
	roots, inter := x509.NewCertPool(), x509.NewCertPool()
	roots.AddCert(ca.Cert)
	inter.AddCert(mid.Cert)
	chains, err := leaf.Cert.Verify(x509.VerifyOptions{Roots: roots, Intermediates: inter, CurrentTime: CheckTime,
		KeyUsages: []x509.ExtKeyUsage{x509.ExtKeyUsageCodeSigning}})
	if err != nil || len(chains[0]) != 3 {
		t.Fatalf("chain: %v", err)
	}
}

func TestCertFile(t *testing.T) {
	ca := NewCA()
	is := ca.Issue(CertOptions{CommonName: "vendor", KeyID: "leaf"})
	mf := []byte("SHA256(a.ovf)= 00\n")
	sig := Sign(mf, is.Key, "SHA256")
	for _, pad := range []bool{false, true} {
		f := CertFile("a.mf", "SHA256", sig, pad, is.PEM)
		if !strings.HasPrefix(string(f), "SHA256(a.mf)= "+sig+"\n-----BEGIN CERTIFICATE-----\n") {
			t.Errorf("pad=%v: file starts %q", pad, f[:40])
		}
		if pad && len(f) != CertSize {
			t.Errorf("padded file is %d bytes", len(f))
		}
		if !pad && !bytes.HasSuffix(f, []byte("-----END CERTIFICATE-----\n")) {
			t.Errorf("unpadded file ends %q", f[len(f)-30:])
		}
	}
}
