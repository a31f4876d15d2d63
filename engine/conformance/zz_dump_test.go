package conformance

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/ovacheck/ovacheck/engine/envelope"
)

func TestDumpRule(t *testing.T) {
	want := os.Getenv("DUMP_RULE")
	if want == "" {
		t.Skip()
	}
	dir := corpusDir(t)
	n := 0
	for _, row := range readIndex(t, dir) {
		data, _ := os.ReadFile(filepath.Join(dir, row.path))
		env, _ := envelope.Parse(data, filepath.Base(row.path))
		for _, f := range Check(env) {
			if f.Rule == want && n < 25 {
				n++
				t.Logf("%s %s:%d %s", row.status, row.path, f.Location.Line, f.Message)
			}
		}
	}
}
