// Package capped is the one way ovacheck bounds repeated findings, so that
// a hostile file of thousands of bad lines yields a report of bounded size
// and costs no formatting for what is left out. The caps themselves, with
// their reasons, are in engine/internal/limits.
//
// PerRule collects the findings of one file as a parser or check makes
// them (limits.MaxFindingsPerRule of each rule); Total collects up to a
// number in all (a descriptor's, limits.MaxFindingsPerDescriptor); Report
// bounds a whole report once (limits.MaxReportFindings in all). Each
// replaces what it leaves out with a finding saying how many.
package capped

import (
	"github.com/ovacheck/ovacheck/engine/internal/limits"
	"github.com/ovacheck/ovacheck/engine/report"
	"github.com/ovacheck/ovacheck/engine/rules"
)

// PerRule collects findings, keeping the first limits.MaxFindingsPerRule
// of each rule and counting the rest. The zero value is ready to use.
type PerRule struct {
	// Member is where the summaries of findings left out are located; ""
	// means the member of the first finding kept.
	Member string

	out     []report.Finding
	count   map[string]int
	dropped []*rules.Rule // rules with findings left out, in order
}

// Build records the finding make builds for rule r, or only counts it when
// r already has its share: make is not called then.
func (c *PerRule) Build(r *rules.Rule, make func() report.Finding) {
	if c.Full(r) {
		return
	}
	c.keep(make())
}

// Add records f (of a registered rule), or only counts it when its rule
// already has its share.
func (c *PerRule) Add(f report.Finding) {
	r, ok := rules.Lookup(f.Rule)
	if !ok {
		c.keep(f)
		return
	}
	if !c.Full(r) {
		c.keep(f)
	}
}

// Full reports whether rule r has its share already, counting one more
// finding of it left out if so, so that a caller can skip even the work
// of finding it. When Full returns false the caller adds the finding.
func (c *PerRule) Full(r *rules.Rule) bool {
	if c.count[r.ID] < limits.MaxFindingsPerRule {
		return false
	}
	c.count[r.ID]++
	if c.count[r.ID] == limits.MaxFindingsPerRule+1 {
		c.dropped = append(c.dropped, r)
	}
	return true
}

func (c *PerRule) keep(f report.Finding) {
	if c.count == nil {
		c.count = map[string]int{}
	}
	c.count[f.Rule]++
	if c.Member == "" {
		c.Member = f.Location.Member
	}
	c.out = append(c.out, f)
}

// Findings returns what was kept, in order, plus one finding per rule with
// findings left out, located at Member.
func (c *PerRule) Findings() []report.Finding {
	for _, r := range c.dropped {
		n := c.count[r.ID] - limits.MaxFindingsPerRule
		c.out = append(c.out, r.New(report.InMember(c.Member),
			"%d more findings of this rule in %s were left out", n, c.Member).
			WithHint("Fix the findings shown and check again to see the rest."))
		c.count[r.ID] = limits.MaxFindingsPerRule
	}
	c.dropped = nil
	return c.out
}
