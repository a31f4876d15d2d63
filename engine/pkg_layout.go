package engine

import (
	"github.com/ovacheck/ovacheck/engine/archive"
	"github.com/ovacheck/ovacheck/engine/internal/assemble"
	"github.com/ovacheck/ovacheck/engine/report"
)

// layoutFindings is the archive layout pass (the PKG member, order and tar
// dialect rules, archive.CheckLayout): nothing unless the package is a tar
// archive.
func layoutFindings(v *assemble.View) []report.Finding {
	if v.Index == nil {
		return nil
	}
	hrefs, chunked := v.Hrefs, v.Chunked
	return archive.CheckLayout(v.Index, archive.Layout{
		Descriptor: v.DescName, Manifest: v.ManifestName, Certificate: v.CertName,
		References: hrefs, ChunkedHrefs: chunked,
	})
}
