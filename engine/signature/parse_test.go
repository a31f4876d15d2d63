package signature

import (
	"bytes"
	"strings"
	"testing"

	"github.com/ovacheck/ovacheck/engine/internal/limits"
	"github.com/ovacheck/ovacheck/engine/ovatest"
)

// TestParseFindings checks that each malformed piece of a certificate file
// is reported with its rule, line and column.
func TestParseFindings(t *testing.T) {
	p := testPKI(t)
	sig := ovatest.Sign(testManifest, p.vendor.Key, "SHA256")
	cert := string(p.vendor.PEM)
	certLines := strings.Split(strings.TrimSuffix(cert, "\n"), "\n")
	body := strings.Join(certLines[1:len(certLines)-1], "\n")
	tests := []struct {
		name string
		file string
		rule string
		line int
		col  int
		frag string // a fragment of the message
	}{
		{"no signature line", cert, "SIG001", 1, 1, "no signature line"},
		{"no parentheses", "SHA256 appliance.mf= " + sig + "\n" + cert, "SIG001", 1, 8, "expected '('"},
		{"no closing parenthesis", "SHA256(appliance.mf " + sig + "\n" + cert, "SIG001", 1, 8, "')= '"},
		{"empty name", "SHA256()= " + sig + "\n" + cert, "SIG001", 1, 8, "name no file"},
		{"no algorithm", "(appliance.mf)= " + sig + "\n" + cert, "SIG001", 1, 1, "algorithm name"},
		{"byte order mark", "\uFEFFSHA256(appliance.mf)= " + sig + "\n" + cert, "SIG002", 1, 1, "byte order mark"},
		{"second signature line after an unreadable one", "SHA256 appliance.mf\nSHA256(appliance.mf)= " + sig + "\n" + cert,
			"SIG010", 2, 1, "only the first, on line 1, is read"},
		{"unknown algorithm", "MD4(appliance.mf)= " + sig + "\n" + cert, "SIG003", 1, 1, `"MD4"`},
		{"MD5 digest", "MD5(appliance.mf)= " + sig + "\n" + cert, "SIG016", 1, 1, "MD5"},
		{"lower-case algorithm", "sha256(appliance.mf)= " + sig + "\n" + cert, "SIG002", 1, 1, `"sha256"`},
		{"no space after =", "SHA256(appliance.mf)=" + sig + "\n" + cert, "SIG002", 1, 22, "no space after '='"},
		{"BSD spacing", "SHA256 (appliance.mf) = " + sig + "\n" + cert, "SIG002", 1, 7, "a space between the algorithm name and '('"},
		{"trailing blanks", "SHA256(appliance.mf)= " + sig + "  \n" + cert, "SIG002", 1, 23 + len(sig), "blanks after the signature"},
		{"not hex", "SHA256(appliance.mf)= 12zz" + sig + "\n" + cert, "SIG005", 1, 25, `"z"`},
		{"odd hex", "SHA256(appliance.mf)= " + sig[:511] + "\n" + cert, "SIG005", 1, 23, "odd number"},
		{"empty signature", "SHA256(appliance.mf)= \n" + cert, "SIG005", 1, 23, "no signature"},
		{"wrapped", "SHA256(appliance.mf)= " + sig[:256] + "\n" + sig[256:] + "\n" + cert, "SIG004", 2, 1, "line 2"},
		{"no certificate", "SHA256(appliance.mf)= " + sig + "\n", "SIG007", 1, 1, "no usable certificate"},
		{"text line between", "SHA256(appliance.mf)= " + sig + "\nhello world\n" + cert, "SIG010", 2, 1, `"hello world"`},
		{"second signature line", "SHA256(appliance.mf)= " + sig + "\n" + cert + "SHA1(appliance.mf)= 00\n", "SIG010", 2 + len(certLines), 1, "second signature line"},
		{"signature line after the certificate", cert + "SHA256(appliance.mf)= " + sig + "\n", "SIG002", 1 + len(certLines), 1, "after a PEM block"},
		{"no END line", "SHA256(appliance.mf)= " + sig + "\n-----BEGIN CERTIFICATE-----\n" + body + "\n", "SIG008", 2, 1, "no END line"},
		{"END names another type", "SHA256(appliance.mf)= " + sig + "\n-----BEGIN CERTIFICATE-----\n" + body + "\n-----END X509 CRL-----\n",
			"SIG008", 1 + len(certLines), 1, "ends with"},
		{"not base64", "SHA256(appliance.mf)= " + sig + "\n-----BEGIN CERTIFICATE-----\nMIIB!x\n-----END CERTIFICATE-----\n", "SIG008", 3, 5, `"!"`},
		{"base64 cut short", "SHA256(appliance.mf)= " + sig + "\n-----BEGIN CERTIFICATE-----\nMIIBx\n-----END CERTIFICATE-----\n", "SIG008", 3, 5, "damaged"},
		{"empty block", "SHA256(appliance.mf)= " + sig + "\n-----BEGIN CERTIFICATE-----\n-----END CERTIFICATE-----\n", "SIG008", 2, 1, "empty"},
		{"not a certificate", "SHA256(appliance.mf)= " + sig + "\n-----BEGIN CERTIFICATE-----\nMAMCAQE=\n-----END CERTIFICATE-----\n", "SIG008", 2, 1, "not a valid X.509"},
		{"binary garbage", "SHA256(appliance.mf)= " + sig + "\nabc\x01def\n", "SIG008", 2, 4, "binary data on line 2 at column 4"},
		{"other block type", "SHA256(appliance.mf)= " + sig + "\n" + cert + "-----BEGIN PUBLIC KEY-----\nMAMCAQE=\n-----END PUBLIC KEY-----\n",
			"SIG010", 1 + len(certLines) + 1, 1, "PUBLIC KEY"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, fs := Parse([]byte(tt.file), "appliance.cert")
			r := result{findings: fs}
			assertRegistered(t, fs)
			f := r.has(tt.rule)
			if f == nil {
				t.Fatalf("no %s%s", tt.rule, r.dump())
			}
			if f.Location.Member != "appliance.cert" || f.Location.Line != tt.line || f.Location.Column != tt.col {
				t.Errorf("%s at %s:%d:%d, want line %d column %d", tt.rule, f.Location.Member, f.Location.Line, f.Location.Column, tt.line, tt.col)
			}
			if !strings.Contains(f.Message, tt.frag) {
				t.Errorf("%s message %q lacks %q", tt.rule, f.Message, tt.frag)
			}
		})
	}
}

