package signature

import (
	"crypto"
	"strings"

	// Register the hash functions the signature line may name.
	_ "crypto/md5"
	_ "crypto/sha1"
	_ "crypto/sha256"
	_ "crypto/sha512"
)

// algorithms maps the canonical name of each digest a signature line may
// name to its hash function. SHA1 is the only one in the DSP0243 1.x
// grammar; ovftool and ova-compose also write SHA256 and SHA512; openssl dgst
// can sign with the others.
var algorithms = map[string]crypto.Hash{
	"MD5":    crypto.MD5,
	"SHA1":   crypto.SHA1,
	"SHA224": crypto.SHA224,
	"SHA256": crypto.SHA256,
	"SHA384": crypto.SHA384,
	"SHA512": crypto.SHA512,
}

// canonicalAlgorithm returns the canonical name for an algorithm token as
// written ("SHA256", "sha256", "SHA-256" and OpenSSL 3's "SHA2-256" all give
// "SHA256") and whether the token is known.
func canonicalAlgorithm(token string) (string, bool) {
	t := strings.ToUpper(token)
	t = strings.ReplaceAll(t, "-", "")
	t = strings.ReplaceAll(t, "_", "")
	// OpenSSL 3 names the SHA-2 family "SHA2-256", which the steps above
	// turned into "SHA2256".
	if strings.HasPrefix(t, "SHA2") && len(t) == 7 {
		t = "SHA" + t[4:]
	}
	if _, ok := algorithms[t]; ok {
		return t, true
	}
	return t, false
}

// hashOf returns the digest of data with h.
func hashOf(h crypto.Hash, data []byte) []byte {
	w := h.New()
	w.Write(data)
	return w.Sum(nil)
}
