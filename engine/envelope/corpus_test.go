package envelope

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/ovacheck/ovacheck/engine/internal/corpus"
)

// corpusDir returns the real-world corpus, or skips the test.
func corpusDir(t testing.TB) string { return corpus.Require(t) }

func readIndex(t testing.TB, dir string) []corpus.Row { return corpus.Index(t, dir) }

// readExceptions reads testdata/corpus-exceptions.tsv: corpus paths whose
// label this package disagrees with, each with the reason.
func readExceptions(t testing.TB) map[string]string {
	return corpus.Reasons(t, filepath.Join("testdata", "corpus-exceptions.tsv"))
}

// TestCorpus parses every descriptor of the real-world corpus: the parser's
// own findings (well-formedness, encoding, namespaces, limits); the
// descriptor rules are judged on the same corpus in package conformance. Descriptors labelled valid must give
// no error in the compat profile, unless corpus-exceptions.tsv says why they
// should; descriptors labelled invalid are counted, and those that give no
// error are listed in the log.
func TestCorpus(t *testing.T) {
	dir := corpusDir(t)
	labels := corpus.NewLabels(readExceptions(t))
	for _, row := range readIndex(t, dir) {
		data, err := os.ReadFile(filepath.Join(dir, row.Path))
		if err != nil {
			t.Errorf("%s: %v", row.Path, err)
			continue
		}
		env, fs := Parse(data, filepath.Base(row.Path))
		_ = env.Summary() // the summary of any descriptor must not panic
		labels.Judge(t, row, fs)
	}
	labels.Finish(t)
}
