package signature

import (
	"crypto"
	"crypto/x509"
)

// File is what Parse read from a certificate file. Fields are zero when the
// file lacks the part; Parse's findings say why.
type File struct {
	// Member is the certificate file's member name, used in findings.
	Member string

	// Token is the algorithm as the signature line writes it, e.g.
	// "SHA2-256"; Algorithm is its canonical name ("SHA1", "SHA256",
	// "SHA512", ...), empty when the token names no digest ovacheck knows;
	// Hash is the matching hash function, zero when Algorithm is empty.
	Token     string
	Algorithm string
	Hash      crypto.Hash

	// Manifest is the file name inside the parentheses of the signature
	// line, as written.
	Manifest string

	// Signature is the decoded signature, nil when the line is missing or
	// its hex is malformed.
	Signature []byte

	// Line and Column locate the signature line's hex digits.
	Line, Column int

	// Certificates are the certificates in the file in order: the first is
	// the signer, the rest are untrusted intermediates. CertificateLines
	// holds the line each one starts on.
	Certificates     []*x509.Certificate
	CertificateLines []int

	// PKCS7 is the DER of a PKCS#7/CMS block (VirtualBox signova), nil when
	// there is none; PKCS7Line is the line its block starts on.
	PKCS7     []byte
	PKCS7Line int

	// Padding counts the blanks after the last content (ovftool 4.x pads
	// its certificate files with spaces to 102,400 bytes).
	Padding int
}

// Signer returns the signer's certificate, or nil when the file has none.
func (f *File) Signer() *x509.Certificate {
	if f == nil || len(f.Certificates) == 0 {
		return nil
	}
	return f.Certificates[0]
}

// certLine returns the line the i-th certificate starts on, or 0.
func (f *File) certLine(i int) int {
	if i < len(f.CertificateLines) {
		return f.CertificateLines[i]
	}
	return 0
}
