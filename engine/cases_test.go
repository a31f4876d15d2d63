package engine

import (
	"archive/tar"
	"archive/zip"
	"bytes"
	"compress/gzip"
	"crypto/ed25519"
	"crypto/rand"
	"crypto/sha256"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/hex"
	"encoding/pem"
	"fmt"
	"math/big"
	"path"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/ovacheck/ovacheck/engine/ovatest"
)

// caseExtras are the directives of a golden case beyond the basic ones
// (see TestGolden), for cases that prove archive, manifest, signature,
// compatibility and policy rules:
//
//	kind: raw                       (the first member's body, after placeholders, is the whole input)
//	name: NAME                      (the input's file name, default case.ova)
//	rename: OLD NEW                 (rename a member after placeholders are expanded, before signing)
//	wrap: gzip | zip                (gzip the tar, or pack the members in a zip instead)
//	append: TEXT                    (TEXT after the end of the archive)
//	truncate: -N                    (a negative truncate cuts N bytes off the end)
//	poke: [MEMBER+]OFFSET HEX       (write bytes into the archive, at OFFSET in MEMBER's tar header)
//	checksum: MEMBER                (recompute the checksum of MEMBER's tar header after pokes)
//	dup: MEMBER                     (append a second copy of MEMBER after digests are filled in)
//	special: NAME TYPE [TARGET]     (append a member of TYPE symlink, hardlink, dir, char, block or fifo)
//	many: N                         (append N empty members filler-00001, ...)
//	expect: ALG HEX | ALG input     (pass WithExpectedDigest with HEX, or with the input's own SHA-256)
//	sign: ALG [OPTION ...]          (sign the manifest and add a certificate file after it; see signCase)
//	at: RFC3339                     (pass WithTime; cases with sign: default to ovatest.CheckTime)
//	trust: root | other             (pass WithTrustRoots with the signing CA's root, or another root)
//	pin: signer | other | HEX       (pass WithSignerPin with the signer's fingerprint, another, or HEX)
//	deep: on                        (pass WithDeep: inflate every grain and gzip stream while hashing)
//	targets: NAME[,NAME]            (pass WithTargets: judge only these consumers, so CMP findings keep their severity)
//	policy: MEMBER                  (MEMBER holds a policy JSON; it leaves the package and is applied with
//	                                 policy.Load(...).Options(targets) through CasePolicyOptions; in it,
//	                                 @signer stands for the SHA-256 fingerprint of the certificate sign: made)
//
// A name in an archive-level directive refers to the member after renames.
type caseExtras struct {
	name      string
	renames   [][2]string
	wrap      string
	tail      string
	pokes     []string
	checksums []string
	dups      []string
	specials  []string
	many      int
	expect    [][2]string
	sign      []string
	at        time.Time
	trust     string
	pin       string
	deep      bool
	targets   []string
	policy    string

	policyOpts []Option          // set by takePolicy
	signer     *x509.Certificate // set by signCase
	ca         *ovatest.CA
}

// directive reads one extra directive; other keys (comment lines that
// happen to hold a colon) are ignored.
func (gc *goldenCase) directive(t *testing.T, key, val string) {
	t.Helper()
	x := &gc.caseExtras
	switch key {
	case "deep":
		x.deep = val == "on"
	case "name":
		x.name = val
	case "rename":
		old, new, ok := strings.Cut(val, " ")
		if !ok {
			t.Fatalf("rename: want OLD NEW, got %q", val)
		}
		x.renames = append(x.renames, [2]string{old, strings.TrimSpace(new)})
	case "wrap":
		x.wrap = val
	case "append":
		x.tail += val
	case "poke":
		x.pokes = append(x.pokes, val)
	case "checksum":
		x.checksums = append(x.checksums, val)
	case "dup":
		x.dups = append(x.dups, val)
	case "special":
		x.specials = append(x.specials, val)
	case "many":
		x.many, _ = strconv.Atoi(val)
	case "expect":
		alg, hx, _ := strings.Cut(val, " ")
		x.expect = append(x.expect, [2]string{alg, strings.TrimSpace(hx)})
	case "sign":
		x.sign = strings.Fields(val)
	case "at":
		at, err := time.Parse(time.RFC3339, val)
		if err != nil {
			t.Fatalf("at: %v", err)
		}
		x.at = at
	case "trust":
		x.trust = val
	case "pin":
		x.pin = val
	case "targets":
		for _, n := range strings.Split(val, ",") {
			if n = strings.TrimSpace(n); n != "" {
				x.targets = append(x.targets, n)
			}
		}
	case "policy":
		x.policy = val
	}
}

