package conformance

import (
	"bufio"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/ovacheck/ovacheck/engine/envelope"
	"github.com/ovacheck/ovacheck/engine/report"
	"github.com/ovacheck/ovacheck/engine/rules"
)

// corpusDir returns the real-world corpus folder, or skips the test.
func corpusDir(t testing.TB) string {
	t.Helper()
	dir := os.Getenv("OVACHECK_CORPUS")
	if dir == "" {
		dir = filepath.Join("..", "..", "..", "shared", "corpus")
	}
	if _, err := os.Stat(filepath.Join(dir, "INDEX.tsv")); err != nil {
		t.Skipf("corpus not found at %s (set OVACHECK_CORPUS); skipping", dir)
	}
	return dir
}

type corpusRow struct{ path, status, why string }

func readIndex(t testing.TB, dir string) []corpusRow {
	t.Helper()
	f, err := os.Open(filepath.Join(dir, "INDEX.tsv"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var rows []corpusRow
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	statusCol, whyCol := -1, -1
	for sc.Scan() {
		cols := strings.Split(sc.Text(), "\t")
		if statusCol < 0 {
			for i, c := range cols {
				switch {
				case c == "status":
					statusCol = i
				case strings.HasPrefix(c, "why"):
					whyCol = i
				}
			}
			if statusCol < 0 || whyCol < 0 {
				t.Fatal("INDEX.tsv has no status or why column")
			}
			continue
		}
		if len(cols) > whyCol {
			rows = append(rows, corpusRow{path: cols[0], status: cols[statusCol], why: cols[whyCol]})
		}
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return rows
}

// readExceptions reads testdata/corpus-exceptions.tsv: corpus paths
// labelled valid that give an error with envelope's and this package's
// rules together, each with the reason the error is right.
func readExceptions(t testing.TB) map[string]string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", "corpus-exceptions.tsv"))
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]string{}
	for i, line := range strings.Split(string(b), "\n") {
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		path, reason, ok := strings.Cut(line, "\t")
		if !ok || strings.TrimSpace(reason) == "" {
			t.Fatalf("corpus-exceptions.tsv line %d: want path<TAB>reason", i+1)
		}
		out[path] = reason
	}
	return out
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
		data, err := os.ReadFile(filepath.Join(dir, row.path))
		if err != nil {
			t.Errorf("%s: %v", row.path, err)
			continue
		}
		checked++
		env, _ := envelope.Parse(data, filepath.Base(row.path))
		for _, f := range Check(env) {
			conf++
			perRule[f.Rule+" "+string(f.Severity)]++
		}
		var errs []report.Finding
		for _, f := range checkAll(data, filepath.Base(row.path)) {
			if _, ok := rules.Lookup(f.Rule); !ok {
				t.Errorf("%s: unregistered rule %s", row.path, f.Rule)
			}
			if f.Severity == report.Error {
				errs = append(errs, f)
			}
		}
		reason, excepted := exceptions[row.path]
		used[row.path] = used[row.path] || excepted
		switch row.status {
		case "valid":
			if len(errs) > 0 && !excepted {
				validErrors++
				for _, f := range errs {
					t.Errorf("%s (valid): %s %d:%d %s", row.path, f.Rule, f.Location.Line, f.Location.Column, f.Message)
				}
			}
			if len(errs) == 0 && excepted {
				t.Errorf("%s: listed in corpus-exceptions.tsv (%s) but gives no error", row.path, reason)
			}
		case "invalid":
			invalidTotal++
			if len(errs) > 0 {
				invalidCaught++
			} else {
				t.Logf("invalid but no error: %s (%s)", row.path, row.why)
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
