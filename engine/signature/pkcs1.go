package signature

import (
	"bytes"
	"crypto"
	"crypto/rsa"
	"crypto/subtle"
	"errors"
	"math/big"

	"github.com/ovacheck/ovacheck/engine/internal/limits"
)

// digestInfoPrefixes are the DER encodings of the DigestInfo that precedes
// the digest in an RSASSA-PKCS1-v1_5 signature (RFC 8017 9.2, note 1).
var digestInfoPrefixes = map[crypto.Hash][]byte{
	crypto.MD5:    {0x30, 0x20, 0x30, 0x0c, 0x06, 0x08, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x02, 0x05, 0x05, 0x00, 0x04, 0x10},
	crypto.SHA1:   {0x30, 0x21, 0x30, 0x09, 0x06, 0x05, 0x2b, 0x0e, 0x03, 0x02, 0x1a, 0x05, 0x00, 0x04, 0x14},
	crypto.SHA224: {0x30, 0x2d, 0x30, 0x0d, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x04, 0x05, 0x00, 0x04, 0x1c},
	crypto.SHA256: {0x30, 0x31, 0x30, 0x0d, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x01, 0x05, 0x00, 0x04, 0x20},
	crypto.SHA384: {0x30, 0x41, 0x30, 0x0d, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x02, 0x05, 0x00, 0x04, 0x30},
	crypto.SHA512: {0x30, 0x51, 0x30, 0x0d, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x03, 0x05, 0x00, 0x04, 0x40},
}

var errRSAVerification = errors.New("signature: RSA verification error")

// verifyRSA checks an RSASSA-PKCS1-v1_5 signature over digest (made with
// h). Keys of 1024 bits or more go to crypto/rsa. Since Go 1.24 crypto/rsa
// refuses smaller keys outright, yet real packages were signed with them
// (IBM open-ovf's sample uses RSA-512), so for those the public operation is
// done here and the whole encoded message compared with the expected one;
// the key is reported as weak separately.
func verifyRSA(pub *rsa.PublicKey, h crypto.Hash, digest, sig []byte) error {
	if pub.N.BitLen() >= 1024 {
		return rsa.VerifyPKCS1v15(pub, h, digest, sig)
	}
	em, ok := recoverRSA(pub, sig)
	prefix, known := digestInfoPrefixes[h]
	if !ok || !known {
		return errRSAVerification
	}
	want, ok := encodePKCS1(len(em), prefix, digest)
	if !ok || subtle.ConstantTimeCompare(em, want) != 1 {
		return errRSAVerification
	}
	return nil
}

// encodePKCS1 builds the EMSA-PKCS1-v1_5 encoded message of k bytes:
// 00 01 FF..FF 00 || DigestInfo prefix || digest.
func encodePKCS1(k int, prefix, digest []byte) ([]byte, bool) {
	tLen := len(prefix) + len(digest)
	if k < tLen+11 {
		return nil, false
	}
	em := make([]byte, k)
	em[1] = 1
	for i := 2; i < k-tLen-1; i++ {
		em[i] = 0xff
	}
	copy(em[k-tLen:], prefix)
	copy(em[k-len(digest):], digest)
	return em, true
}

// keyBytes returns the length of the key's signatures in bytes.
func keyBytes(pub *rsa.PublicKey) int { return (pub.N.BitLen() + 7) / 8 }

// recoverRSA applies the public key to sig and returns the encoded message,
// or false when sig cannot be a signature of this key (wrong length, out of
// range) or the key is too large or malformed to use.
func recoverRSA(pub *rsa.PublicKey, sig []byte) ([]byte, bool) {
	if pub.N == nil || pub.N.Sign() <= 0 || pub.N.BitLen() > limits.MaxRSAKeyBits || pub.E < 3 {
		return nil, false
	}
	k := keyBytes(pub)
	if len(sig) != k {
		return nil, false
	}
	s := new(big.Int).SetBytes(sig)
	if s.Cmp(pub.N) >= 0 {
		return nil, false
	}
	m := s.Exp(s, big.NewInt(int64(pub.E)), pub.N)
	return m.FillBytes(make([]byte, k)), true
}

// decodePKCS1 reads the digest and its algorithm out of an encoded message,
// or returns false when em is not a well-formed PKCS#1 v1.5 signature block
// for a digest ovacheck knows.
func decodePKCS1(em []byte) (crypto.Hash, []byte, bool) {
	if len(em) < 11 || em[0] != 0 || em[1] != 1 {
		return 0, nil, false
	}
	i := 2
	for i < len(em) && em[i] == 0xff {
		i++
	}
	if i-2 < 8 || i >= len(em) || em[i] != 0 {
		return 0, nil, false
	}
	t := em[i+1:]
	for h, prefix := range digestInfoPrefixes {
		if len(t) == len(prefix)+h.Size() && bytes.HasPrefix(t, prefix) {
			return h, t[len(prefix):], true
		}
	}
	return 0, nil, false
}