// applyRenames renames members once their digests are filled in.
func (gc *goldenCase) applyRenames(t *testing.T) {
	for _, r := range gc.renames {
		i := slices.IndexFunc(gc.members, func(m ovatest.Member) bool { return m.Name == r[0] })
		if i < 0 {
			t.Fatalf("rename: no member %q", r[0])
		}
		gc.members[i].Name = r[1]
	}
}

// CasePolicyOptions turns a policy document into the engine options that
// apply it, given the case's targets. Package engine cannot import
// engine/policy (it imports engine), so the external test package sets it
// (policy_examples_test.go); a case with a policy: directive fails while it
// is nil.
var CasePolicyOptions func(doc []byte, targets []string) ([]Option, error)

// takePolicy removes the policy: member from the package and loads it.
func (gc *goldenCase) takePolicy(t *testing.T) {
	t.Helper()
	if gc.policy == "" {
		return
	}
	i := slices.IndexFunc(gc.members, func(m ovatest.Member) bool { return m.Name == gc.policy })
	if i < 0 {
		t.Fatalf("policy: no member %q", gc.policy)
	}
	doc := gc.members[i].Data
	gc.members = slices.Delete(gc.members, i, i+1)
	if gc.signer != nil {
		sum := sha256.Sum256(gc.signer.Raw)
		doc = bytes.ReplaceAll(doc, []byte("@signer"), []byte(hex.EncodeToString(sum[:])))
	}
	if CasePolicyOptions == nil {
		t.Fatal("policy: CasePolicyOptions is not set")
	}
	opts, err := CasePolicyOptions(doc, gc.targets)
	if err != nil {
		t.Fatalf("policy %s: %v", gc.policy, err)
	}
	gc.policyOpts = opts
}

// addMembers takes out the policy member, then appends the duplicate,
// special and filler members.
func (gc *goldenCase) addMembers(t *testing.T) {
	gc.takePolicy(t)
	for _, d := range gc.dups {
		i := slices.IndexFunc(gc.members, func(m ovatest.Member) bool { return m.Name == d })
		if i < 0 {
			t.Fatalf("dup: no member %q", d)
		}
		gc.members = append(gc.members, gc.members[i])
	}
	types := map[string]byte{"symlink": tar.TypeSymlink, "hardlink": tar.TypeLink, "dir": tar.TypeDir,
		"char": tar.TypeChar, "block": tar.TypeBlock, "fifo": tar.TypeFifo}
	for _, s := range gc.specials {
		f := strings.Fields(s)
		if len(f) < 2 || types[f[1]] == 0 {
			t.Fatalf("special: want NAME TYPE [TARGET], got %q", s)
		}
		m := ovatest.Member{Name: f[0], Type: types[f[1]]}
		if len(f) > 2 {
			m.Linkname = f[2]
		}
		gc.members = append(gc.members, m)
	}
	for i := 1; i <= gc.many; i++ {
		gc.members = append(gc.members, ovatest.Member{Name: fmt.Sprintf("filler-%05d", i)})
	}
}

