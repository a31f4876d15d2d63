// Package corpus locates the real-world corpus of OVF packages that tests
// run against: $OVACHECK_CORPUS, or shared/corpus beside the repository
// (../shared/corpus from its root), as CI provides it.
package corpus

import (
	"os"
	"path/filepath"
	"testing"
)

// Dir returns the corpus folder and whether it exists.
func Dir() (string, bool) {
	if dir := os.Getenv("OVACHECK_CORPUS"); dir != "" {
		return dir, exists(dir)
	}
	wd, err := os.Getwd()
	if err != nil {
		return "", false
	}
	for dir := wd; ; dir = filepath.Dir(dir) {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			c := filepath.Join(dir, "..", "shared", "corpus")
			return c, exists(c)
		}
		if filepath.Dir(dir) == dir {
			return "", false
		}
	}
}

// Require returns the corpus folder, or skips the test saying plainly that
// the corpus is absent.
func Require(tb testing.TB) string {
	tb.Helper()
	dir, ok := Dir()
	if !ok {
		tb.Skipf("the real-world corpus is not at %q (set OVACHECK_CORPUS to its folder): corpus test not run", dir)
	}
	return dir
}

func exists(dir string) bool {
	_, err := os.Stat(filepath.Join(dir, "INDEX.tsv"))
	return err == nil
}
