package manifest

import (
	"github.com/ovacheck/ovacheck/engine/internal/limits"
	"github.com/ovacheck/ovacheck/engine/report"
	"github.com/ovacheck/ovacheck/engine/rules"
)

// capped collects findings, keeping the first limits.MaxFindingsPerRule of
// each rule and counting the rest, so that a hostile manifest of thousands
// of bad lines yields a report of bounded size and costs no formatting for
// the findings left out.
type capped struct {
	out     []report.Finding
	count   map[string]int
	dropped []*rules.Rule // rules with findings left out, in order
	member  string
}

// add records the finding make builds for rule r, or only counts it when r
// already has its share.
func (c *capped) add(r *rules.Rule, make func() report.Finding) {
	if c.count == nil {
		c.count = map[string]int{}
	}
	c.count[r.ID]++
	switch n := c.count[r.ID]; {
	case n <= limits.MaxFindingsPerRule:
		f := make()
		if c.member == "" {
			c.member = f.Location.Member
		}
		c.out = append(c.out, f)
	case n == limits.MaxFindingsPerRule+1:
		c.dropped = append(c.dropped, r)
	}
}

// findings returns what was kept plus one summary per rule with findings
// left out, located at member.
func (c *capped) findings() []report.Finding {
	for _, r := range c.dropped {
		n := c.count[r.ID] - limits.MaxFindingsPerRule
		c.out = append(c.out, r.New(report.InMember(c.member),
			"%d more findings of this rule in %s were left out", n, c.member).
			WithHint("Fix the findings shown and check again to see the rest."))
	}
	c.dropped = nil
	return c.out
}
