package signature

import (
	"crypto/sha256"
	"crypto/x509"
	"encoding/hex"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/ovacheck/ovacheck/engine/report"
	"github.com/ovacheck/ovacheck/engine/rules"
)

// Fingerprint returns the SHA-256 fingerprint of c's DER encoding as lower-
// case hex without separators, the form a pin is compared in.
func Fingerprint(c *x509.Certificate) string {
	sum := sha256.Sum256(c.Raw)
	return hex.EncodeToString(sum[:])
}

// NormalizePin returns a SHA-256 fingerprint written in any of the usual
// ways (upper or lower case, colons or spaces between bytes) as lower-case
// hex, or an error when it is not 32 bytes of hex. Callers use it to check a
// user's --signer-sha256 before a check starts.
func NormalizePin(s string) (string, error) {
	r := strings.NewReplacer(":", "", " ", "", "-", "")
	p := strings.ToLower(r.Replace(strings.TrimSpace(s)))
	if len(p) != 2*sha256.Size {
		return "", fmt.Errorf("signature: a SHA-256 fingerprint is 64 hex digits, got %d", len(p))
	}
	if _, err := hex.DecodeString(p); err != nil {
		return "", fmt.Errorf("signature: fingerprint %q is not hex", s)
	}
	return p, nil
}

// judgeTrust decides the signer's trust from the pin and the roots, and
// fills the chain summary.
func (v *verifier) judgeTrust() {
	signer := v.f.Signer()
	if len(v.f.Certificates) > 1 {
		v.sig.Chain = summarizeChain(v.f.Certificates[1:])
	}
	if signer == nil {
		if v.opts.PinSHA256 != "" {
			v.sig.Trust = PinMismatch
		} else if v.opts.Roots != nil {
			v.sig.Trust = Untrusted
		}
		return
	}
	pinned, pinMismatch := v.checkPin(signer)
	chained, chainFailed := v.checkChain(signer)
	switch {
	case pinMismatch:
		v.sig.Trust = PinMismatch
	case chainFailed:
		v.sig.Trust = Untrusted
	case pinned:
		v.sig.Trust = Pinned
	case chained:
		v.sig.Trust = Trusted
	case v.sig.Verified == Verified:
		v.add(rules.SigTrustUnknown.New(v.certLoc(0),
			"the signature says the manifest was signed by the holder of %q (SHA-256 %s); no trust roots or pinned fingerprint were given, so whether that is the publisher is not known",
			signer.Subject.String(), Fingerprint(signer)).
			WithHint("Give the publisher's CA certificates (--trust roots.pem) or the fingerprint they publish (--signer-sha256)."))
	}
}

// checkPin compares the signer with the pinned fingerprint.
func (v *verifier) checkPin(signer *x509.Certificate) (pinned, mismatch bool) {
	if v.opts.PinSHA256 == "" {
		return false, false
	}
	got := Fingerprint(signer)
	want, err := NormalizePin(v.opts.PinSHA256)
	if err == nil && got == want {
		return true, false
	}
	shown := want
	if err != nil {
		shown = fmt.Sprintf("%q (not a SHA-256 fingerprint)", v.opts.PinSHA256)
	}
	v.add(rules.SigPinMismatch.New(v.certLoc(0),
		"the signer's certificate has SHA-256 fingerprint %s, not the pinned %s: the package was signed by someone else", got, shown).
		WithHint("Get the package from its publisher again; if the publisher changed its certificate, confirm the new fingerprint with them before pinning it."))
	return false, true
}

