package conformance

import (
	"os"
	"path/filepath"
	"sort"
	"testing"

	"github.com/ovacheck/ovacheck/engine/internal/corpus"

	"github.com/ovacheck/ovacheck/engine/compat"
	"github.com/ovacheck/ovacheck/engine/envelope"
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

// TestCorpus checks every descriptor of the real-world corpus on its own.
// Descriptors labelled valid must give no error in the compat profile
// unless corpus-exceptions.tsv says why; invalid ones are counted, and the
// figures are logged (run with -v to see them).
func TestCorpus(t *testing.T) {
	dir := corpusDir(t)
	labels := corpus.NewLabels(readExceptions(t))
	perRule := map[string]int{}
	for _, row := range readIndex(t, dir) {
		data, err := os.ReadFile(filepath.Join(dir, row.Path))
		if err != nil {
			t.Errorf("%s: %v", row.Path, err)
			continue
		}
		member := filepath.Base(row.Path)
		env, fs := envelope.Parse(data, member)
		fs = append(fs, Check(env, nil)...)
		// Judge by the severity a compat user sees: computed from what
		// the consumers do with each finding, no target named.
		compat.Settle(nil, fs, "compat", nil)
		for _, f := range fs {
			perRule[f.Rule+" "+string(f.Severity)]++
		}
		labels.Judge(t, row, fs)
	}
	var keys []string
	for k := range perRule {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		t.Logf("conformance findings %s: %d", k, perRule[k])
	}
	labels.Finish(t)
}
