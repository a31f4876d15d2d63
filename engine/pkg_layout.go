package engine

import (
	"github.com/ovacheck/ovacheck/engine/archive"
	"github.com/ovacheck/ovacheck/engine/report"
)

// layoutFindings is the archive layout pass (the PKG member, order and tar
// dialect rules, archive.CheckLayout): nothing unless the package is a tar
// archive.
func layoutFindings(v *pkgView) []report.Finding {
	if v.index == nil {
		return nil
	}
	hrefs, chunked := v.hrefs, v.chunked
	return archive.CheckLayout(v.index, archive.Layout{
		Descriptor: v.descName, Manifest: v.mfName, Certificate: v.certName,
		References: hrefs, ChunkedHrefs: chunked,
	})
}
