package signature

import (
	"bytes"
	"strconv"
	"unicode/utf8"

	"github.com/ovacheck/ovacheck/engine/internal/capped"
	"github.com/ovacheck/ovacheck/engine/internal/limits"
	"github.com/ovacheck/ovacheck/engine/report"
	"github.com/ovacheck/ovacheck/engine/rules"
)

// textLine is one line of the certificate file.
type textLine struct {
	num   int    // 1-based line number
	start int    // byte offset of the line in the file
	text  []byte // the line without its LF and without a CR before it
	crlf  bool
}

// Parse reads a certificate file: a signature line naming the manifest and
// holding a hex signature, then one or more PEM certificates, the first of
// which is the signer. It also reads what producers write beyond the DSP0243
// grammar: trailing padding with spaces, CRLF line ends, a signature wrapped
// over several lines, OpenSSL 3 algorithm names, extra certificates (kept as
// intermediates) and a PKCS#7/CMS block. member names the file in findings.
//
// Parse always returns a File, possibly with missing parts; every malformed
// piece is a finding located at its line and column.
func Parse(data []byte, member string) (*File, []report.Finding) {
	p := &parser{f: &File{Member: member}, found: capped.PerRule{Member: member}}
	if len(data) > limits.MaxCertificateSize {
		p.add(rules.PkgDescriptorTooLarge.New(report.InMember(member),
			"the certificate file is %d bytes; ovacheck reads at most %d", len(data), limits.MaxCertificateSize).
			WithHint("A certificate file holds one signature line and a few PEM certificates; this one is not such a file."))
		return p.f, p.found.Findings()
	}
	end := len(bytes.TrimRight(data, " \t\r\n"))
	p.f.Padding = len(data) - end
	p.data = data
	p.text = lineCursor{data: data[:end]}
	p.run()
	p.finish()
	return p.f, p.found.Findings()
}

// parser holds the state of one Parse.
type parser struct {
	f     *File
	data  []byte
	text  lineCursor     // the lines before the padding, read once in order
	found capped.PerRule // limits.MaxFindingsPerRule of each rule

	sawSignatureLine bool // a signature line (or an attempt at one) was read
	sawBlock         bool // a PEM block was read
	wrapping         bool // lines of hex may still continue the signature
	hex              []byte
	wrapLines        int // lines that continued the signature
	sigLineNum       int // the line read as the signature line
	sawCRLF          bool
	sigOK            bool // the signature line's hex was well-formed so far
}

// add records a finding, keeping at most limits.MaxFindingsPerRule of each
// rule so that a hostile file cannot make a report of unbounded size.
func (p *parser) add(f report.Finding) { p.found.Add(f) }

// full counts one more finding of rule and reports whether the cap on the
// rule is reached already, so that a finding repeated on every line of a
// hostile file is not even built past the cap.
func (p *parser) full(rule *rules.Rule) bool { return p.found.Full(rule) }

func (p *parser) at(line, col int) report.Location { return report.At(p.f.Member, line, col) }

// lineCursor walks data line by line, in place: a file of a million blank
// lines costs no more memory than its bytes. Lines end at LF; a CR before
// the LF is noted and removed.
type lineCursor struct {
	data []byte
	pos  int // offset of the next line
	num  int // number of the last line returned
}

// next returns the next line, or false at the end of data.
func (c *lineCursor) next() (textLine, bool) {
	if c.pos >= len(c.data) {
		return textLine{}, false
	}
	start := c.pos
	text := c.data[start:]
	c.pos = len(c.data)
	if i := bytes.IndexByte(text, '\n'); i >= 0 {
		text, c.pos = text[:i], start+i+1
	}
	crlf := false
	if n := len(text); n > 0 && text[n-1] == '\r' {
		text, crlf = text[:n-1], true
	}
	c.num++
	return textLine{num: c.num, start: start, text: text, crlf: crlf}, true
}

// lineCount returns how many lines data holds.
func (c *lineCursor) lineCount() int {
	if len(c.data) == 0 {
		return 0
	}
	n := bytes.Count(c.data, []byte("\n"))
	if c.data[len(c.data)-1] != '\n' {
		n++
	}
	return n
}

