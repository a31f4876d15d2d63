package manifest

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/ovacheck/ovacheck/engine/internal/capped"
	"github.com/ovacheck/ovacheck/engine/internal/limits"
	"github.com/ovacheck/ovacheck/engine/report"
	"github.com/ovacheck/ovacheck/engine/rules"
)

// Parse reads the manifest data, the contents of the member named member.
// ovfVersion is the package's OVF version family ("0.9", "1.x", "2.x"; a
// full version such as "1.0" or "2.1" is read by its major number), or ""
// when unknown; it decides whether SHA-256 and SHA-512 are outside the
// package's grammar.
//
// Parse never fails: every line it cannot use is a finding, and the result
// always has a non-nil Manifest. Work and memory are linear in len(data);
// the caller caps len(data) (limits.MaxManifestSize).
func Parse(data []byte, member string, ovfVersion string) *Manifest {
	p := parser{m: &Manifest{Member: member}, version: versionFamily(ovfVersion)}
	p.lines(string(data))
	p.wholeFile(len(data))
	p.algorithms()
	p.duplicates()
	p.m.Findings = p.Findings()
	return p.m
}

// parser holds what Parse learns while it walks the lines.
type parser struct {
	m       *Manifest
	version string
	capped.PerRule

	crlfLines, crlfFirst, crlfCol int
	blankLines, blankFirst        int
	padding                       int // spaces ending the data after the last line end (ovftool 4.0)
	paddingLine                   int
	noFinalNewline                int // line number of an entry-bearing last line without LF
	badUTF8, badUTF8First         int
	lineCount                     int
}

// versionFamily reduces an OVF version to "0.9", "1.x", "2.x" or "".
func versionFamily(v string) string {
	switch {
	case v == "0.9" || strings.HasPrefix(v, "0."):
		return "0.9"
	case strings.HasPrefix(v, "1"):
		return "1.x"
	case strings.HasPrefix(v, "2"):
		return "2.x"
	}
	return ""
}

// lines walks the data line by line. A final piece without LF is a line too.
func (p *parser) lines(data string) {
	n := 0
	for len(data) > 0 {
		n++
		line, rest, hasLF := strings.Cut(data, "\n")
		data = rest
		crlf := false
		if strings.HasSuffix(line, "\r") {
			line = line[:len(line)-1]
			crlf = true
		}
		p.line(n, line, crlf, hasLF)
	}
	p.lineCount = n
}

// line judges one line; n is its 1-based number.
func (p *parser) line(n int, line string, crlf, hasLF bool) {
	if crlf {
		p.crlfLines++
		if p.crlfFirst == 0 {
			p.crlfFirst, p.crlfCol = n, len(line)+1
		}
	}
	if !utf8.ValidString(line) {
		p.badUTF8++
		if p.badUTF8First == 0 {
			p.badUTF8First = n
		}
	}
	if strings.TrimLeft(line, " \t") == "" {
		if !hasLF && !crlf && len(line) > 0 {
			p.padding, p.paddingLine = len(line), n
			return
		}
		p.blankLines++
		if p.blankFirst == 0 {
			p.blankFirst = n
		}
		return
	}
	if !hasLF {
		p.noFinalNewline = n
	}
	loc := report.At(p.m.Member, n, 1)
	if len(line) > limits.MaxManifestLine {
		p.Build(rules.MfNotDigestLine, func() report.Finding {
			return rules.MfNotDigestLine.New(loc, "line %d is %d bytes long, too long to be a digest entry: %s",
				n, len(line), quote(line)).
				WithHint("A manifest line is ALG(file name)= hex digest. Remove the line, or regenerate the manifest.")
		})
		return
	}
	s := splitEntry(line)
	if s.problem != "" {
		p.Build(rules.MfNotDigestLine, func() report.Finding {
			return rules.MfNotDigestLine.New(loc, "%s is not a digest entry: %s", quote(line), s.problem).
				WithHint("Each line must read ALG(file name)= hex digest, e.g. SHA256(disk1.vmdk)= followed by the " +
					"64-digit digest; vSphere refuses a manifest with any other line, COT reports it invalid and " +
					"virt-v2v skips it. Remove the line or rewrite it in that form.")
		})
		return
	}
	alg, kind := classifyToken(s.token)
	if kind == tokenNotAccepted {
		p.algorithmNotAccepted(n, line, s, alg)
		return
	}
	if kind == tokenSpelling {
		s.quirks |= QuirkSpelling
	}
	if crlf {
		s.quirks |= QuirkCRLF
	}
	bad, upper := hexProblem(s.digest)
	if bad == "" && len(s.digest) != hexLen[alg] {
		bad = fmt.Sprintf("it has %d hex digits where %s has %d", len(s.digest), displayName[alg], hexLen[alg])
	}
	if bad != "" {
		p.digestMalformed(n, line, s, alg, bad)
		return
	}
	if upper {
		s.quirks |= QuirkUpperHex
	}
	e := Entry{Algorithm: alg, Token: s.token, File: s.name, Digest: strings.ToLower(s.digest),
		Line: n, Raw: line, Quirks: s.quirks}
	p.m.Entries = append(p.m.Entries, e)
	p.dialect(e, s)
}

// printable returns a file name fit for a message: as written when it is
// valid UTF-8 without control characters, Go-quoted otherwise.
func printable(name string) string {
	if !utf8.ValidString(name) || strings.IndexFunc(name, unicode.IsControl) >= 0 {
		return fmt.Sprintf("%q", name)
	}
	return name
}

// quote renders a manifest line for a message: cut to limits.MaxQuotedLine
// bytes and Go-quoted, so control characters and invalid UTF-8 show as
// escapes.
func quote(s string) string {
	if len(s) > limits.MaxQuotedLine {
		s = s[:limits.MaxQuotedLine] + "…"
	}
	return fmt.Sprintf("%q", s)
}
