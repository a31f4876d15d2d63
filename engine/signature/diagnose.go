package signature

import (
	"bytes"
	"crypto"
	"crypto/ecdsa"
	"crypto/rsa"
	"encoding/hex"
	"math/big"
	"strconv"

	"github.com/ovacheck/ovacheck/engine/rules"
)

// diagnoseRSA explains why an RSA signature failed. Applying the public key
// to the signature recovers what the signer signed, which separates the
// cases: a signature of the wrong length is damaged or from another key; one
// that does not decode to a PKCS#1 block was not made with this key (so the
// manifest is not at fault); one that decodes but holds another digest was
// made with this key over other bytes (so the manifest changed after
// signing), unless it holds XenCenter's double hash or the digest of
// another algorithm than the line names.
func (v *verifier) diagnoseRSA(pub *rsa.PublicKey) {
	f := v.f
	v.sig.Verified = Failed
	k := keyBytes(pub)
	if len(f.Signature) != k {
		why := "it was truncated or damaged"
		if isKeySize(len(f.Signature)) {
			why = "it was made with a different key (a " + strconv.Itoa(len(f.Signature)*8) + "-bit one), or damaged"
		}
		v.add(rules.SigLengthMismatch.New(v.lineLoc(),
			"the signature in %s is %d bytes, but the signer's %d-bit key makes %d-byte signatures: %s; the manifest is not at fault",
			f.Member, len(f.Signature), pub.N.BitLen(), k, why).
			WithHint("Sign the manifest again with the key of the certificate in the file, and keep the signature's hex whole."))
		return
	}
	if new(big.Int).SetBytes(f.Signature).Cmp(pub.N) >= 0 {
		// An RSA signature by this key is a number below its modulus; a
		// signature by another key of the same size is above it about
		// half the time.
		v.mismatch("the signature was not made with the key of the certificate in the file (or was damaged): read as a number it is not below the key's modulus, as every signature by that key is; the manifest is not at fault")
		return
	}
	em, ok := recoverRSA(pub, f.Signature)
	if !ok {
		v.mismatch("the signer's key cannot be used to check the signature (its modulus or exponent is out of range)")
		return
	}
	h, signed, ok := decodePKCS1(em)
	if !ok {
		v.mismatch("the signature was not made with the key of the certificate in the file (or was damaged); the manifest is not at fault")
		return
	}
	if h == crypto.SHA256 && bytes.Equal(signed, hashOf(crypto.SHA256, hashOf(crypto.SHA256, v.manifest))) {
		v.sig.Verified = Verified
		v.add(rules.SigXenCenterDoubleHash.New(v.lineLoc(),
			"the signature in %s is over the SHA-256 of the manifest's SHA-256, as XenCenter signs; it verifies only in XenCenter. VMware and VirtualBox reject it",
			f.Member).
			WithHint("Sign the manifest itself (openssl dgst -sha256 -sign key.pem appliance.mf) if the package must import outside XenServer."))
		return
	}
	if bytes.Equal(signed, hashOf(h, v.manifest)) {
		v.mismatch("the signature is over the " + hashName(h) + " digest of this manifest, but the signature line names " +
			f.Algorithm + "; consumers compute " + f.Algorithm + " and fail. Write " + hashName(h) + " on the signature line")
		return
	}
	v.mismatch("the certificate's key signed a manifest whose " + hashName(h) + " digest was " + shortHex(signed) +
		"; this manifest's is " + shortHex(hashOf(h, v.manifest)) + ": the manifest changed after signing")
}

// diagnoseECDSA explains why an ECDSA signature failed.
func (v *verifier) diagnoseECDSA(pub *ecdsa.PublicKey, digest []byte) {
	v.sig.Verified = Failed
	size := (pub.Curve.Params().BitSize + 7) / 8
	sig := v.f.Signature
	if len(sig) == 2*size && !looksLikeDERSequence(sig) {
		r := new(big.Int).SetBytes(sig[:size])
		s := new(big.Int).SetBytes(sig[size:])
		if ecdsa.Verify(pub, digest, r, s) {
			v.mismatch("the signature is a raw r||s pair over this manifest; consumers expect the ASN.1 DER form that openssl dgst -sign writes")
			return
		}
	}
	if !looksLikeDERSequence(sig) {
		v.mismatch("the signature is not an ASN.1 ECDSA signature: it was damaged, or made by another kind of key; the manifest is not at fault")
		return
	}
	v.mismatch("the manifest changed after signing, or another key made the signature")
}

// mismatch reports a signature that does not verify, with the reason.
func (v *verifier) mismatch(reason string) {
	v.sig.Verified = Failed
	v.add(rules.SigMismatch.New(v.lineLoc(),
		"the signature in %s does not verify over %s: %s", v.f.Member, v.manifestName(), reason).
		WithHint("If the manifest was edited after signing, sign it again; if the signature came from elsewhere, use the certificate of the key that made it."))
}

func (v *verifier) manifestName() string {
	if v.mfMember != "" {
		return v.mfMember
	}
	return "the manifest"
}

// looksLikeDERSequence reports whether b is one DER SEQUENCE spanning b.
func looksLikeDERSequence(b []byte) bool {
	if len(b) < 2 || b[0] != 0x30 {
		return false
	}
	n, hdr := int(b[1]), 2
	if b[1]&0x80 != 0 {
		l := int(b[1] & 0x7f)
		if l == 0 || l > 2 || len(b) < 2+l {
			return false
		}
		n = 0
		for _, c := range b[2 : 2+l] {
			n = n<<8 | int(c)
		}
		hdr = 2 + l
	}
	return hdr+n == len(b)
}

// isKeySize reports whether n bytes is the signature size of a common RSA
// key.
func isKeySize(n int) bool {
	switch n * 8 {
	case 512, 768, 1024, 1536, 2048, 3072, 4096, 8192:
		return true
	}
	return false
}

func hashName(h crypto.Hash) string {
	for name, hh := range algorithms {
		if hh == h {
			return name
		}
	}
	return h.String()
}

func shortHex(b []byte) string {
	s := hex.EncodeToString(b)
	if len(s) > 16 {
		return s[:16] + "…"
	}
	return s
}
