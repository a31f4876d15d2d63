package ovatest

import (
	"bytes"
	"crypto"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/hex"
	"encoding/pem"
	"fmt"
	"math/big"
	"strings"
	"sync"
	"time"

	// Register the hash functions Sign may be asked for.
	_ "crypto/md5"
	_ "crypto/sha1"
	_ "crypto/sha256"
	_ "crypto/sha512"
)

// Fixed validity dates, so that tests judge certificates at a fixed time
// (CheckTime) rather than the clock.
var (
	// ValidFrom and ValidUntil bound the default validity of every
	// certificate the CA issues.
	ValidFrom  = time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)
	ValidUntil = time.Date(2044, 1, 1, 0, 0, 0, 0, time.UTC)
	// CheckTime lies inside the default validity.
	CheckTime = time.Date(2026, 6, 1, 12, 0, 0, 0, time.UTC)
)

// CA is an in-process certificate authority for tests. Its root is a
// self-signed RSA-2048 CA certificate valid from ValidFrom to ValidUntil.
type CA struct {
	Cert *x509.Certificate
	Key  crypto.Signer
	// PEM is the CA certificate in PEM form.
	PEM []byte

	mu     sync.Mutex
	serial int64
}

// CertOptions describe a certificate for CA.Issue.
type CertOptions struct {
	// CommonName is the subject's CN; empty means "ovatest signer".
	CommonName string
	// KeyType is "rsa2048" (the default), "rsa1024", "rsa4096" or
	// "ecdsa-p256".
	KeyType string
	// KeyID selects a cached key: certificates with the same KeyType and
	// KeyID share a key, so tests need not generate many (RSA key
	// generation is slow, above all under wasm). Empty means CommonName.
	KeyID string
	// NotBefore and NotAfter default to ValidFrom and ValidUntil.
	NotBefore, NotAfter time.Time
	// SelfSigned makes the certificate sign itself instead of being
	// issued by the CA.
	SelfSigned bool
	// Intermediate makes the certificate a CA that can issue others
	// (Issued.CA).
	Intermediate bool
	// CodeSigning adds extendedKeyUsage codeSigning and keyUsage
	// digitalSignature.
	CodeSigning bool
	// ExtKeyUsage adds other extended key usages (e.g. serverAuth, to make
	// a TLS certificate).
	ExtKeyUsage []x509.ExtKeyUsage
	// SigAlg is the algorithm of the certificate's own signature; zero
	// lets crypto/x509 choose (SHA-256 for RSA and P-256).
	SigAlg x509.SignatureAlgorithm
}

// Issued is a certificate with its private key.
type Issued struct {
	Cert *x509.Certificate
	Key  crypto.Signer
	// PEM is the certificate in PEM form; KeyPEM the key in PKCS#8 PEM.
	PEM    []byte
	KeyPEM []byte
	// CA issues certificates under this one when it was made with
	// Intermediate.
	CA *CA
}

// RootKeyID is the KeyID (type "rsa2048") of the root's key, for tests that
// want a second RSA-2048 key without generating one.
const RootKeyID = "ovatest root CA"

// NewCA returns a CA with a fresh root certificate (its key is cached for
// the process).
func NewCA() *CA {
	key := cachedKey("rsa2048", RootKeyID)
	tmpl := &x509.Certificate{
		SerialNumber:          big.NewInt(1),
		Subject:               pkix.Name{CommonName: "ovatest root CA", Organization: []string{"ovacheck tests"}},
		NotBefore:             ValidFrom,
		NotAfter:              ValidUntil,
		KeyUsage:              x509.KeyUsageCertSign | x509.KeyUsageCRLSign,
		BasicConstraintsValid: true,
		IsCA:                  true,
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, key.Public(), key)
	if err != nil {
		panic("ovatest: " + err.Error())
	}
	cert, _ := x509.ParseCertificate(der)
	return &CA{Cert: cert, Key: key, PEM: pemCert(der), serial: 1}
}

