// Package corpus locates the real-world corpus of OVF packages that tests
// run against: $OVACHECK_CORPUS, or shared/corpus beside the repository
// (../shared/corpus from its root), as CI provides it.
package corpus

import (
	"os"
	"path/filepath"
	"strings"
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

// Row is one descriptor of the corpus's INDEX.tsv.
type Row struct {
	// Path is relative to the corpus folder.
	Path string
	// Status is the corpus's label: valid, invalid, special or template.
	Status string
	// Why is the label's reason, from the source repository.
	Why string
}

// Index reads INDEX.tsv of the corpus in dir, finding its columns by their
// header names.
func Index(tb testing.TB, dir string) []Row {
	tb.Helper()
	data, err := os.ReadFile(filepath.Join(dir, "INDEX.tsv"))
	if err != nil {
		tb.Fatal(err)
	}
	lines := strings.Split(strings.TrimRight(string(data), "\n"), "\n")
	statusCol, whyCol := -1, -1
	for i, c := range strings.Split(lines[0], "\t") {
		switch {
		case c == "status":
			statusCol = i
		case strings.HasPrefix(c, "why"):
			whyCol = i
		}
	}
	if statusCol < 0 || whyCol < 0 {
		tb.Fatal("INDEX.tsv has no status or why column")
	}
	var rows []Row
	for _, line := range lines[1:] {
		cols := strings.Split(line, "\t")
		if len(cols) > max(statusCol, whyCol) {
			rows = append(rows, Row{Path: cols[0], Status: cols[statusCol], Why: cols[whyCol]})
		}
	}
	return rows
}

// Reasons reads a file of KEY<TAB>REASON lines (blank lines and lines
// starting with # are skipped), as the tests' exception lists are written:
// every entry must give its reason.
func Reasons(tb testing.TB, file string) map[string]string {
	tb.Helper()
	data, err := os.ReadFile(file)
	if err != nil {
		tb.Fatal(err)
	}
	out := map[string]string{}
	for i, line := range strings.Split(string(data), "\n") {
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		key, reason, ok := strings.Cut(line, "\t")
		if !ok || strings.TrimSpace(reason) == "" {
			tb.Fatalf("%s line %d: want KEY<TAB>reason, got %q", file, i+1, line)
		}
		out[key] = reason
	}
	return out
}
