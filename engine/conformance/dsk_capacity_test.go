package conformance

import (
	"github.com/ovacheck/ovacheck/engine/envelope"
	"strings"
	"testing"
)

// TestCapacityThatOverflows: a capacity whose units make it more than an
// int64 of bytes, or a fraction of a byte, is a DSK005 error at the
// capacity, and the summary shows no negative size.
func TestCapacityThatOverflows(t *testing.T) {
	for _, tc := range []struct{ capacity, units string }{
		{"1", "byte * 2^70"},
		{"1", "byte * 2^-1"},
		{"9223372036854775807", "byte * 2^20"},
		{"3", "byte / 2"},
	} {
		t.Run(tc.units, func(t *testing.T) {
			doc := strings.Replace(good, `ovf:capacity="16" ovf:capacityAllocationUnits="byte * 2^30"`,
				`ovf:capacity="`+tc.capacity+`" ovf:capacityAllocationUnits="`+tc.units+`"`, 1)
			env, fs := envelope.Parse([]byte(doc), "appliance.ovf")
			fs = append(fs, Check(env, fakeFiles{"web-disk1.vmdk": 4096})...)
			assertFindings(t, doc, fs, []want{{"DSK005", `ovf:capacity="` + tc.capacity, "not a whole number of bytes below 2^63"}})
			for _, d := range env.Summary().Disks {
				if d.CapacityBytes < 0 {
					t.Errorf("summary shows disk %s with capacity %d", d.ID, d.CapacityBytes)
				}
			}
		})
	}
}

// TestCapacityInRange: units that give a whole number of bytes are no
// finding.
func TestCapacityInRange(t *testing.T) {
	doc := strings.Replace(good, `ovf:capacity="16" ovf:capacityAllocationUnits="byte * 2^30"`,
		`ovf:capacity="4" ovf:capacityAllocationUnits="byte * 2^-1"`, 1)
	doc = strings.Replace(doc, `ovf:populatedSize="1048576"`, `ovf:populatedSize="2"`, 1)
	env, fs := envelope.Parse([]byte(doc), "appliance.ovf")
	fs = append(fs, Check(env, fakeFiles{"web-disk1.vmdk": 4096})...)
	for _, f := range fs {
		if strings.HasPrefix(f.Rule, "DSK") {
			t.Errorf("unexpected %s %s", f.Rule, f.Message)
		}
	}
	if got := env.Summary().Disks[0].CapacityBytes; got != 2 {
		t.Errorf("capacity %d, want 2", got)
	}
}
