package signature

import (
	"bytes"
	"crypto"
	"crypto/ecdsa"
	"crypto/rsa"
	"crypto/x509"
	"fmt"
	"strings"
	"time"

	"github.com/ovacheck/ovacheck/engine/rules"
)

// judgeCertificates reports what can be said about the certificates in the
// file without trust roots: validity at the checking time, weak keys, weak
// signatures, self-signing and key usage.
func (v *verifier) judgeCertificates() {
	for i, c := range v.f.Certificates {
		who := "the signer's certificate"
		if i > 0 {
			who = fmt.Sprintf("the extra certificate %q", c.Subject.String())
		}
		v.judgeValidity(i, c, who)
		v.judgeKey(i, c, who)
		if !isSelfIssued(c) && isWeakSignatureAlgorithm(c.SignatureAlgorithm) {
			v.add(rules.SigWeakCertSignature.New(v.certLoc(i),
				"%s is signed by its issuer with %s; such certificate signatures can be forged, and Go, browsers and recent OpenSSL reject them",
				who, c.SignatureAlgorithm).
				WithHint("Have the certificate reissued with SHA-256."))
		}
	}
	if signer := v.f.Signer(); signer != nil {
		v.judgeSelfSigned(signer)
		v.judgeUsage(signer)
	}
}

// judgeValidity reports a certificate outside its validity period at v.at.
func (v *verifier) judgeValidity(i int, c *x509.Certificate, who string) {
	at := v.at.UTC().Format(time.RFC3339)
	switch {
	case v.at.Before(c.NotBefore):
		v.add(rules.SigValidity.New(v.certLoc(i),
			"%s is not valid until %s (checked at %s)", who, c.NotBefore.UTC().Format(time.RFC3339), at).
			WithHint("Check the clock of the machine that made the certificate, or check again with --at a time after it became valid."))
	case v.at.After(c.NotAfter):
		v.add(rules.SigValidity.New(v.certLoc(i),
			"%s expired on %s (checked at %s); OVF signatures carry no timestamp, so whether it was valid when the package was signed cannot be known",
			who, c.NotAfter.UTC().Format(time.RFC3339), at).
			WithHint("Re-sign the package with a current certificate; to judge it as of its signing date, check with --at that date."))
	}
}

// judgeKey reports keys too small to resist factoring or discrete logs.
func (v *verifier) judgeKey(i int, c *x509.Certificate, who string) {
	weak := ""
	switch k := c.PublicKey.(type) {
	case *rsa.PublicKey:
		if bits := k.N.BitLen(); bits < 2048 {
			weak = fmt.Sprintf("a %d-bit RSA key; keys under 2048 bits are within reach of factoring", bits)
		}
	case *ecdsa.PublicKey:
		if bits := k.Curve.Params().BitSize; bits < 256 {
			weak = fmt.Sprintf("a %d-bit ECDSA key; curves under 256 bits are deprecated", bits)
		}
	}
	if weak != "" {
		v.add(rules.SigWeakKey.New(v.certLoc(i), "%s has %s", who, weak).
			WithHint("Issue a new certificate with an RSA key of 2048 bits or more (or ECDSA P-256) and sign again."))
	}
}

// judgeSelfSigned reports a self-signed signer and checks its own
// signature, which is the only thing binding its names to its key.
func (v *verifier) judgeSelfSigned(c *x509.Certificate) {
	if !isSelfIssued(c) {
		return
	}
	v.add(rules.SigSelfSigned.New(v.certLoc(0),
		"the signer's certificate %q is self-signed: anyone can make one with any name, so it proves who signed only to a user who already has this certificate or its fingerprint",
		c.Subject.String()).
		WithHint("Sign with a certificate issued by a code-signing CA, or publish the certificate's SHA-256 fingerprint so users can pin it (--signer-sha256)."))
	if err := checkSelfSignature(c); err != nil {
		v.add(rules.SigSelfSignatureBad.New(v.certLoc(0),
			"the self-signed certificate's own signature does not verify (%v): the certificate was altered", err).
			WithHint("Use the original certificate; one whose contents were edited cannot be trusted."))
	}
}

