package engine

import (
	"archive/tar"
	"bytes"
	"context"
	"encoding/json"
	"testing"

	"github.com/ovacheck/ovacheck/engine/ovatest"
	"github.com/ovacheck/ovacheck/engine/report"
	"github.com/ovacheck/ovacheck/engine/rules"
	"github.com/ovacheck/ovacheck/schemas"
)

// FuzzCheck feeds arbitrary bytes to Check as an archive read at random
// and as a stream. Invariants: it never panics and never fails to run on
// an in-memory input, every finding names a registered rule with a valid
// location, the report conforms to the schema, and both ways of reading
// agree on the verdict.
func FuzzCheck(f *testing.F) {
	sound := ovatest.Appliance{}.Members()
	f.Add(ovatest.OVA(tar.FormatUSTAR, sound...))
	f.Add(ovatest.OVA(tar.FormatGNU, sound...))
	f.Add(ovatest.OVA(tar.FormatPAX, sound[0], sound[1]))
	f.Add([]byte(ovatest.Appliance{}.Descriptor()))
	f.Add([]byte{})
	f.Fuzz(func(t *testing.T, data []byte) {
		random, err := Check(context.Background(), OVA("f.ova", bytes.NewReader(data), int64(len(data))))
		if err != nil {
			t.Fatalf("could not run on an in-memory archive: %v", err)
		}
		checkInvariants(t, random)
		stream, err := Check(context.Background(), Stream("-", bytes.NewReader(data)))
		if err != nil {
			t.Fatalf("could not run on an in-memory stream: %v", err)
		}
		checkInvariants(t, stream)
		if random.Verdict != stream.Verdict {
			t.Errorf("verdict %s at random, %s as a stream", random.Verdict, stream.Verdict)
		}
	})
}

func checkInvariants(t *testing.T, r *report.Report) {
	t.Helper()
	for _, f := range r.Findings {
		if _, ok := rules.Lookup(f.Rule); !ok {
			t.Errorf("finding of unregistered rule %q: %s", f.Rule, f.Message)
		}
		if f.Location.Member == "" || f.Location.Line < 0 || f.Location.Column < 0 {
			t.Errorf("%s: bad location %+v", f.Rule, f.Location)
		}
	}
	b, err := json.Marshal(r)
	if err != nil {
		t.Fatal(err)
	}
	if err := schemas.Validate(schemas.Report, b); err != nil {
		t.Errorf("report does not conform to the schema: %v", err)
	}
}