// checkChain builds a chain from the signer to the roots, with the file's
// other certificates as untrusted intermediates. Validity is judged by
// judgeValidity as a warning (OVF signatures carry no timestamp), so when no
// chain holds at the checking time, it is built again at the edges of the
// signer's and intermediates' validity: a chain that holds at one of those
// times is sound in everything but time, and the certificates of it that
// are outside their validity at the checking time are reported.
func (v *verifier) checkChain(signer *x509.Certificate) (chained, failed bool) {
	if v.opts.Roots == nil {
		return false, false
	}
	inter := x509.NewCertPool()
	for _, c := range v.f.Certificates[1:] {
		inter.AddCert(c)
	}
	opts := x509.VerifyOptions{
		Roots:         v.opts.Roots,
		Intermediates: inter,
		CurrentTime:   v.at,
		KeyUsages:     []x509.ExtKeyUsage{x509.ExtKeyUsageAny},
	}
	chains, err := signer.Verify(opts)
	if err != nil {
		for _, t := range retryTimes(v.f.Certificates, v.at) {
			opts.CurrentTime = t
			if found, err2 := signer.Verify(opts); err2 == nil {
				chains, err = found, nil
				v.noteChainValidity(found[0])
				break
			}
		}
	}
	if err != nil {
		v.add(rules.SigChainFailed.New(v.certLoc(0),
			"no chain leads from the signer %q to the trust roots given: %s", signer.Subject.String(), chainReason(err, v.f)).
			WithHint("Give the roots that issued the publisher's certificate, and make sure the certificate file carries any intermediate between them."))
		return false, true
	}
	v.sig.Chain = summarizeChain(chains[0][1:])
	return true, false
}

// retryTimes returns the times, other than at, inside the signer's validity
// at which a chain might hold: the edges of each certificate's validity.
func retryTimes(cs []*x509.Certificate, at time.Time) []time.Time {
	signer := cs[0]
	var out []time.Time
	for _, c := range cs {
		for _, t := range []time.Time{c.NotAfter.Add(-time.Second), c.NotBefore.Add(time.Second)} {
			if t.Before(signer.NotBefore) || t.After(signer.NotAfter) || t.Equal(at) || slices.ContainsFunc(out, t.Equal) {
				continue
			}
			out = append(out, t)
		}
	}
	return out
}

// noteChainValidity reports the certificates of chain that are not in the
// file (roots, mostly) and are outside their validity at the checking time;
// those in the file were judged already.
func (v *verifier) noteChainValidity(chain []*x509.Certificate) {
	for _, c := range chain {
		if !slices.ContainsFunc(v.f.Certificates, c.Equal) {
			v.judgeValidity(0, c, fmt.Sprintf("the trust root %q", c.Subject.String()))
		}
	}
}

// chainReason says in words why crypto/x509 built no chain.
func chainReason(err error, f *File) string {
	var unknown x509.UnknownAuthorityError
	var invalid x509.CertificateInvalidError
	var insecure x509.InsecureAlgorithmError
	switch {
	case errors.As(err, &unknown):
		issuer := "its issuer"
		if unknown.Cert != nil {
			issuer = fmt.Sprintf("its issuer %q", unknown.Cert.Issuer.String())
		}
		// crypto/x509 hides why a candidate issuer was rejected (a SHA-1
		// signature, an expired root) inside the error text only.
		if _, hint, ok := strings.Cut(err.Error(), "(possibly because of "); ok {
			return "a candidate issuer was rejected because of " + strings.TrimSuffix(hint, ")")
		}
		s := "no root given issued it, and the file carries no certificate linking it to one; " + issuer + " is unknown"
		if len(f.Certificates) > 1 {
			s = "no root given issued it or the intermediates in the file; " + issuer + " is unknown"
		}
		return s
	case errors.As(err, &invalid):
		subject := ""
		if invalid.Cert != nil {
			subject = fmt.Sprintf(" (%q)", invalid.Cert.Subject.String())
		}
		return invalid.Error() + subject
	case errors.As(err, &insecure):
		return "a certificate in the chain is signed with " + x509.SignatureAlgorithm(insecure).String() + ", which is no longer accepted"
	}
	return err.Error()
}

// summarizeChain is the report form of the certificates above the signer.
func summarizeChain(cs []*x509.Certificate) []report.Signer {
	var out []report.Signer
	for _, c := range cs {
		out = append(out, summarize(c))
	}
	return out
}