// input builds the bytes the case's source reads.
func (gc *goldenCase) input(t *testing.T) []byte {
	t.Helper()
	if gc.kind == "raw" {
		if len(gc.members) == 0 {
			t.Fatal("kind raw: no member")
		}
		return gc.members[0].Data
	}
	format := map[string]tar.Format{"ustar": tar.FormatUSTAR, "gnu": tar.FormatGNU, "pax": tar.FormatPAX}[gc.format]
	data := ovatest.OVA(format, gc.members...)
	for _, p := range gc.pokes {
		where, hx, _ := strings.Cut(p, " ")
		b, err := hex.DecodeString(strings.TrimSpace(hx))
		if err != nil {
			t.Fatalf("poke %q: %v", p, err)
		}
		off := gc.offset(t, data, where)
		if off+len(b) > len(data) {
			t.Fatalf("poke %q: past the end", p)
		}
		copy(data[off:], b)
	}
	for _, name := range gc.checksums {
		fixChecksum(data[gc.offset(t, data, name+"+0"):])
	}
	switch gc.wrap {
	case "":
	case "gzip":
		var buf bytes.Buffer
		zw := gzip.NewWriter(&buf)
		zw.Write(data)
		zw.Close()
		data = buf.Bytes()
	case "zip":
		var buf bytes.Buffer
		zw := zip.NewWriter(&buf)
		for _, m := range gc.members {
			w, err := zw.Create(m.Name)
			if err != nil {
				t.Fatal(err)
			}
			w.Write(m.Data)
		}
		zw.Close()
		data = buf.Bytes()
	default:
		t.Fatalf("wrap: unknown %q", gc.wrap)
	}
	switch {
	case gc.truncate > 0 && gc.truncate < len(data):
		data = data[:gc.truncate]
	case gc.truncate < 0 && -gc.truncate <= len(data):
		data = data[:len(data)+gc.truncate]
	}
	return append(data, gc.tail...)
}

// offset resolves [MEMBER+]OFFSET to a byte offset in the tar data.
func (gc *goldenCase) offset(t *testing.T, data []byte, where string) int {
	t.Helper()
	member, num, ok := strings.Cut(where, "+")
	if !ok {
		member, num = "", where
	}
	n, err := strconv.Atoi(num)
	if err != nil {
		t.Fatalf("offset %q: %v", where, err)
	}
	if member == "" {
		return n
	}
	for off := 0; off+512 <= len(data); {
		h := data[off : off+512]
		if bytes.Count(h, []byte{0}) == 512 {
			break
		}
		name := string(h[:bytes.IndexByte(append(h[:100:100], 0), 0)])
		if name == member {
			return off + n
		}
		size, _ := strconv.ParseInt(strings.Trim(string(h[124:136]), " \x00"), 8, 64)
		off += 512 + int(size+511)/512*512
	}
	t.Fatalf("offset %q: no tar header for %q", where, member)
	return 0
}

// fixChecksum recomputes the checksum of the tar header at the start of h.
func fixChecksum(h []byte) {
	copy(h[148:156], "        ")
	sum := 0
	for _, c := range h[:512] {
		sum += int(c)
	}
	copy(h[148:156], fmt.Sprintf("%06o\x00 ", sum))
}

// options are the engine options the extra directives ask for.
func (gc *goldenCase) options(data []byte) []Option {
	var out []Option
	if gc.deep {
		out = append(out, WithDeep(true))
	}
	if len(gc.targets) > 0 {
		out = append(out, WithTargets(gc.targets...))
	}
	out = append(out, gc.policyOpts...) // after WithTargets: it may add the required targets
	for _, e := range gc.expect {
		want := e[1]
		if want == "input" {
			sum := sha256.Sum256(data)
			want = hex.EncodeToString(sum[:])
		}
		out = append(out, WithExpectedDigest(e[0], want))
	}
	switch {
	case !gc.at.IsZero():
		out = append(out, WithTime(gc.at))
	case gc.sign != nil:
		out = append(out, WithTime(ovatest.CheckTime))
	}
	if gc.trust != "" {
		pool := x509.NewCertPool()
		if gc.trust == "root" && gc.ca != nil {
			pool.AddCert(gc.ca.Cert)
		} else {
			pool.AddCert(otherRoot().Cert)
		}
		out = append(out, WithTrustRoots(pool))
	}
	switch gc.pin {
	case "":
	case "signer":
		if gc.signer != nil {
			sum := sha256.Sum256(gc.signer.Raw)
			out = append(out, WithSignerPin(hex.EncodeToString(sum[:])))
		}
	case "other":
		sum := sha256.Sum256(otherRoot().Cert.Raw)
		out = append(out, WithSignerPin(hex.EncodeToString(sum[:])))
	default:
		out = append(out, WithSignerPin(gc.pin))
	}
	return out
}

