package limits

const (
	// MaxCertificatesPerFile caps the PEM certificates taken from one .cert
	// file. DSP0243 allows exactly one; a signer with its intermediates is
	// three or four. Path building in crypto/x509 tries every candidate
	// issuer, so a file of thousands of certificates would make chain
	// verification slow; the rest are reported and ignored.
	MaxCertificatesPerFile = 16

	// MaxSignatureBytes caps the decoded signature. The largest RSA keys in
	// use are 16384 bits (2048 bytes); an ECDSA P-521 signature is under
	// 140 bytes. A longer signature cannot verify and is not decoded.
	MaxSignatureBytes = 2048

	// MaxRSAKeyBits caps the modulus of an RSA key that ovacheck uses to
	// diagnose a failed signature with big-integer arithmetic. 16384 bits
	// is the largest size any tool generates; crypto/x509 accepts larger
	// keys, and exponentiation cost grows with the cube of the size.
	MaxRSAKeyBits = 16384

	// MaxSignatureLines caps the lines of hex taken as a wrapped signature.
	// A signature of MaxSignatureBytes wrapped at 64 columns is 64 lines.
	MaxSignatureLines = 128
)
