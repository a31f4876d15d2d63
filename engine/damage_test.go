package engine

import (
	"path/filepath"
	"testing"

	"github.com/ovacheck/ovacheck/engine/compat"
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
			for _, tg := range rep.Targets {
				refuses := c.rule.Consequence(compat.ConsumerOf(tg.Target)).Effect == rules.Refuses
				if refuses && tg.Verdict != compat.VerdictRejects {
					t.Errorf("%s: %s, though its consumer refuses %s", tg.Target, tg.Verdict, c.rule.ID)
				}
			}
		})
	}
	// The consumers that check digests are the ones the issue names.
	for _, c := range []rules.Consumer{rules.VSphere, rules.VirtualBox, rules.VirtV2V} {
		if rules.MfDigestMismatch.Consequence(c).Effect != rules.Refuses {
			t.Errorf("%s is not recorded refusing a digest mismatch", c.Name())
		}
	}
}
