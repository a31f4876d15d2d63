package report

import (
	"fmt"
	"io"
	"strings"
)

// TextOptions configures WriteText.
type TextOptions struct {
	// Color uses ANSI colours for severities and the verdict.
	Color bool
}

const (
	ansiReset  = "\x1b[0m"
	ansiBold   = "\x1b[1m"
	ansiRed    = "\x1b[31m"
	ansiYellow = "\x1b[33m"
	ansiGreen  = "\x1b[32m"
	ansiDim    = "\x1b[2m"
)

// WriteText writes r for a terminal: the verdict, the findings grouped by
// severity with their locations and hints, and the file table. Text from
// the package is written with control characters escaped, so a hostile
// member name cannot drive the terminal.
func WriteText(w io.Writer, r *Report, o TextOptions) error {
	p := &textPrinter{w: w, color: o.Color}
	p.verdict(r)
	for _, sev := range []Severity{Error, Warning, Info} {
		p.findings(r, sev)
	}
	p.signature(r.Signature)
	p.files(r)
	p.targets(r.Targets)
	return p.err
}

type textPrinter struct {
	w     io.Writer
	color bool
	err   error
}

func (p *textPrinter) printf(format string, args ...any) {
	if p.err == nil {
		_, p.err = fmt.Fprintf(p.w, format, args...)
	}
}

func (p *textPrinter) paint(code, s string) string {
	if !p.color {
		return s
	}
	return code + s + ansiReset
}

func (p *textPrinter) verdict(r *Report) {
	counts := map[Severity]int{}
	for _, f := range r.Findings {
		counts[f.Severity]++
	}
	word := strings.ToUpper(string(r.Verdict))
	switch r.Verdict {
	case Fail:
		word = p.paint(ansiBold+ansiRed, word)
	case Warn:
		word = p.paint(ansiBold+ansiYellow, word)
	default:
		word = p.paint(ansiBold+ansiGreen, word)
	}
	p.printf("%s  %s (%s, %s profile): %d errors, %d warnings, %d notes\n",
		word, Printable(r.Input.Name), r.Input.Kind, r.Profile, counts[Error], counts[Warning], counts[Info])
	if !r.Complete {
		p.printf("   the check is incomplete: the package is damaged or cut short\n")
	}
	if len(r.Skipped) > 0 {
		p.printf("   not checked: %s\n", strings.Join(r.Skipped, ", "))
	}
	if d := r.WholeFile["sha256"]; d != "" {
		p.printf("   SHA-256 of the whole file: %s\n", d)
	}
	p.cuts(r.Cuts)
}

// maxCutLines caps the cuts listed by name under the verdict.
const maxCutLines = 5

// cuts says what the report left out of the package (see Bound).
func (p *textPrinter) cuts(cs []Cut) {
	if len(cs) == 0 {
		return
	}
	p.printf("   the report is shortened (the package is larger than a report shows):\n")
	for i, c := range cs {
		if i == maxCutLines {
			p.printf("     and %d more places\n", len(cs)-maxCutLines)
			break
		}
		p.printf("     %s: %s\n", c.Pointer, c.Note())
	}
}

func (p *textPrinter) findings(r *Report, sev Severity) {
	first := true
	for _, f := range r.Findings {
		if f.Severity != sev {
			continue
		}
		if first {
			title := map[Severity]string{Error: "Errors", Warning: "Warnings", Info: "Notes"}[sev]
			p.printf("\n%s\n", p.paint(ansiBold, title))
			first = false
		}
		tag := map[Severity]string{Error: ansiRed, Warning: ansiYellow, Info: ansiDim}[sev]
		p.printf("  %s %s  %s\n", p.paint(tag, f.Rule), Printable(f.Location.String()), Printable(f.Message))
		if f.Hint != "" {
			p.printf("         %s\n", p.paint(ansiDim, "fix: "+Printable(f.Hint)))
		}
	}
}

func (p *textPrinter) signature(s *Signature) {
	if s == nil {
		return
	}
	p.printf("\n%s %s: signature %s, trust %s\n", p.paint(ansiBold, "Signature"), Printable(s.Member), s.Verified, s.Trust)
	if s.Signer != nil {
		p.printf("  signer  %s\n  issuer  %s\n  valid   %s to %s\n  sha256  %s\n  key     %s %d bits, %s\n",
			Printable(s.Signer.Subject), Printable(s.Signer.Issuer), s.Signer.NotBefore, s.Signer.NotAfter,
			s.Signer.SHA256, s.Signer.KeyType, s.Signer.KeyBits, s.Signer.SignatureAlgorithm)
	}
	if len(s.Protects) > 0 {
		p.printf("  protects %s\n", Printable(strings.Join(s.Protects, ", ")))
	}
}

func (p *textPrinter) files(r *Report) {
	if len(r.Files) == 0 {
		return
	}
	p.printf("\n%s\n", p.paint(ansiBold, "Files"))
	for _, f := range r.Files {
		digest := ""
		for _, alg := range []string{"sha256", "sha512", "sha1"} {
			if d := f.Digests[alg]; d != "" {
				digest = alg + ":" + d[:min(16, len(d))] + "…"
				break
			}
		}
		disk := ""
		if f.Disk != nil {
			disk = "  " + f.Disk.Format
			if f.Disk.Subformat != "" {
				disk += " " + f.Disk.Subformat
			}
			if f.Disk.VirtualSize > 0 {
				disk += ", " + HumanBytes(f.Disk.VirtualSize) + " virtual"
			}
		}
		p.printf("  %-11s %-12s %10s  %s  %s%s\n", f.Role, f.Manifest, HumanBytes(f.Size), Printable(f.Member), digest, disk)
	}
	if c, ok := r.CutAt("/files"); ok {
		p.printf("  … (%s more)\n", Thousands(int64(c.Omitted())))
	}
}

func (p *textPrinter) targets(ts []Target) {
	if len(ts) == 0 {
		return
	}
	p.printf("\n%s\n", p.paint(ansiBold, "Targets"))
	for _, t := range ts {
		p.printf("  %-16s %-8s %s\n", t.Target, t.Verdict, strings.Join(t.Rules, " "))
	}
}

// String renders a location as member:line:column, leaving out what is not
// known.
func (l Location) String() string {
	s := l.Member
	if l.Line > 0 {
		s += fmt.Sprintf(":%d", l.Line)
		if l.Column > 0 {
			s += fmt.Sprintf(":%d", l.Column)
		}
	} else if l.Offset != nil {
		s += fmt.Sprintf("@%d", *l.Offset)
	}
	return s
}

// Printable escapes control characters (including ESC) so text from a
// package cannot move the cursor or recolour a terminal.
func Printable(s string) string {
	if !strings.ContainsFunc(s, isControl) {
		return s
	}
	var b strings.Builder
	for _, r := range s {
		if isControl(r) {
			fmt.Fprintf(&b, "\\x%02x", r)
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

func isControl(r rune) bool { return r < 0x20 && r != '\t' || r == 0x7f || (r >= 0x80 && r < 0xa0) }

// HumanBytes formats n bytes with a binary unit.
func HumanBytes(n int64) string {
	const unit = 1024
	if n < unit {
		return fmt.Sprintf("%d B", n)
	}
	div, exp := int64(unit), 0
	for m := n / unit; m >= unit && exp < 5; m /= unit {
		div *= unit
		exp++
	}
	return fmt.Sprintf("%.1f %ciB", float64(n)/float64(div), "KMGTPE"[exp])
}
