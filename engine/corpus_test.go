package engine

import (
	"bufio"
	"context"
	"encoding/json"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ovacheck/ovacheck/engine/internal/corpus"
	"github.com/ovacheck/ovacheck/engine/report"
	"github.com/ovacheck/ovacheck/schemas"
)

// corpusDir returns the real-world corpus, or skips the test.
func corpusDir(t *testing.T) string { return corpus.Require(t) }

// TestCorpusPackages checks every .ova of the corpus as an archive, at
// random and as a stream, and every descriptor with the files beside it.
// Nothing may panic or fail to run, every report must conform to the
// schema, the random and stream reports must agree on the verdict, and the
// .ova verdicts must be those testdata/corpus-ova.tsv gives, with its
// reason.
func TestCorpusPackages(t *testing.T) {
	dir := corpusDir(t)
	want := readExpectations(t, "testdata/corpus-ova.tsv")
	var ovas, descriptors int
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || strings.Contains(path, "_extracted") {
			return err
		}
		rel, _ := filepath.Rel(dir, path)
		switch {
		case strings.HasSuffix(strings.ToLower(path), ".ova"):
			ovas++
			t.Run(rel, func(t *testing.T) { checkCorpusOVA(t, path, want[filepath.ToSlash(rel)]) })
		case strings.HasSuffix(strings.ToLower(path), ".ovf"):
			descriptors++
			src := Folder(os.DirFS(filepath.Dir(path)), filepath.Base(path))
			rep, err := Check(context.Background(), src)
			if err != nil {
				t.Errorf("%s: could not run: %v", rel, err)
				return nil
			}
			mustConform(t, rel, rep)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("checked %d .ova packages and %d descriptors with their files", ovas, descriptors)
	if ovas == 0 {
		t.Fatal("no .ova in the corpus")
	}
}

func checkCorpusOVA(t *testing.T, path string, want expectation) {
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	st, _ := f.Stat()
	rep, err := Check(context.Background(), OVA(filepath.Base(path), f, st.Size()))
	if err != nil {
		t.Fatalf("could not run: %v", err)
	}
	mustConform(t, path, rep)
	f.Seek(0, 0)
	srep, err := Check(context.Background(), Stream(filepath.Base(path), f))
	if err != nil {
		t.Fatalf("stream: could not run: %v", err)
	}
	mustConform(t, path, srep)
	if srep.Verdict != rep.Verdict {
		t.Errorf("read at random the verdict is %s, read as a stream %s", rep.Verdict, srep.Verdict)
	}
	if want.verdict == "" {
		t.Errorf("no expectation in testdata/corpus-ova.tsv; verdict %s", rep.Verdict)
		return
	}
	if string(rep.Verdict) != want.verdict {
		var b strings.Builder
		for _, f := range rep.Findings {
			b.WriteString("  " + f.Rule + " " + string(f.Severity) + " " + f.Location.String() + ": " + f.Message + "\n")
		}
		t.Errorf("verdict %s, want %s (%s)\n%s", rep.Verdict, want.verdict, want.reason, b.String())
	}
}

func mustConform(t *testing.T, name string, rep *report.Report) {
	t.Helper()
	b, err := json.Marshal(rep)
	if err != nil {
		t.Fatal(err)
	}
	if err := schemas.Validate(schemas.Report, b); err != nil {
		t.Errorf("%s: report does not conform to the schema: %v", name, err)
	}
}

type expectation struct{ verdict, reason string }

// readExpectations reads path<TAB>verdict<TAB>reason lines.
func readExpectations(t *testing.T, file string) map[string]expectation {
	f, err := os.Open(file)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	out := map[string]expectation{}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := sc.Text()
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		parts := strings.SplitN(line, "\t", 3)
		if len(parts) != 3 || parts[2] == "" {
			t.Fatalf("%s: want path, verdict and reason: %q", file, line)
		}
		out[parts[0]] = expectation{parts[1], parts[2]}
	}
	return out
}
