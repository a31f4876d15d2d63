package signature

import (
	"bytes"
	"encoding/hex"

	"github.com/ovacheck/ovacheck/engine/internal/limits"
	"github.com/ovacheck/ovacheck/engine/rules"
)

// sigLine is a signature line taken apart: ALG(name)= hex.
type sigLine struct {
	token      string
	tokenCol   int
	name       string
	hex        []byte
	hexCol     int
	deviations []deviation // departures from the grammar that readers tolerate
	errCol     int         // where the line stops making sense, when it does
	errMsg     string
}

// byteOrderMark is what Windows editors put at the start of a UTF-8 file.
var byteOrderMark = []byte("\uFEFF")

// deviation is one departure from the grammar, at a 1-based column.
type deviation struct {
	col int
	msg string
}

func (s *sigLine) deviate(col int, msg string) {
	s.deviations = append(s.deviations, deviation{col, msg})
}

func (s sigLine) fail(col int, msg string) (sigLine, bool) {
	s.errCol, s.errMsg = col, msg
	return s, false
}

// parseSignatureLine takes apart one line of the form ALG(name)= hex,
// tolerating blanks where producers put them. The name runs to the last ')'
// that is followed by '=', so names with parentheses are read whole.
func parseSignatureLine(text []byte) (sigLine, bool) {
	var s sigLine
	i := 0
	if bytes.HasPrefix(text, byteOrderMark) {
		s.deviate(1, "a UTF-8 byte order mark")
		i = len(byteOrderMark)
	}
	blanks := i
	for i < len(text) && (text[i] == ' ' || text[i] == '\t') {
		i++
	}
	if i > blanks {
		s.deviate(blanks+1, "blanks before the algorithm name")
	}
	start := i
	for i < len(text) && isTokenByte(text[i]) {
		i++
	}
	if i == start {
		return s.fail(i+1, "expected an algorithm name such as SHA256")
	}
	s.token, s.tokenCol = string(text[start:i]), start+1
	j := i
	for j < len(text) && text[j] == ' ' {
		j++
	}
	if j >= len(text) || text[j] != '(' {
		return s.fail(j+1, "expected '(' after the algorithm name")
	}
	if j > i {
		s.deviate(i+1, "a space between the algorithm name and '('")
	}
	open := j
	closing, eq := -1, -1
	for k := len(text) - 1; k > open && closing < 0; k-- {
		if text[k] != ')' {
			continue
		}
		m := k + 1
		for m < len(text) && text[m] == ' ' {
			m++
		}
		if m < len(text) && text[m] == '=' {
			closing, eq = k, m
		}
	}
	if closing < 0 {
		return s.fail(open+2, "expected the manifest's name followed by ')= '")
	}
	s.name = string(text[open+1 : closing])
	if s.name == "" {
		return s.fail(open+2, "the parentheses name no file")
	}
	if eq > closing+1 {
		s.deviate(closing+2, "a space between ')' and '='")
	}
	h := eq + 1
	for h < len(text) && (text[h] == ' ' || text[h] == '\t') {
		h++
	}
	rest := text[h:]
	hexPart := bytes.TrimRight(rest, " \t")
	switch blanks := h - eq - 1; {
	case blanks == 0 && len(hexPart) > 0:
		s.deviate(eq+2, "no space after '='")
	case blanks > 1 && len(hexPart) > 0:
		s.deviate(eq+2, "more than one blank after '='")
	}
	if len(hexPart) < len(rest) {
		s.deviate(h+len(hexPart)+1, "blanks after the signature")
	}
	s.hex, s.hexCol = hexPart, h+1
	return s, true
}

func isTokenByte(c byte) bool {
	return 'A' <= c && c <= 'Z' || 'a' <= c && c <= 'z' || '0' <= c && c <= '9' || c == '-' || c == '_'
}

