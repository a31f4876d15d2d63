//go:build !js

package oracle

import (
	"bufio"
	"fmt"
	"os"
	"slices"
	"strings"
	"testing"
)

// outcome is one comparison of ovacheck with an oracle. Key is how the
// exceptions file names it (its first key columns joined by a tab).
type outcome struct {
	Key    string
	Ours   string
	Theirs string
	// Detail says why the oracle decided as it did (its error message).
	Detail string
}

// exception is a listed disagreement.
type exception struct {
	Ours, Theirs, Reason string
	Line                 int
}

// tally is what a comparison against an exceptions file found.
type tally struct {
	Compared, Agreed, Listed int
	// Bugs are the listed disagreements whose reason starts "BUG:".
	Bugs []string
}

func (c tally) String() string {
	return fmt.Sprintf("%d compared, %d agree, %d listed disagreements (%d marked BUG)",
		c.Compared, c.Agreed, c.Listed, len(c.Bugs))
}

// readExceptions reads a tab-separated exceptions file: keyCols columns
// naming the item, then ovacheck's verdict, the oracle's verdict and the
// reason. Lines starting with # and blank lines are skipped.
func readExceptions(t *testing.T, path string, keyCols int) map[string]exception {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	out := map[string]exception{}
	sc := bufio.NewScanner(f)
	for n := 1; sc.Scan(); n++ {
		line := sc.Text()
		if strings.TrimSpace(line) == "" || strings.HasPrefix(line, "#") {
			continue
		}
		cols := strings.Split(line, "\t")
		if len(cols) != keyCols+3 || strings.TrimSpace(cols[len(cols)-1]) == "" {
			t.Fatalf("%s:%d: want %d tab-separated columns ending in a reason, got %q", path, n, keyCols+3, line)
		}
		key := strings.Join(cols[:keyCols], "\t")
		if _, dup := out[key]; dup {
			t.Fatalf("%s:%d: %q listed twice", path, n, key)
		}
		out[key] = exception{Ours: cols[keyCols], Theirs: cols[keyCols+1], Reason: cols[keyCols+2], Line: n}
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

// compare checks outcomes against the exceptions listed in path: every
// disagreement must be listed with the verdicts seen, and every listed one
// must still disagree. Listed keys whose item was not judged fail too,
// unless absent(key) says the item is missing on purpose (the corpus is not
// there).
func compare(t *testing.T, path string, keyCols int, outcomes []outcome, absent func(key string) bool) tally {
	t.Helper()
	listed := readExceptions(t, path, keyCols)
	var c tally
	seen := map[string]bool{}
	for _, o := range outcomes {
		c.Compared++
		seen[o.Key] = true
		if os.Getenv("OVACHECK_ORACLE_TABLE") == "1" {
			t.Logf("compared\t%s\t%s\t%s\t%s", o.Key, o.Ours, o.Theirs, o.Detail)
		}
		ex, isListed := listed[o.Key]
		switch {
		case o.Ours == o.Theirs && isListed:
			t.Errorf("%s:%d: %s is listed as a disagreement, but ovacheck and the oracle both say %s now: remove the line",
				path, ex.Line, o.Key, o.Ours)
		case o.Ours == o.Theirs:
			c.Agreed++
		case !isListed:
			t.Errorf("unlisted disagreement: ovacheck %s, oracle %s (%s); fix it or list it in %s:\n%s\t%s\t%s\tREASON",
				o.Ours, o.Theirs, o.Detail, path, o.Key, o.Ours, o.Theirs)
		case ex.Ours != o.Ours || ex.Theirs != o.Theirs:
			t.Errorf("%s:%d: %s is listed as ovacheck %s, oracle %s, but now ovacheck says %s and the oracle %s (%s)",
				path, ex.Line, o.Key, ex.Ours, ex.Theirs, o.Ours, o.Theirs, o.Detail)
		default:
			c.Listed++
			if strings.HasPrefix(ex.Reason, "BUG:") {
				c.Bugs = append(c.Bugs, o.Key+": "+ex.Reason)
			}
		}
	}
	for key, ex := range listed {
		if !seen[key] && !absent(key) {
			t.Errorf("%s:%d: %s is listed but was not judged: remove the line", path, ex.Line, key)
		}
	}
	slices.Sort(c.Bugs)
	return c
}
