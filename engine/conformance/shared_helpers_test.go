package conformance

import (
	"github.com/ovacheck/ovacheck/engine/internal/descriptortest"
)

// The descriptor test helpers shared with package envelope, under the names
// the reference, disk and hardware tests use.
type fakeFiles = descriptortest.Files

// want is an expected finding: rule, the text it points at, words of its
// message.
type want = descriptortest.Want

// archiveFiles are fakeFiles that are members of an OVA.
type archiveFiles struct{ fakeFiles }

func (archiveFiles) InArchive() bool { return true }

const good = descriptortest.Good

var (
	posOf          = descriptortest.PosOf
	assertFindings = descriptortest.Assert
	dump           = descriptortest.Dump
	errorsOf       = descriptortest.Errors
)
