package signature

import (
	"crypto/dsa" // deprecated, imported only to name the key type of old certificates
	"crypto/ecdh"
	"crypto/ecdsa"
	"crypto/ed25519"
	"crypto/rsa"
	"crypto/x509"
	"time"

	"github.com/ovacheck/ovacheck/engine/report"
)

// summarize returns the report form of a certificate.
func summarize(c *x509.Certificate) report.Signer {
	typ, bits := keyType(c.PublicKey)
	return report.Signer{
		Subject:            c.Subject.String(),
		Issuer:             c.Issuer.String(),
		Serial:             c.SerialNumber.Text(16),
		NotBefore:          c.NotBefore.UTC().Format(time.RFC3339),
		NotAfter:           c.NotAfter.UTC().Format(time.RFC3339),
		SHA256:             Fingerprint(c),
		KeyType:            typ,
		KeyBits:            bits,
		SignatureAlgorithm: c.SignatureAlgorithm.String(),
		SelfSigned:         isSelfIssued(c),
	}
}

// keyType names a public key's type and size.
func keyType(pub any) (string, int) {
	switch k := pub.(type) {
	case *rsa.PublicKey:
		return "RSA", k.N.BitLen()
	case *ecdsa.PublicKey:
		return "ECDSA", k.Curve.Params().BitSize
	case ed25519.PublicKey:
		return "Ed25519", 256
	case *ecdh.PublicKey:
		return "X25519", 256
	case *dsa.PublicKey:
		return "DSA", k.P.BitLen()
	}
	return "unknown", 0
}

func keyTypeName(pub any) string {
	typ, bits := keyType(pub)
	if bits == 0 {
		return "of a type ovacheck does not know"
	}
	return typ
}

func curveName(pub *ecdsa.PublicKey) string { return pub.Curve.Params().Name }
