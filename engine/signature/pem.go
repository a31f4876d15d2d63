package signature

import (
	"bytes"
	"crypto/x509"
	"encoding/asn1"
	"encoding/base64"
	"errors"
	"strings"

	"github.com/ovacheck/ovacheck/engine/internal/limits"
	"github.com/ovacheck/ovacheck/engine/rules"
)

// readBlock reads the PEM block whose BEGIN line is begin, the line last
// read, and leaves the cursor after the last line it consumed.
func (p *parser) readBlock(begin textLine) {
	p.sawBlock = true
	label, ok := pemLabel(bytes.TrimSpace(begin.text), "-----BEGIN ")
	if !ok {
		p.add(rules.SigCorruptCertificate.New(p.at(begin.num, firstNonBlank(begin.text)),
			"malformed PEM BEGIN line %s", quote(begin.text)).
			WithHint("A certificate starts with the line -----BEGIN CERTIFICATE-----."))
		return
	}
	// The body is the bytes between the BEGIN and END lines, walked again
	// when decoded rather than kept line by line.
	body := lineCursor{data: p.text.data, pos: p.text.pos, num: begin.num}
	var end textLine
	for {
		before := p.text
		l, ok := p.text.next()
		if !ok {
			p.unterminated(label, begin)
			return
		}
		t := bytes.TrimSpace(l.text)
		if bytes.HasPrefix(t, []byte("-----END ")) {
			end = l
			break
		}
		if bytes.HasPrefix(t, []byte("-----BEGIN ")) {
			p.unterminated(label, begin)
			p.text = before // the next block starts here
			return
		}
	}
	body.data = body.data[:end.start]
	if endLabel, ok := pemLabel(bytes.TrimSpace(end.text), "-----END "); !ok || endLabel != label {
		p.add(rules.SigCorruptCertificate.New(p.at(end.num, firstNonBlank(end.text)),
			"the PEM block begun on line %d as %s ends with %s", begin.num, quote([]byte(label)), quote(end.text)).
			WithHint("Copy the certificate again from its source; its BEGIN and END lines must name the same type."))
		return
	}
	if der, ok := p.decodeBody(body, label, begin.num, end.num); ok {
		p.useBlock(label, der, begin.num)
	}
}

func (p *parser) unterminated(label string, begin textLine) {
	p.add(rules.SigCorruptCertificate.New(p.at(begin.num, firstNonBlank(begin.text)),
		"the %s block begun on line %d has no END line; the file is truncated or two blocks were merged", label, begin.num).
		WithHint("Copy the certificate again from its source, from -----BEGIN to -----END."))
}

// pemLabel returns the type of a BEGIN or END line: the text between prefix
// and the closing five dashes.
func pemLabel(t []byte, prefix string) (string, bool) {
	if len(t) < len(prefix)+5 || !bytes.HasPrefix(t, []byte(prefix)) || !bytes.HasSuffix(t, []byte("-----")) {
		return "", false
	}
	label := t[len(prefix) : len(t)-5]
	if len(label) == 0 {
		return "", false
	}
	return string(label), true
}

// decodeBody decodes the base64 of the lines body holds, between a BEGIN
// and an END line, reporting the line and column of the first character
// that is not base64. It holds the base64 and the bytes it stands for, and
// nothing per line.
func (p *parser) decodeBody(body lineCursor, label string, beginLine, endLine int) ([]byte, bool) {
	var b64 []byte
	for lines := body; ; {
		l, ok := lines.next()
		if !ok {
			break
		}
		for k, c := range l.text {
			if c == ' ' || c == '\t' {
				continue
			}
			if !isBase64(c) {
				p.add(rules.SigCorruptCertificate.New(p.at(l.num, k+1),
					"the %s block begun on line %d holds %s, which is not a base64 character", label, beginLine, quote(l.text[k:k+1])).
					WithHint("The certificate was damaged in editing or transfer; copy it again from its source."))
				return nil, false
			}
			b64 = append(b64, c)
		}
	}
	if len(b64) == 0 {
		p.add(rules.SigCorruptCertificate.New(p.at(beginLine, 1), "the %s block begun on line %d is empty", label, beginLine))
		return nil, false
	}
	der := make([]byte, base64.StdEncoding.DecodedLen(len(b64)))
	n, err := base64.StdEncoding.Decode(der, b64)
	if err != nil {
		line, col := endLine, 1
		var corrupt base64.CorruptInputError
		if errors.As(err, &corrupt) {
			line, col = base64Position(body, int(corrupt))
		}
		p.add(rules.SigCorruptCertificate.New(p.at(line, col),
			"the base64 of the %s block begun on line %d is damaged (characters missing or extra)", label, beginLine).
			WithHint("The certificate was truncated or edited; copy it again from its source."))
		return nil, false
	}
	return der[:n], true
}

