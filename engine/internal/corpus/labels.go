package corpus

import (
	"testing"

	"github.com/ovacheck/ovacheck/engine/report"
	"github.com/ovacheck/ovacheck/engine/rules"
)

// Labels judges descriptors against the corpus's labels: one labelled
// valid must give no error unless the exception list says why it should;
// those labelled invalid are counted, and the ones that give no error are
// logged.
type Labels struct {
	exceptions map[string]string
	seen       map[string]bool

	Checked, Findings, ValidErrors, InvalidCaught, InvalidTotal int
}

// NewLabels returns a judge with the exception list (path to reason).
func NewLabels(exceptions map[string]string) *Labels {
	return &Labels{exceptions: exceptions, seen: map[string]bool{}}
}

// Judge records the findings of the descriptor of row.
func (l *Labels) Judge(tb testing.TB, row Row, fs []report.Finding) {
	tb.Helper()
	l.Checked++
	l.Findings += len(fs)
	var errs []report.Finding
	for _, f := range fs {
		if _, ok := rules.Lookup(f.Rule); !ok {
			tb.Errorf("%s: unregistered rule %s", row.Path, f.Rule)
		}
		if f.Severity == report.Error {
			errs = append(errs, f)
		}
	}
	reason, excepted := l.exceptions[row.Path]
	l.seen[row.Path] = l.seen[row.Path] || excepted
	switch row.Status {
	case "valid":
		if len(errs) > 0 && !excepted {
			l.ValidErrors++
			for _, f := range errs {
				tb.Errorf("%s (valid): %s %d:%d %s", row.Path, f.Rule, f.Location.Line, f.Location.Column, f.Message)
			}
		}
		if len(errs) == 0 && excepted {
			tb.Errorf("%s: listed as an exception (%s) but gives no error", row.Path, reason)
		}
	case "invalid":
		l.InvalidTotal++
		if len(errs) > 0 {
			l.InvalidCaught++
		} else {
			tb.Logf("invalid but no error: %s (%s)", row.Path, row.Why)
		}
	}
}

// Finish reports exceptions that name no corpus descriptor, and logs the
// figures.
func (l *Labels) Finish(tb testing.TB) {
	tb.Helper()
	for path := range l.exceptions {
		if !l.seen[path] {
			tb.Errorf("the exception list names %s, which is not in INDEX.tsv", path)
		}
	}
	tb.Logf("corpus: %d descriptors checked, %d findings; valid with unexpected errors: %d; invalid with an error: %d of %d",
		l.Checked, l.Findings, l.ValidErrors, l.InvalidCaught, l.InvalidTotal)
}
