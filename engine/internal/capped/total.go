package capped

import "github.com/ovacheck/ovacheck/engine/report"

// Total collects findings up to Max in all, whatever their rules, and
// counts the rest; the owner reports the count with its own rule (the
// descriptor's cap is limits.MaxFindingsPerDescriptor, reported as
// ENV too-many-findings).
type Total struct {
	Max     int
	list    []report.Finding
	dropped int
}

// Add records f, or counts it once Max findings are kept.
func (t *Total) Add(f report.Finding) {
	if len(t.list) >= t.Max {
		t.dropped++
		return
	}
	t.list = append(t.list, f)
}

// Done returns the findings kept, followed, when some were left out, by
// the one summary builds from their count (which then starts again).
func (t *Total) Done(summary func(dropped int) report.Finding) []report.Finding {
	if t.dropped > 0 {
		t.list = append(t.list, summary(t.dropped))
		t.dropped = 0
	}
	return t.list
}