// Issue makes a certificate as opts say, issued by ca (or self-signed).
func (ca *CA) Issue(opts CertOptions) *Issued {
	if opts.CommonName == "" {
		opts.CommonName = "ovatest signer"
	}
	if opts.KeyType == "" {
		opts.KeyType = "rsa2048"
	}
	if opts.KeyID == "" {
		opts.KeyID = opts.CommonName
	}
	if opts.NotBefore.IsZero() {
		opts.NotBefore = ValidFrom
	}
	if opts.NotAfter.IsZero() {
		opts.NotAfter = ValidUntil
	}
	key := cachedKey(opts.KeyType, opts.KeyID)
	ca.mu.Lock()
	ca.serial++
	serial := ca.serial
	ca.mu.Unlock()
	tmpl := &x509.Certificate{
		SerialNumber:       big.NewInt(serial),
		Subject:            pkix.Name{CommonName: opts.CommonName, Organization: []string{"ovacheck tests"}},
		NotBefore:          opts.NotBefore,
		NotAfter:           opts.NotAfter,
		SignatureAlgorithm: opts.SigAlg,
	}
	if opts.CodeSigning {
		tmpl.KeyUsage |= x509.KeyUsageDigitalSignature
		tmpl.ExtKeyUsage = []x509.ExtKeyUsage{x509.ExtKeyUsageCodeSigning}
	}
	tmpl.ExtKeyUsage = append(tmpl.ExtKeyUsage, opts.ExtKeyUsage...)
	if opts.Intermediate {
		tmpl.KeyUsage |= x509.KeyUsageCertSign | x509.KeyUsageCRLSign
		tmpl.BasicConstraintsValid = true
		tmpl.IsCA = true
	}
	parent, parentKey := ca.Cert, ca.Key
	if opts.SelfSigned {
		parent, parentKey = tmpl, key
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, parent, key.Public(), parentKey)
	if err != nil {
		panic("ovatest: " + err.Error())
	}
	cert, err := x509.ParseCertificate(der)
	if err != nil {
		panic("ovatest: " + err.Error())
	}
	keyDER, err := x509.MarshalPKCS8PrivateKey(key)
	if err != nil {
		panic("ovatest: " + err.Error())
	}
	out := &Issued{Cert: cert, Key: key, PEM: pemCert(der),
		KeyPEM: pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: keyDER})}
	if opts.Intermediate {
		out.CA = &CA{Cert: cert, Key: key, PEM: out.PEM, serial: serial * 1000}
	}
	return out
}

func pemCert(der []byte) []byte {
	return pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der})
}

var keys sync.Map // "type/id" -> crypto.Signer

// cachedKey returns the process's key of the given type and ID, making it
// on first use.
func cachedKey(keyType, id string) crypto.Signer {
	name := keyType + "/" + id
	if k, ok := keys.Load(name); ok {
		return k.(crypto.Signer)
	}
	var k crypto.Signer
	var err error
	switch keyType {
	case "rsa1024":
		k, err = rsa.GenerateKey(rand.Reader, 1024)
	case "rsa2048":
		k, err = rsa.GenerateKey(rand.Reader, 2048)
	case "rsa4096":
		k, err = rsa.GenerateKey(rand.Reader, 4096)
	case "ecdsa-p256":
		k, err = ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	default:
		panic("ovatest: unknown key type " + keyType)
	}
	if err != nil {
		panic("ovatest: " + err.Error())
	}
	actual, _ := keys.LoadOrStore(name, k)
	return actual.(crypto.Signer)
}

// hashes maps the algorithm names of a signature line to hash functions.
var hashes = map[string]crypto.Hash{
	"MD5": crypto.MD5, "SHA1": crypto.SHA1, "SHA224": crypto.SHA224,
	"SHA256": crypto.SHA256, "SHA384": crypto.SHA384, "SHA512": crypto.SHA512,
}

// Sign signs manifest as openssl dgst -<alg> -sign does: RSA PKCS#1 v1.5
// or ECDSA (ASN.1) over the alg digest of the bytes, and returns the
// signature's lower-case hex. alg is "SHA1", "SHA256", "SHA512", ... (case
// and dashes ignored, so "SHA2-256" works too). To make XenCenter's
// double-hashed variant, sign the SHA-256 digest of the manifest with
// "SHA256".
func Sign(manifest []byte, key crypto.Signer, alg string) string {
	name := strings.ToUpper(strings.ReplaceAll(alg, "-", ""))
	if strings.HasPrefix(name, "SHA2") && len(name) == 7 {
		name = "SHA" + name[4:]
	}
	h, ok := hashes[name]
	if !ok {
		panic("ovatest: unknown digest " + alg)
	}
	w := h.New()
	w.Write(manifest)
	sig, err := key.Sign(rand.Reader, w.Sum(nil), h)
	if err != nil {
		panic("ovatest: " + err.Error())
	}
	return hex.EncodeToString(sig)
}

// CertSize is the size ovftool 4.x pads its certificate files to.
const CertSize = 102400

// CertFile writes a certificate file the way ovftool does: the line
// "ALG(manifestName)= hexsig", then each PEM certificate, LF line ends.
// With pad, spaces fill it up to CertSize bytes (ovftool 4.x); a file
// already that large is left as is.
func CertFile(manifestName, alg, hexsig string, pad bool, pemCerts ...[]byte) []byte {
	var b bytes.Buffer
	fmt.Fprintf(&b, "%s(%s)= %s\n", alg, manifestName, hexsig)
	for _, c := range pemCerts {
		b.Write(c)
		if len(c) > 0 && c[len(c)-1] != '\n' {
			b.WriteByte('\n')
		}
	}
	if pad && b.Len() < CertSize {
		b.Write(bytes.Repeat([]byte(" "), CertSize-b.Len()))
	}
	return b.Bytes()
}
