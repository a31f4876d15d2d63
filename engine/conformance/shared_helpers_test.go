package conformance

import (
	"testing"

	"github.com/ovacheck/ovacheck/engine/internal/descriptortest"
	"github.com/ovacheck/ovacheck/engine/report"
)

// The descriptor test helpers shared with package envelope, under the names
// the reference, disk and hardware tests use.
type fakeFiles = descriptortest.Files

// want is an expected finding: rule, the text it points at, words of its
// message (descriptortest.Want, written unkeyed in the tables).
type want struct{ rule, at, msg string }

// archiveFiles are fakeFiles that are members of an OVA.
type archiveFiles struct{ fakeFiles }

func (archiveFiles) InArchive() bool { return true }

func assertFindings(t *testing.T, doc string, got []report.Finding, wants []want) {
	t.Helper()
	ws := make([]descriptortest.Want, len(wants))
	for i, w := range wants {
		ws[i] = descriptortest.Want{Rule: w.rule, At: w.at, Msg: w.msg}
	}
	descriptortest.Assert(t, doc, got, ws)
}

const good = descriptortest.Good

var (
	posOf    = descriptortest.PosOf
	dump     = descriptortest.Dump
	errorsOf = descriptortest.Errors
)