// TestParseFields checks what Parse reads from well-formed files, padded
// and not, with LF and CRLF.
func TestParseFields(t *testing.T) {
	p := testPKI(t)
	sig := ovatest.Sign(testManifest, p.vendor.Key, "SHA1")
	for _, tt := range []struct {
		name    string
		file    []byte
		padding int
	}{
		{"unpadded", ovatest.CertFile("appliance.mf", "SHA1", sig, false, p.vendor.PEM), 1},
		{"padded", ovatest.CertFile("appliance.mf", "SHA1", sig, true, p.vendor.PEM), -1},
		{"two certificates", ovatest.CertFile("appliance.mf", "SHA1", sig, false, p.vendor.PEM, p.ca.PEM), 1},
	} {
		t.Run(tt.name, func(t *testing.T) {
			f, fs := Parse(tt.file, "appliance.cert")
			for _, x := range fs {
				if x.Rule != "SIG009" {
					t.Errorf("unexpected %s: %s", x.Rule, x.Message)
				}
			}
			if f.Token != "SHA1" || f.Algorithm != "SHA1" || f.Manifest != "appliance.mf" || f.Line != 1 || f.Column != 21 {
				t.Errorf("signature line read as %+v", f)
			}
			if hexOf(f.Signature) != sig {
				t.Errorf("signature %x, want %s", f.Signature, sig)
			}
			if f.Signer() == nil || !f.Signer().Equal(p.vendor.Cert) || f.CertificateLines[0] != 2 {
				t.Errorf("signer not read: %v", f.CertificateLines)
			}
			want := tt.padding
			if want < 0 {
				want = ovatest.CertSize - len(bytes.TrimRight(tt.file, " \n"))
			}
			if f.Padding != want {
				t.Errorf("Padding = %d, want %d", f.Padding, want)
			}
		})
	}
}

// TestParseFindingsCapped checks that a file of many bad lines gives a
// bounded number of findings.
func TestParseFindingsCapped(t *testing.T) {
	data := "SHA256(a.mf)= 00\n" + strings.Repeat("junk\n", 5000)
	_, fs := Parse([]byte(data), "a.cert")
	n := 0
	for _, f := range fs {
		if f.Rule == "SIG010" {
			n++
		}
	}
	if n != limits.MaxFindingsPerRule+1 || !strings.Contains(fs[len(fs)-1].Message, "4800 more findings") {
		t.Errorf("%d SIG010 findings, last %q", n, fs[len(fs)-1].Message)
	}
}

func TestParseTooLarge(t *testing.T) {
	_, fs := Parse(make([]byte, limits.MaxCertificateSize+1), "big.cert")
	if len(fs) != 1 || fs[0].Rule != "PKG052" {
		t.Errorf("findings = %v", fs)
	}
}

func TestCanonicalAlgorithm(t *testing.T) {
	for in, want := range map[string]string{"SHA1": "SHA1", "sha-1": "SHA1", "SHA2-256": "SHA256", "sha256": "SHA256",
		"SHA2-512": "SHA512", "SHA-384": "SHA384", "MD5": "MD5"} {
		if got, ok := canonicalAlgorithm(in); !ok || got != want {
			t.Errorf("canonicalAlgorithm(%q) = %q, %v", in, got, ok)
		}
	}
	for _, in := range []string{"MD4", "SHA3-256", "SHA2", "RSA"} {
		if _, ok := canonicalAlgorithm(in); ok {
			t.Errorf("canonicalAlgorithm(%q) accepted", in)
		}
	}
}

func hexOf(b []byte) string {
	const digits = "0123456789abcdef"
	out := make([]byte, 0, 2*len(b))
	for _, c := range b {
		out = append(out, digits[c>>4], digits[c&15])
	}
	return string(out)
}