// judgeUsage reports a signer not meant for signing code.
func (v *verifier) judgeUsage(c *x509.Certificate) {
	if c.KeyUsage != 0 && c.KeyUsage&(x509.KeyUsageDigitalSignature|x509.KeyUsageContentCommitment) == 0 {
		v.add(rules.SigUsageExcludesSigning.New(v.certLoc(0),
			"the signer's certificate allows its key only for %s, not for digital signatures", keyUsageNames(c.KeyUsage)).
			WithHint("Sign with a certificate whose key usage includes digitalSignature."))
	}
	if len(c.ExtKeyUsage) == 0 && len(c.UnknownExtKeyUsage) == 0 {
		v.add(rules.SigNotCodeSigning.New(v.certLoc(0),
			"the signer's certificate has no extended key usage, so nothing marks it for code signing").
			WithHint("Code-signing certificates carry extendedKeyUsage codeSigning; request one for signing packages."))
		return
	}
	for _, u := range c.ExtKeyUsage {
		if u == x509.ExtKeyUsageCodeSigning || u == x509.ExtKeyUsageAny {
			return
		}
	}
	v.add(rules.SigUsageExcludesSigning.New(v.certLoc(0),
		"the signer's certificate is issued for %s, not for code signing", extKeyUsageNames(c)).
		WithHint("Sign with a certificate whose extended key usage includes codeSigning; a TLS server certificate is not one."))
}

// isSelfIssued reports whether c names itself as its issuer and, when it
// carries key identifiers, identifies its own key as the issuer's.
func isSelfIssued(c *x509.Certificate) bool {
	if !bytes.Equal(c.RawSubject, c.RawIssuer) {
		return false
	}
	return len(c.AuthorityKeyId) == 0 || len(c.SubjectKeyId) == 0 || bytes.Equal(c.AuthorityKeyId, c.SubjectKeyId)
}

// checkSelfSignature verifies c's signature with c's own key. crypto/x509
// refuses SHA-1 signatures and RSA keys under 1024 bits, which real
// self-signed signers use; those are checked here, and reported as weak by
// other rules.
func checkSelfSignature(c *x509.Certificate) error {
	var h crypto.Hash
	switch c.SignatureAlgorithm {
	case x509.MD5WithRSA:
		h = crypto.MD5
	case x509.SHA1WithRSA, x509.ECDSAWithSHA1:
		h = crypto.SHA1
	case x509.SHA256WithRSA:
		h = crypto.SHA256
	case x509.SHA384WithRSA:
		h = crypto.SHA384
	case x509.SHA512WithRSA:
		h = crypto.SHA512
	default:
		return c.CheckSignature(c.SignatureAlgorithm, c.RawTBSCertificate, c.Signature)
	}
	digest := hashOf(h, c.RawTBSCertificate)
	switch pub := c.PublicKey.(type) {
	case *rsa.PublicKey:
		if c.SignatureAlgorithm == x509.ECDSAWithSHA1 {
			return fmt.Errorf("an ECDSA signature with an RSA key")
		}
		return verifyRSA(pub, h, digest, c.Signature)
	case *ecdsa.PublicKey:
		if c.SignatureAlgorithm != x509.ECDSAWithSHA1 {
			return fmt.Errorf("an RSA signature with an ECDSA key")
		}
		if !ecdsa.VerifyASN1(pub, digest, c.Signature) {
			return fmt.Errorf("ECDSA verification failed")
		}
		return nil
	}
	return c.CheckSignature(c.SignatureAlgorithm, c.RawTBSCertificate, c.Signature)
}

func isWeakSignatureAlgorithm(a x509.SignatureAlgorithm) bool {
	switch a {
	case x509.MD2WithRSA, x509.MD5WithRSA, x509.SHA1WithRSA, x509.DSAWithSHA1, x509.ECDSAWithSHA1:
		return true
	}
	return false
}

func keyUsageNames(u x509.KeyUsage) string {
	names := []string{"digitalSignature", "contentCommitment", "keyEncipherment", "dataEncipherment",
		"keyAgreement", "keyCertSign", "cRLSign", "encipherOnly", "decipherOnly"}
	var out []string
	for i, n := range names {
		if u&(1<<i) != 0 {
			out = append(out, n)
		}
	}
	return strings.Join(out, ", ")
}

func extKeyUsageNames(c *x509.Certificate) string {
	names := map[x509.ExtKeyUsage]string{
		x509.ExtKeyUsageServerAuth: "serverAuth", x509.ExtKeyUsageClientAuth: "clientAuth",
		x509.ExtKeyUsageEmailProtection: "emailProtection", x509.ExtKeyUsageTimeStamping: "timeStamping",
		x509.ExtKeyUsageOCSPSigning: "OCSPSigning", x509.ExtKeyUsageIPSECEndSystem: "ipsecEndSystem",
		x509.ExtKeyUsageIPSECTunnel: "ipsecTunnel", x509.ExtKeyUsageIPSECUser: "ipsecUser",
	}
	var out []string
	for _, u := range c.ExtKeyUsage {
		if n, ok := names[u]; ok {
			out = append(out, n)
		} else {
			out = append(out, fmt.Sprintf("usage %d", u))
		}
	}
	for _, oid := range c.UnknownExtKeyUsage {
		out = append(out, oid.String())
	}
	return strings.Join(out, ", ")
}
