package envelope

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/ovacheck/ovacheck/engine/internal/corpus"

	"github.com/ovacheck/ovacheck/engine/report"
	"github.com/ovacheck/ovacheck/engine/rules"
)

// corpusDir returns the real-world corpus, or skips the test.
func corpusDir(t testing.TB) string { return corpus.Require(t) }

func readIndex(t testing.TB, dir string) []corpus.Row { return corpus.Index(t, dir) }

// readExceptions reads testdata/corpus-exceptions.tsv: corpus paths whose
// label this package disagrees with, each with the reason.
func readExceptions(t testing.TB) map[string]string {
	return corpus.Reasons(t, filepath.Join("testdata", "corpus-exceptions.tsv"))
}

// checkDescriptor parses and cross-checks one descriptor on its own.
func checkDescriptor(data []byte, member string) (*Envelope, []report.Finding) {
	env, fs := Parse(data, member)
	fs = append(fs, CrossCheck(env, member, nil)...)
	return env, fs
}

// TestCorpus parses and cross-checks every descriptor of the real-world
// corpus on its own (no package files). Descriptors labelled valid must give
// no error in the compat profile, unless corpus-exceptions.tsv says why they
// should; descriptors labelled invalid are counted, and those that give no
// error are listed in the log.
func TestCorpus(t *testing.T) {
	dir := corpusDir(t)
	exceptions := readExceptions(t)
	used := map[string]bool{}
	var checked, validErrors, invalidCaught, invalidTotal, findings int
	for _, row := range readIndex(t, dir) {
		data, err := os.ReadFile(filepath.Join(dir, row.Path))
		if err != nil {
			t.Errorf("%s: %v", row.Path, err)
			continue
		}
		checked++
		env, fs := checkDescriptor(data, filepath.Base(row.Path))
		_ = env.Summary()
		findings += len(fs)
		var errs []report.Finding
		for _, f := range fs {
			if _, ok := rules.Lookup(f.Rule); !ok {
				t.Errorf("%s: unregistered rule %s", row.Path, f.Rule)
			}
			if f.Severity == report.Error {
				errs = append(errs, f)
			}
		}
		reason, excepted := exceptions[row.Path]
		if excepted {
			used[row.Path] = true
		}
		switch row.Status {
		case "valid":
			if len(errs) > 0 && !excepted {
				validErrors++
				for _, f := range errs {
					t.Errorf("%s (valid): %s %d:%d %s", row.Path, f.Rule, f.Location.Line, f.Location.Column, f.Message)
				}
			}
			if len(errs) == 0 && excepted {
				t.Errorf("%s: listed in corpus-exceptions.tsv (%s) but gives no error", row.Path, reason)
			}
		case "invalid":
			invalidTotal++
			if len(errs) > 0 {
				invalidCaught++
			} else {
				t.Logf("invalid but no error: %s (%s)", row.Path, row.Why)
			}
		}
	}
	for path := range exceptions {
		if !used[path] {
			t.Errorf("corpus-exceptions.tsv names %s, which is not in INDEX.tsv", path)
		}
	}
	t.Logf("corpus: %d descriptors checked, %d findings; valid with unexpected errors: %d; invalid with an error: %d of %d",
		checked, findings, validErrors, invalidCaught, invalidTotal)
}