// readSignatureLine takes the signature line from l.
func (p *parser) readSignatureLine(l textLine) {
	p.sawSignatureLine = true
	p.sigLineNum = l.num
	s, ok := parseSignatureLine(l.text)
	if !ok {
		p.add(rules.SigLineMissing.New(p.at(l.num, s.errCol), "the signature line cannot be read: %s, in %s", s.errMsg, quote(l.text)).
			WithHint("The first line must read ALG(<name>.mf)= <hex signature>, e.g. SHA256(appliance.mf)= 3f9a…"))
		return
	}
	f := p.f
	f.Token, f.Manifest, f.Line, f.Column = s.token, s.name, l.num, s.hexCol
	if canon, known := canonicalAlgorithm(s.token); !known {
		p.add(rules.SigAlgorithmUnsupported.New(p.at(l.num, s.tokenCol),
			"the signature line names the digest %s, which no consumer checks; the signature cannot be verified", quote([]byte(s.token))).
			WithHint("Sign the manifest with SHA256 (openssl dgst -sha256 -sign key.pem) and write SHA256(<name>.mf)= <hex>."))
	} else {
		f.Algorithm, f.Hash = canon, algorithms[canon]
		if s.token != canon {
			p.add(rules.SigLineForm.New(p.at(l.num, s.tokenCol),
				"the algorithm is written %s; consumers look for %s", quote([]byte(s.token)), canon).
				WithHint("Write the algorithm as " + canon + ". OpenSSL 3 prints SHA2-256 style names; do not copy them into the certificate file."))
		}
		if canon == "MD5" {
			p.add(rules.SigWeakDigest.New(p.at(l.num, s.tokenCol),
				"the manifest is signed over an MD5 digest, which can be forged").
				WithHint("Sign the manifest again with SHA256."))
		}
	}
	for _, d := range s.deviations {
		p.add(rules.SigLineForm.New(p.at(l.num, d.col), "%s in the signature line", d.msg).
			WithHint("Write the line exactly as ALG(<name>.mf)= <hex>, with one space after '='."))
	}
	if col := firstNonHex(s.hex); col > 0 {
		p.add(rules.SigNotHex.New(p.at(l.num, s.hexCol+col-1), "the signature holds %s, which is not a hexadecimal digit",
			quote(s.hex[col-1:col])).
			WithHint("The signature is the hex of the raw signature bytes (openssl dgst -sign ... | xxd -p -c 0)."))
		return
	}
	p.sigOK = true
	p.hex = append(p.hex, s.hex...)
	p.wrapping = true
}

// continueSignature appends a line of hex that continues a wrapped
// signature.
func (p *parser) continueSignature(l textLine) {
	p.wrapLines++
	if p.wrapLines == 1 {
		p.add(rules.SigWrapped.New(p.at(l.num, firstNonBlank(l.text)),
			"the signature continues on line %d; the grammar keeps it on the signature line, and consumers that read one line see a truncated signature", l.num).
			WithHint("Join the signature's hex into one line."))
	}
	if p.wrapLines > limits.MaxSignatureLines {
		p.wrapping = false
		p.sigOK = false
		p.add(rules.SigNotHex.New(p.at(l.num, 1), "the signature runs over more than %d lines; it is not read", limits.MaxSignatureLines))
		return
	}
	p.hex = append(p.hex, bytes.TrimSpace(l.text)...)
}

// decodeSignature turns the collected hex into bytes.
func (p *parser) decodeSignature() {
	f := p.f
	loc := p.at(f.Line, f.Column)
	switch {
	case len(p.hex) == 0:
		p.add(rules.SigNotHex.New(loc, "the signature line holds no signature").
			WithHint("Sign the manifest and write the hex of the signature after '= '."))
	case len(p.hex)%2 == 1:
		p.add(rules.SigNotHex.New(loc, "the signature has an odd number of hex digits (%d); a digit is missing or extra", len(p.hex)).
			WithHint("The signature was damaged when the file was written or copied; sign the manifest again."))
	case len(p.hex)/2 > limits.MaxSignatureBytes:
		p.add(rules.SigNotHex.New(loc, "the signature is %d bytes long; no key in use makes signatures over %d bytes", len(p.hex)/2, limits.MaxSignatureBytes))
	default:
		sig := make([]byte, len(p.hex)/2)
		if _, err := hex.Decode(sig, p.hex); err == nil {
			f.Signature = sig
		}
	}
}

// firstNonHex returns the 1-based position of the first byte of b that is
// not a hex digit, or 0.
func firstNonHex(b []byte) int {
	for i, c := range b {
		if !isHexDigit(c) {
			return i + 1
		}
	}
	return 0
}
