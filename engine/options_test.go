package engine

import (
	"bytes"
	"context"
	"testing"

	"github.com/ovacheck/ovacheck/engine/ovatest"
	"github.com/ovacheck/ovacheck/engine/report"
)

// TestMaxDescriptorSize: a host that lowers the descriptor cap (the API in
// a 128 MB isolate) gets PKG052 instead of a parse, from an archive read at
// random and from a stream alike.
func TestMaxDescriptorSize(t *testing.T) {
	ova := ovatest.OVA(0, soundMembers(t, false)...)
	for name, src := range map[string]func() Source{
		"random": func() Source { return OVA("a.ova", bytes.NewReader(ova), int64(len(ova))) },
		"stream": func() Source { return Stream("a.ova", bytes.NewReader(ova)) },
	} {
		rep, err := Check(context.Background(), src(), WithMaxDescriptorSize(1000))
		if err != nil {
			t.Fatal(err)
		}
		found := false
		for _, f := range rep.Findings {
			found = found || f.Rule == "PKG052"
		}
		if !found || rep.Verdict != report.Fail {
			t.Errorf("%s: verdict %s, PKG052 %v; want fail with PKG052", name, rep.Verdict, found)
		}
		rep, err = Check(context.Background(), src(), WithMaxDescriptorSize(1<<20))
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range rep.Findings {
			if f.Rule == "PKG052" || f.Severity == report.Error {
				t.Errorf("%s: a 1 MiB cap gives %s %s on a sound package", name, f.Rule, f.Severity)
			}
		}
		if len(rep.Package.VirtualSystems) == 0 {
			t.Errorf("%s: with a 1 MiB cap the descriptor was not parsed", name)
		}
	}
}
