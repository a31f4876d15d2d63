package samples

import (
	"archive/tar"
	"bytes"
	"context"
	"io"
	"testing"

	"github.com/ovacheck/ovacheck/engine"
	"github.com/ovacheck/ovacheck/engine/report"
)

func members(t *testing.T, ova []byte) []string {
	t.Helper()
	var names []string
	tr := tar.NewReader(bytes.NewReader(ova))
	for {
		h, err := tr.Next()
		if err == io.EOF {
			return names
		}
		if err != nil {
			t.Fatal(err)
		}
		names = append(names, h.Name)
	}
}

func TestLayout(t *testing.T) {
	tests := []struct {
		name string
		spec Spec
		want []string
	}{
		{"sound", Spec{}, []string{"appliance.ovf", "appliance.mf", "appliance-disk1.vmdk"}},
		{"descriptor not first", Spec{DescriptorNotFirst: true}, []string{"appliance.mf", "appliance.ovf", "appliance-disk1.vmdk"}},
		{"signed", Spec{Signer: NewSigner("Example signer")}, []string{"appliance.ovf", "appliance.mf", "appliance.cert", "appliance-disk1.vmdk"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := members(t, Build(tt.spec))
			if len(got) != len(tt.want) {
				t.Fatalf("members %v, want %v", got, tt.want)
			}
			for i := range got {
				if got[i] != tt.want[i] {
					t.Errorf("member %d is %q, want %q", i, got[i], tt.want[i])
				}
			}
		})
	}
}

// TestVerdicts checks the samples with the engine: the sound one has no
// error, the damaged one fails on its disk. It says so plainly while the
// engine cannot yet judge digests.
func TestVerdicts(t *testing.T) {
	check := func(b []byte) *report.Report {
		r, err := engine.Check(context.Background(), engine.OVA("s.ova", bytes.NewReader(b), int64(len(b))))
		if err != nil {
			t.Fatal(err)
		}
		return r
	}
	sound := check(Sound())
	for _, f := range sound.Findings {
		if f.Severity == report.Error {
			t.Errorf("sound sample: %s %s at %s", f.Rule, f.Message, f.Location.Member)
		}
	}
	damaged := check(Damaged())
	if damaged.Verdict != report.Fail {
		t.Fatalf("damaged sample verdict %q, want fail", damaged.Verdict)
	}
	named := false
	for _, f := range damaged.Findings {
		if f.Severity == report.Error && f.Location.Member == "appliance-disk1.vmdk" || bytes.Contains([]byte(f.Message), []byte("appliance-disk1.vmdk")) {
			named = true
		}
	}
	if !named {
		t.Errorf("no error names the disk: %+v", damaged.Findings)
	}
}
