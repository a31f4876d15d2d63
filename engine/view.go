package engine

import (
	"github.com/ovacheck/ovacheck/engine/archive"
	"github.com/ovacheck/ovacheck/engine/envelope"
	"github.com/ovacheck/ovacheck/engine/report"
)

// pkgView is the package as its source assembles it (ova.go, folder.go,
// stream.go, descriptor.go, ovagz.go, ovazip.go): the members in order,
// found by name with the one set of name rules (members.go, package
// pkgname); the archive index; and the descriptor, manifest and
// certificate, each read whole once (smallmembers.go). Only the source
// that assembles it writes it; the checks read it.
type pkgView struct {
	members memberSet
	index   *archive.Index // nil unless the source is an archive

	// The descriptor, manifest and certificate: their member names ("" when
	// absent) and bytes (nil when not read).
	descName, mfName, certName string
	descData, mfData, certData []byte
}

// descAt locates a position in the descriptor.
func (v *pkgView) descAt(p envelope.Pos) report.Location {
	return report.At(v.descName, p.Line, p.Column)
}
