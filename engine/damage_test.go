package engine

import (
	"path/filepath"
	"slices"
	"testing"

	"github.com/ovacheck/ovacheck/engine/compat"
	"github.com/ovacheck/ovacheck/engine/report"
	"github.com/ovacheck/ovacheck/engine/rules"
)

// TestDamageRejects: a damaged disk, a missing member, a download cut
// short, broken XML and a dangling Disk fileRef make every consumer that
// checks them reject the package in the target table, and the consumers
// that do not (Proxmox reads no manifest) are not said to.
func TestDamageRejects(t *testing.T) {
	for _, c := range []struct {
		file string
		rule *rules.Rule
	}{
		{"disk-bit-flipped", rules.MfDigestMismatch},
		{"stream-bit-flipped", rules.MfDigestMismatch},
		{"member-missing", rules.RefMissing},
		{"truncated", rules.PkgTruncated},
		{"broken-xml", rules.EnvMalformed},
		{"disk-fileref-dangling", rules.DskFileRef},
	} {
		t.Run(c.file, func(t *testing.T) {
			rep := loadCase(t, filepath.Join("testdata", "cases", c.file+".txtar")).check(t)
			if len(rep.Targets) == 0 {
				t.Fatal("no targets judged")
			}
			if !slices.ContainsFunc(rep.Findings, func(f report.Finding) bool { return f.Rule == c.rule.ID }) {
				t.Fatalf("the case gives no %s finding", c.rule.ID)
			}
			rejecting := 0
			for _, tg := range rep.Targets {
				refuses := c.rule.Consequence(compat.ConsumerOf(tg.Target)).Effect == rules.Refuses
				if refuses && (tg.Verdict != compat.VerdictRejects || !slices.Contains(tg.Rules, c.rule.ID)) {
					t.Errorf("%s: %s %v, though its consumer refuses %s", tg.Target, tg.Verdict, tg.Rules, c.rule.ID)
				}
				if tg.Verdict == compat.VerdictRejects {
					rejecting++
				}
			}
			if rejecting < 4 {
				t.Errorf("only %d targets reject a package with %s", rejecting, c.rule.ID)
			}
		})
	}
	// Proxmox reads no manifest: a digest mismatch alone leaves it
	// accepting the package.
	rep := loadCase(t, filepath.Join("testdata", "cases", "disk-bit-flipped.txtar")).check(t)
	for _, tg := range rep.Targets {
		if tg.Target == "proxmox-8" && tg.Verdict != compat.VerdictAccepts {
			t.Errorf("proxmox-8 %s %v on a flipped disk byte; it never reads the manifest", tg.Verdict, tg.Rules)
		}
	}
	// The consumers that check digests are the ones the issue names.
	for _, c := range []rules.Consumer{rules.VSphere, rules.VirtualBox, rules.VirtV2V} {
		if rules.MfDigestMismatch.Consequence(c).Effect != rules.Refuses {
			t.Errorf("%s is not recorded refusing a digest mismatch", c.Name())
		}
	}
}
