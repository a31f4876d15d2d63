package policy

import (
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/ovacheck/ovacheck/schemas"
)

// FuzzLoad feeds arbitrary bytes to Load: it must never panic, an invalid
// document must give an *Error with at least one problem, and a document
// it accepts must conform to the schema and apply to a report.
func FuzzLoad(f *testing.F) {
	files, _ := filepath.Glob("../../schemas/testdata/policy-*.json")
	for _, name := range files {
		if data, err := os.ReadFile(name); err == nil {
			f.Add(data)
		}
	}
	for _, s := range []string{
		``, `{}`, `[]`, `null`, `{"rules":[{"select":"-MF99","severity":"off"}]}`,
		`{"rules":[{"select":["all","-HW*","HW010"],"severity":"info"}]}`,
		`{"pinnedSigners":["` + pinA + `"],"maxDiskBytes":99999999999999999999}`,
		`{"rules":[{"select":"MF\u0030\u0030\u0034","severity":"off"}]}`, "{\"name\":\"\xff\"}",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		p, err := Load(data)
		if err != nil {
			var pe *Error
			if !errors.As(err, &pe) || len(pe.Problems) == 0 {
				t.Fatalf("Load error %v is not an *Error with problems", err)
			}
			return
		}
		if err := schemas.Validate(schemas.Policy, data); err != nil {
			t.Fatalf("Load accepted a document the schema rejects: %v", err)
		}
		r := signedReport("failed", pinA)
		p.Apply(r)
	})
}
