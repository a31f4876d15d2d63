package manifest

import "strings"

// splitLine is one manifest line taken apart: "ALG(name)= digest" with the
// places where it departs from that form. Columns are 1-based byte columns.
type splitLine struct {
	token    string // algorithm as written, without surrounding blanks
	tokenCol int
	name     string // between "(" and the last ")" that is followed by "="
	digest   string // after "=" and its blanks, without trailing blanks
	digestCol,
	equalsCol int
	quirks      Quirk
	spacedCol   int // first blank where DSP0243 allows none (QuirkSpaced)
	trailingCol int // first blank after the digest (QuirkTrailingBlanks)
	// problem says why the line is not a digest entry; "" when it is one.
	problem string
}

// isBlank reports whether c is a space or a tab, the blanks DSP0243 Annex A
// mentions and every reader skips.
func isBlank(c byte) bool { return c == ' ' || c == '\t' }

// splitEntry takes apart one line (without its line end). It does not judge
// the algorithm or the digest; it finds where they are.
//
// The file name ends at the LAST ")" followed by optional blanks and "=",
// as VirtualBox and govmomi read it, so names containing parentheses, blanks
// or even ")=" come out whole.
func splitEntry(s string) splitLine {
	var p splitLine
	t := strings.TrimRight(s, " \t")
	if len(t) < len(s) {
		p.quirks |= QuirkTrailingBlanks
		p.trailingCol = len(t) + 1
	}
	lead := len(t) - len(strings.TrimLeft(t, " \t"))
	if lead > 0 {
		p.spaced(1)
	}
	open := strings.IndexByte(t, '(')
	if open < 0 {
		p.problem = `it has no "(" after an algorithm name`
		return p
	}
	token := t[lead:open]
	p.token = strings.TrimRight(token, " \t")
	p.tokenCol = lead + 1
	if len(p.token) < len(token) {
		p.spaced(lead + len(p.token) + 1)
	}
	if p.token == "" {
		p.problem = `it has no algorithm name before "("`
		return p
	}
	if !isToken(p.token) {
		p.problem = `what precedes "(" is not an algorithm name`
		return p
	}
	closing, eq := lastCloseEquals(t, open+1)
	if closing < 0 {
		p.problem = `it has no ")=" after the file name`
		return p
	}
	p.name = t[open+1 : closing]
	if p.name == "" {
		p.problem = "the file name between the parentheses is empty"
		return p
	}
	if eq > closing+1 {
		p.spaced(closing + 2)
	}
	p.equalsCol = eq + 1
	rest := t[eq+1:]
	n := len(rest) - len(strings.TrimLeft(rest, " \t"))
	switch {
	case n == 0:
		p.quirks |= QuirkNoSpace
	case n > 1 || rest[0] != ' ':
		p.spaced(eq + 2)
	}
	p.digest = rest[n:]
	p.digestCol = eq + 1 + n + 1
	if p.digest == "" {
		p.problem = `it has no digest after "="`
	}
	return p
}

// spaced records a blank where the standard form has none, keeping the
// first column.
func (p *splitLine) spaced(col int) {
	if p.quirks&QuirkSpaced == 0 {
		p.spacedCol = col
	}
	p.quirks |= QuirkSpaced
}

// lastCloseEquals finds the last ")" at or after from that is followed by
// optional blanks and "=", returning the indexes of the ")" and the "=", or
// -1, -1. Each blank is looked at once per ")" right before its run, so the
// scan is linear in the line length.
func lastCloseEquals(t string, from int) (closing, eq int) {
	for i := len(t) - 1; i >= from; i-- {
		if t[i] != ')' {
			continue
		}
		j := i + 1
		for j < len(t) && isBlank(t[j]) {
			j++
		}
		if j < len(t) && t[j] == '=' {
			return i, j
		}
	}
	return -1, -1
}

// isToken reports whether s looks like an algorithm name (letters, digits,
// "-", "_" and "/", as in SHA-512/256), as opposed to arbitrary text.
func isToken(s string) bool {
	if len(s) > 32 {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !('A' <= c && c <= 'Z' || 'a' <= c && c <= 'z' || '0' <= c && c <= '9' || c == '-' || c == '_' || c == '/') {
			return false
		}
	}
	return true
}

// tokenKind classifies an algorithm name as written.
type tokenKind int

const (
	tokenStandard    tokenKind = iota // SHA1, SHA256, SHA512 exactly
	tokenSpelling                     // one of those, spelled otherwise
	tokenNotAccepted                  // any other algorithm
)

// tokenFolder drops the separators some tools put in algorithm names.
var tokenFolder = strings.NewReplacer("-", "", "_", "")

// classifyToken maps an algorithm name as written to its canonical name and
// kind. OpenSSL 3 writes SHA2-256, Oracle OLVM SHA-256, hand-written
// manifests sha256: each is one of the three accepted algorithms under a
// name DSP0243 does not use.
func classifyToken(token string) (canonical string, kind tokenKind) {
	u := tokenFolder.Replace(strings.ToUpper(token))
	switch u {
	case "SHA1":
		canonical = "SHA1"
	case "SHA256", "SHA2256":
		canonical = "SHA256"
	case "SHA512", "SHA2512":
		canonical = "SHA512"
	default:
		return u, tokenNotAccepted
	}
	if token == canonical {
		return canonical, tokenStandard
	}
	return canonical, tokenSpelling
}

// hexProblem returns "" if s is hexadecimal, or a description of the first
// character that is not, and whether s has upper-case hex digits.
func hexProblem(s string) (problem string, upper bool) {
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case '0' <= c && c <= '9', 'a' <= c && c <= 'f':
		case 'A' <= c && c <= 'F':
			upper = true
		default:
			return "it is not hexadecimal", upper
		}
	}
	return "", upper
}

// standardLine writes an entry in the DSP0243 form.
func standardLine(alg, name, hex string) string {
	return alg + "(" + printable(name) + ")= " + hex
}