// base64Position returns the line and column of base64 character k (blanks
// not counted) of the lines body holds: the last line whose characters
// start at or before k, the column counted from its first non-blank.
func base64Position(body lineCursor, k int) (line, col int) {
	seen := 0 // base64 characters before the line
	for {
		l, ok := body.next()
		if !ok {
			return line, col
		}
		if seen <= k {
			line, col = l.num, k-seen+firstNonBlank(l.text)
		}
		for _, c := range l.text {
			if c != ' ' && c != '\t' {
				seen++
			}
		}
	}
}

func isBase64(c byte) bool {
	return 'A' <= c && c <= 'Z' || 'a' <= c && c <= 'z' || '0' <= c && c <= '9' || c == '+' || c == '/' || c == '='
}

// useBlock files a decoded PEM block by its type.
func (p *parser) useBlock(label string, der []byte, line int) {
	switch {
	case label == "CERTIFICATE" || label == "X509 CERTIFICATE" || label == "TRUSTED CERTIFICATE":
		p.addCertificate(der, line)
	case label == "CMS" || label == "PKCS7" || label == "PKCS #7 SIGNED DATA":
		if p.f.PKCS7 != nil {
			p.add(rules.SigUnexpectedContent.New(p.at(line, 1),
				"a second %s block; only the one on line %d is noted", label, p.f.PKCS7Line))
			return
		}
		p.f.PKCS7, p.f.PKCS7Line = der, line
	case strings.Contains(label, "PRIVATE KEY"):
		p.add(rules.SigPrivateKey.New(p.at(line, 1),
			"the certificate file holds a private key (%s block on line %d): anyone who has the package can sign as its publisher", label, line).
			WithHint("Remove the key from the file, revoke the certificate, and sign again with a new key. The certificate file holds only the signature and certificates."))
	default:
		p.add(rules.SigUnexpectedContent.New(p.at(line, 1),
			"a %s block on line %d; no consumer reads it from a certificate file", label, line).
			WithHint("Keep only CERTIFICATE blocks in the certificate file."))
	}
}

// addCertificate parses one DER certificate and keeps it.
func (p *parser) addCertificate(der []byte, line int) {
	if len(p.f.Certificates) >= limits.MaxCertificatesPerFile {
		p.add(rules.SigUnexpectedContent.New(p.at(line, 1),
			"more than %d certificates; the one on line %d and any after it are ignored", limits.MaxCertificatesPerFile, line))
		return
	}
	cert, err := x509.ParseCertificate(der)
	if err != nil {
		p.add(rules.SigCorruptCertificate.New(p.at(line, 1),
			"the certificate on line %d is not a valid X.509 certificate: %v", line, err).
			WithHint("The certificate was damaged, or the block holds something else; copy the signer's certificate again from its source."))
		return
	}
	p.f.Certificates = append(p.f.Certificates, cert)
	p.f.CertificateLines = append(p.f.CertificateLines, line)
}

// readBinary handles a line with binary data at column col: either DER
// certificates written without PEM armour, which are kept (with an error,
// since the grammar and VirtualBox need PEM), or damage. Nothing after it is
// read as text.
func (p *parser) readBinary(l textLine, col int) {
	rest := p.data[l.start:]
	found := 0
	for len(rest) > 0 && rest[0] == 0x30 && len(p.f.Certificates) < limits.MaxCertificatesPerFile {
		var raw asn1.RawValue
		next, err := asn1.Unmarshal(rest, &raw)
		if err != nil {
			break
		}
		cert, err := x509.ParseCertificate(raw.FullBytes)
		if err != nil {
			break
		}
		p.f.Certificates = append(p.f.Certificates, cert)
		p.f.CertificateLines = append(p.f.CertificateLines, l.num)
		found++
		rest = next
	}
	if found > 0 {
		p.add(rules.SigCorruptCertificate.New(p.at(l.num, 1),
			"the certificate on line %d is binary DER, not PEM; the grammar and VirtualBox read PEM only", l.num).
			WithHint("Convert it with openssl x509 -inform der -outform pem and put the PEM text in the file."))
		return
	}
	p.add(rules.SigCorruptCertificate.New(p.at(l.num, col),
		"binary data on line %d at column %d where text (the signature line or a PEM certificate) was expected", l.num, col).
		WithHint("The certificate file was damaged or is not a certificate file; make it again with the signing tool."))
}
