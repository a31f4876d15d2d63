package rules

import (
	"io/fs"
	"strings"
	"testing"

	"github.com/ovacheck/ovacheck/engine/report"
)

// TestCatalogue checks that the registry and the docs agree: every rule has
// a title, a valid severity and a document that starts with its ID, and
// every document belongs to a rule.
func TestCatalogue(t *testing.T) {
	if len(All()) == 0 {
		t.Fatal("no rules registered")
	}
	for _, r := range All() {
		if r.Title == "" || strings.ToLower(r.Title[:1]) != r.Title[:1] {
			t.Errorf("%s: title %q must be a lower-case phrase", r.ID, r.Title)
		}
		switch r.Severity {
		case report.Error, report.Warning, report.Info:
		default:
			t.Errorf("%s: bad severity %q", r.ID, r.Severity)
		}
		doc := r.Doc()
		if doc == "" {
			t.Errorf("%s: no docs/%s.md", r.ID, r.ID)
			continue
		}
		if !strings.HasPrefix(doc, "# "+r.ID+" ") {
			t.Errorf("%s: doc must start with %q", r.ID, "# "+r.ID+" ")
		}
	}
	entries, err := fs.ReadDir(docs, "docs")
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		id := strings.TrimSuffix(e.Name(), ".md")
		if _, ok := Lookup(id); !ok {
			t.Errorf("docs/%s has no registered rule", e.Name())
		}
	}
}