// otherRoot is a self-signed CA that issued nothing in any case.
func otherRoot() *ovatest.Issued {
	return ovatest.NewCA().Issue(ovatest.CertOptions{CommonName: "unrelated root CA", KeyID: ovatest.RootKeyID + " other",
		SelfSigned: true, Intermediate: true})
}

// signCase signs the first .mf member with the digest named by sign's
// first word and puts a certificate file, named after the descriptor, right
// after it. Options (words after the algorithm):
//
//	key=rsa1024|rsa4096|ecdsa-p256|ed25519   the signer's key (default rsa2048)
//	selfsigned, breakself                     self-signed certificate; breakself also spoils its own signature
//	codesigning                               extendedKeyUsage codeSigning, keyUsage digitalSignature
//	cacert                                    keyUsage certSign only (a CA certificate)
//	eku=server                                extendedKeyUsage serverAuth
//	expired, notyet                           validity ends before, or starts after, ovatest.CheckTime
//	certsig=sha1                              the CA signs the certificate with SHA-1
//	signwith=other|rsa1024                    sign with another key than the certificate's
//	xen                                       sign the manifest's SHA-256 (XenCenter's double hash)
//	chain                                     add the CA certificate after the signer's
//	withkey                                   add the signer's private key
//	nocert                                    no certificate, only the signature line
//	noline                                    no signature line, only the certificate
//	wrap=N                                    wrap the signature's hex every N digits
//	pad                                       pad the file as ovftool 4 does
//	extra=MEMBER                              append MEMBER's body to the file (MEMBER leaves the package)
//	cert=NAME                                 the certificate file's name
func (gc *goldenCase) signCase(t *testing.T) {
	t.Helper()
	if gc.sign == nil {
		return
	}
	alg := gc.sign[0]
	opt := map[string]string{}
	for _, o := range gc.sign[1:] {
		k, v, _ := strings.Cut(o, "=")
		opt[k] = v
	}
	mi := slices.IndexFunc(gc.members, func(m ovatest.Member) bool { return path.Ext(m.Name) == ".mf" })
	if mi < 0 {
		t.Fatal("sign: no .mf member")
	}
	mf := gc.members[mi]
	ca := ovatest.NewCA()
	gc.ca = ca
	co := ovatest.CertOptions{CommonName: "ovatest signer", KeyType: opt["key"]}
	_, co.SelfSigned = opt["selfsigned"]
	if _, ok := opt["breakself"]; ok {
		co.SelfSigned = true
	}
	_, co.CodeSigning = opt["codesigning"]
	_, co.Intermediate = opt["cacert"]
	if opt["eku"] == "server" {
		co.ExtKeyUsage = []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth}
	}
	if _, ok := opt["expired"]; ok {
		co.NotAfter = ovatest.CheckTime.AddDate(-1, 0, 0)
	}
	if _, ok := opt["notyet"]; ok {
		co.NotBefore = ovatest.CheckTime.AddDate(1, 0, 0)
	}
	if opt["certsig"] == "sha1" {
		co.SigAlg = x509.SHA1WithRSA
	}

	var certPEM, keyPEM []byte
	var sig string
	if co.KeyType == "ed25519" {
		certPEM, sig, gc.signer = ed25519Signer(t, ca, mf.Data)
	} else {
		is := ca.Issue(co)
		certPEM, keyPEM, gc.signer = is.PEM, is.KeyPEM, is.Cert
		key := is.Key
		switch opt["signwith"] {
		case "":
		case "other":
			key = ca.Issue(ovatest.CertOptions{CommonName: "another signer"}).Key
		case "rsa1024":
			key = ca.Issue(ovatest.CertOptions{CommonName: "another signer", KeyType: "rsa1024"}).Key
		default:
			t.Fatalf("sign: signwith=%s", opt["signwith"])
		}
		signed := mf.Data
		if _, ok := opt["xen"]; ok {
			d := sha256.Sum256(mf.Data)
			signed = d[:]
		}
		sig = ovatest.Sign(signed, key, alg)
	}
	if _, ok := opt["breakself"]; ok {
		b, _ := pem.Decode(certPEM)
		der := bytes.Clone(b.Bytes)
		der[len(der)-1] ^= 0x01
		certPEM = pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der})
	}

	var certs [][]byte
	if _, ok := opt["nocert"]; !ok {
		certs = append(certs, certPEM)
	}
	if _, ok := opt["chain"]; ok {
		certs = append(certs, ca.PEM)
	}
	if _, ok := opt["withkey"]; ok {
		certs = append(certs, keyPEM)
	}
	_, pad := opt["pad"]
	body := ovatest.CertFile(path.Base(mf.Name), alg, sig, false, certs...)
	if n, _ := strconv.Atoi(opt["wrap"]); n > 0 {
		line, rest, _ := bytes.Cut(body, []byte("\n"))
		prefix := line[:len(line)-len(sig)]
		var b bytes.Buffer
		b.Write(prefix)
		for s := sig; s != ""; s = s[min(n, len(s)):] {
			b.WriteString(s[:min(n, len(s))] + "\n")
		}
		body = append(b.Bytes(), rest...)
	}
	if _, ok := opt["noline"]; ok {
		_, body, _ = bytes.Cut(body, []byte("\n"))
	}
	if name, ok := opt["extra"]; ok {
		i := slices.IndexFunc(gc.members, func(m ovatest.Member) bool { return m.Name == name })
		if i < 0 {
			t.Fatalf("sign: extra=%s names no member", name)
		}
		body = append(body, gc.members[i].Data...)
		gc.members = slices.Delete(gc.members, i, i+1)
		mi = slices.IndexFunc(gc.members, func(m ovatest.Member) bool { return m.Name == mf.Name })
	}
	if pad && len(body) < ovatest.CertSize {
		body = append(body, bytes.Repeat([]byte(" "), ovatest.CertSize-len(body))...)
	}
	name := opt["cert"]
	if name == "" {
		name = strings.TrimSuffix(mf.Name, ".mf") + ".cert"
	}
	gc.members = slices.Insert(gc.members, mi+1, ovatest.Member{Name: name, Data: body})
}

// ed25519Signer issues an Ed25519 certificate (a key type ovatest does not
// make) and signs data with it.
func ed25519Signer(t *testing.T, ca *ovatest.CA, data []byte) ([]byte, string, *x509.Certificate) {
	t.Helper()
	priv := ed25519.NewKeyFromSeed(bytes.Repeat([]byte{7}, ed25519.SeedSize))
	tmpl := &x509.Certificate{
		SerialNumber: big.NewInt(99),
		Subject:      pkix.Name{CommonName: "ovatest ed25519 signer"},
		NotBefore:    ovatest.ValidFrom,
		NotAfter:     ovatest.ValidUntil,
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, ca.Cert, priv.Public(), ca.Key)
	if err != nil {
		t.Fatal(err)
	}
	cert, _ := x509.ParseCertificate(der)
	return pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der}), hex.EncodeToString(ed25519.Sign(priv, data)), cert
}
