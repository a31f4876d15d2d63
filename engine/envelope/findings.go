package envelope

import (
	"strings"
	"unicode/utf8"

	"github.com/ovacheck/ovacheck/engine/internal/capped"
	"github.com/ovacheck/ovacheck/engine/internal/limits"
	"github.com/ovacheck/ovacheck/engine/report"
	"github.com/ovacheck/ovacheck/engine/rules"
)

// Findings collects the findings about one descriptor, capped at
// limits.MaxFindingsPerDescriptor; the conformance rules use it too.
type Findings struct {
	member string
	found  capped.Total
}

// findings is the package's own name for it.
type findings = Findings

// NewFindings returns an empty collector for the descriptor member.
func NewFindings(member string) *Findings {
	return &Findings{member: member, found: capped.Total{Max: limits.MaxFindingsPerDescriptor}}
}

// At returns a location in the descriptor; a zero pos names the member only.
func (f *Findings) At(p Pos) report.Location {
	if !p.Known() {
		return report.InMember(f.member)
	}
	return report.At(f.member, p.Line, p.Column)
}

// Add records fd, or counts it once the cap is reached.
func (f *Findings) Add(fd report.Finding) { f.found.Add(fd) }

// Done returns the findings, with one more saying how many were left out.
func (f *Findings) Done() []report.Finding {
	return f.found.Done(func(dropped int) report.Finding {
		return rules.EnvTooManyFindings.New(report.InMember(f.member),
			"%d more findings about %s were left out", dropped, f.member).
			WithHint("Fix the findings shown and check again.")
	})
}

// Quote returns s in double quotes for a message, shortened to
// limits.MaxQuotedValue bytes and with control characters escaped.
func Quote(s string) string {
	if len(s) > limits.MaxQuotedValue {
		cut := limits.MaxQuotedValue
		for cut > 0 && !utf8.RuneStart(s[cut]) {
			cut--
		}
		s = s[:cut] + "…"
	}
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range s {
		switch {
		case r == '"':
			b.WriteString(`\"`)
		case r < 0x20 || r == 0x7f:
			b.WriteString(`\x`)
			b.WriteByte("0123456789abcdef"[r>>4])
			b.WriteByte("0123456789abcdef"[r&15])
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
	return b.String()
}
