package compat

import (
	"testing"

	"github.com/ovacheck/ovacheck/engine/report"
	"github.com/ovacheck/ovacheck/engine/rules"
)

// TestSettleDamage: a digest that does not match makes every consumer that
// checks digests reject the package, stays an error whatever the targets,
// and leaves Proxmox, which reads no manifest, accepting.
func TestSettleDamage(t *testing.T) {
	for _, named := range [][]string{nil, {"proxmox-8"}} {
		ts := make([]report.Target, 0, len(Targets()))
		for _, n := range Targets() {
			ts = append(ts, report.Target{Target: n, Verdict: VerdictAccepts, Rules: []string{}})
		}
		fs := []report.Finding{rules.MfDigestMismatch.New(report.At("a.mf", 2, 1), "SHA-256 of disk differs")}
		Settle(ts, fs, "compat", named)
		if fs[0].Severity != report.Error {
			t.Errorf("targets %v: MF003 is %s, want error", named, fs[0].Severity)
		}
		for _, tg := range ts {
			want := VerdictRejects
			if ConsumerOf(tg.Target) == rules.Proxmox {
				want = VerdictAccepts
			}
			if tg.Verdict != want {
				t.Errorf("targets %v: %s %s, want %s", named, tg.Target, tg.Verdict, want)
			}
		}
	}
}

func TestConsumerOfEveryTarget(t *testing.T) {
	for _, n := range Targets() {
		if ConsumerOf(n) == "" {
			t.Errorf("target %s has no consumer", n)
		}
	}
}
