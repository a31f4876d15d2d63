// Package signature reads an OVF package's certificate file (.cert) and
// judges it: the signature over the manifest, the signer's certificate, how
// far the signer can be trusted, and which members the signature protects.
//
// A .cert file holds a signature line, "SHA256(appliance.mf)= <hex>", where
// the hex is a signature over the exact bytes of the manifest made with the
// private key of the first PEM certificate that follows (RSA PKCS#1 v1.5 in
// every producer seen; ECDSA is accepted too). Parse reads the file as the
// DSP0243 grammar writes it and as producers really write it (ovftool's
// padding with spaces, CRLF, wrapped hex, extra certificates, VirtualBox's
// PKCS#7 block); Verify checks the signature and the certificates;
// CoverageFindings says what the signature cannot protect.
//
// Two outcomes are kept apart. Whether the signature verifies is a fact
// about the bytes: the manifest was signed with this key. Whether the key
// belongs to someone the user trusts depends on the roots or the pinned
// fingerprint the user gives; without either, trust is "unknown", which is
// not an error.
//
// Every problem in the file is a finding with the member, line and column;
// nothing here panics, hangs or allocates without bound on hostile input.
package signature
