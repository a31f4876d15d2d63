package signature

import (
	"fmt"
	"strings"
	"testing"
)

func TestCoverageFindings(t *testing.T) {
	many := make([]string, 14)
	for i := range many {
		many[i] = fmt.Sprintf("disk%d.vmdk", i)
	}
	tests := []struct {
		name string
		c    Coverage
		rule string // "" means no finding
		frag string
	}{
		{"no manifest", Coverage{Certificate: "a.cert"}, "SIG029", "no manifest"},
		{"everything listed", Coverage{Certificate: "a.cert", Manifest: "a.mf", Descriptor: "a.ovf", DescriptorListed: true}, "", ""},
		{"descriptor not listed (ovftool 4.0)", Coverage{Certificate: "a.cert", Manifest: "a.mf", Descriptor: "a.ovf"},
			"SIG030", "does not cover a.ovf,"},
		{"a disk not listed", Coverage{Certificate: "a.cert", Manifest: "a.mf", Descriptor: "a.ovf", DescriptorListed: true,
			Unlisted: []string{"readme.txt"}}, "SIG030", "does not cover readme.txt"},
		{"many not listed", Coverage{Certificate: "a.cert", Manifest: "a.mf", Descriptor: "a.ovf", DescriptorListed: true,
			Unlisted: many}, "SIG030", "disk9.vmdk and 4 more"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fs := CoverageFindings(tt.c)
			assertRegistered(t, fs)
			if tt.rule == "" {
				if len(fs) != 0 {
					t.Errorf("findings: %v", fs)
				}
				return
			}
			if len(fs) != 1 || fs[0].Rule != tt.rule || fs[0].Location.Member != "a.cert" || !strings.Contains(fs[0].Message, tt.frag) {
				t.Errorf("findings: %+v, want %s with %q", fs, tt.rule, tt.frag)
			}
		})
	}
}
