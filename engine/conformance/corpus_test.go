package conformance

import (
	"os"
	"path/filepath"
	"sort"
	"testing"

	"github.com/ovacheck/ovacheck/engine/internal/corpus"

	"github.com/ovacheck/ovacheck/engine/envelope"
	"github.com/ovacheck/ovacheck/engine/report"
	"github.com/ovacheck/ovacheck/engine/rules"
)

// corpusDir returns the real-world corpus folder, or skips the test.
func corpusDir(t testing.TB) string { return corpus.Require(t) }

func readIndex(t testing.TB, dir string) []corpus.Row { return corpus.Index(t, dir) }

// readExceptions reads testdata/corpus-exceptions.tsv: corpus paths
// labelled valid that give an error with envelope's and this package's
// rules together, each with the reason the error is right.
func readExceptions(t testing.TB) map[string]string {
	return corpus.Reasons(t, filepath.Join("testdata", "corpus-exceptions.tsv"))
}

// checkAll runs what the engine runs on a descriptor alone: Parse,
// CrossCheck without files, and Check.
func checkAll(data []byte, member string) []report.Finding {
	env, fs := envelope.Parse(data, member)
	fs = append(fs, envelope.CrossCheck(env, member, nil)...)
	return append(fs, Check(env)...)
}

// TestCorpus checks every descriptor of the real-world corpus on its own.
// Descriptors labelled valid must give no error in the compat profile
// unless corpus-exceptions.tsv says why; invalid ones are counted, and the
// figures are logged (run with -v to see them).
func TestCorpus(t *testing.T) {
	dir := corpusDir(t)
	exceptions := readExceptions(t)
	used := map[string]bool{}
	var checked, validErrors, invalidCaught, invalidTotal, conf int
	perRule := map[string]int{}
	for _, row := range readIndex(t, dir) {
		data, err := os.ReadFile(filepath.Join(dir, row.Path))
		if err != nil {
			t.Errorf("%s: %v", row.Path, err)
			continue
		}
		checked++
		env, _ := envelope.Parse(data, filepath.Base(row.Path))
		for _, f := range Check(env) {
			conf++
			perRule[f.Rule+" "+string(f.Severity)]++
		}
		var errs []report.Finding
		for _, f := range checkAll(data, filepath.Base(row.Path)) {
			if _, ok := rules.Lookup(f.Rule); !ok {
				t.Errorf("%s: unregistered rule %s", row.Path, f.Rule)
			}
			if f.Severity == report.Error {
				errs = append(errs, f)
			}
		}
		reason, excepted := exceptions[row.Path]
		used[row.Path] = used[row.Path] || excepted
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
	var keys []string
	for k := range perRule {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		t.Logf("conformance findings %s: %d", k, perRule[k])
	}
	t.Logf("corpus: %d descriptors checked, %d conformance findings; valid with unexpected errors: %d; invalid with an error: %d of %d",
		checked, conf, validErrors, invalidCaught, invalidTotal)
}