// run walks the lines once.
func (p *parser) run() {
	for {
		l, ok := p.text.next()
		if !ok {
			return
		}
		if l.crlf && !p.sawCRLF {
			p.sawCRLF = true
			p.add(rules.SigLineForm.New(p.at(l.num, len(l.text)+1),
				"lines end in CR LF; the grammar ends every line with LF alone").
				WithHint("Write the certificate file with LF line ends."))
		}
		if col := binaryColumn(l.text); col > 0 {
			p.readBinary(l, col)
			return
		}
		trimmed := bytes.TrimSpace(l.text)
		switch {
		case len(trimmed) == 0:
			continue
		case bytes.HasPrefix(trimmed, []byte("-----BEGIN ")):
			p.wrapping = false
			p.readBlock(l)
		case p.wrapping && isHex(trimmed):
			p.continueSignature(l)
		case !p.sawSignatureLine && !p.sawBlock:
			p.readSignatureLine(l)
		case !p.sawSignatureLine && isSignatureLine(l.text):
			p.add(rules.SigLineForm.New(p.at(l.num, firstNonBlank(l.text)),
				"the signature line comes after a PEM block; the grammar puts it first").
				WithHint("Move the signature line to the top of the file."))
			p.readSignatureLine(l)
		default:
			p.wrapping = false
			p.unexpected(l)
		}
	}
}

// unexpected reports a line that is neither a signature line nor part of a
// PEM block.
func (p *parser) unexpected(l textLine) {
	if p.full(rules.SigUnexpectedContent) {
		return
	}
	col := firstNonBlank(l.text)
	if isSignatureLine(l.text) {
		p.add(rules.SigUnexpectedContent.New(p.at(l.num, col),
			"a second signature line; only the first, on line %d, is read", p.sigLineNum).
			WithHint("Keep one signature line, at the top of the file."))
		return
	}
	p.add(rules.SigUnexpectedContent.New(p.at(l.num, col), "line %d is neither the signature line nor part of a PEM block: %s",
		l.num, quote(l.text)).
		WithHint("A certificate file holds the signature line and PEM certificates only; remove the line."))
}

func isSignatureLine(text []byte) bool {
	_, ok := parseSignatureLine(text)
	return ok
}

// finish reports what the whole file lacks.
func (p *parser) finish() {
	f := p.f
	if p.sawSignatureLine && p.sigOK {
		p.decodeSignature()
	}
	if !p.sawSignatureLine {
		p.add(rules.SigLineMissing.New(p.at(1, 1),
			"the certificate file has no signature line; it must start with ALG(<name>.mf)= <hex signature>").
			WithHint("Sign the manifest again with the tool that made the package; the first line carries the signature."))
	}
	if len(f.Certificates) == 0 {
		p.add(rules.SigNoCertificate.New(p.at(max(1, p.text.lineCount()), 1),
			"the certificate file holds no usable certificate, so the signature cannot be checked").
			WithHint("Append the signer's certificate as a PEM block (-----BEGIN CERTIFICATE-----) after the signature line."))
	}
	if len(f.Certificates) > 1 {
		p.add(rules.SigExtraCertificates.New(p.at(f.certLine(1), 1),
			"%s the signer's; this is outside the DSP0243 1.0 grammar, which allows one, and ovacheck uses them only as untrusted intermediates",
			plural(len(f.Certificates)-1, "certificate follows", "certificates follow")).
			WithHint("Consumers such as VirtualBox ignore the extra certificates; give users the intermediates with the trust roots instead, or keep them if your consumers build chains from them."))
	}
}

// plural returns "n one" or "n many".
func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return strconv.Itoa(n) + " " + many
}

// binaryColumn returns the 1-based column of the first byte in text that
// cannot be part of a text line (a control byte other than tab, DEL, or a
// byte that is not valid UTF-8), or 0 when there is none. DER certificates
// and other binary data show up this way.
func binaryColumn(text []byte) int {
	for i := 0; i < len(text); {
		c := text[i]
		if c < utf8.RuneSelf {
			if (c < 0x20 && c != '\t') || c == 0x7f {
				return i + 1
			}
			i++
			continue
		}
		r, size := utf8.DecodeRune(text[i:])
		if r == utf8.RuneError && size <= 1 {
			return i + 1
		}
		i += size
	}
	return 0
}

func firstNonBlank(text []byte) int {
	for i, c := range text {
		if c != ' ' && c != '\t' {
			return i + 1
		}
	}
	return 1
}

func isHex(b []byte) bool {
	for _, c := range b {
		if !isHexDigit(c) {
			return false
		}
	}
	return len(b) > 0
}

func isHexDigit(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F'
}

// quote returns text for a message, shortened to limits.MaxQuotedLine bytes.
func quote(text []byte) string {
	if len(text) > limits.MaxQuotedLine {
		return strconv.Quote(string(text[:limits.MaxQuotedLine])) + "…"
	}
	return strconv.Quote(string(text))
}
