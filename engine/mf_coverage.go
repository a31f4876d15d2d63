package engine

import (
	"github.com/ovacheck/ovacheck/engine/manifest"
	"github.com/ovacheck/ovacheck/engine/report"
)

// coverageFindings is the manifest coverage pass (the MF rules on what the
// manifest lists, manifest.CheckCoverage) over the parsed manifest, which
// must not be nil. With unsent (WithUnsentFilesUnchecked) every listed
// file counts as present.
func coverageFindings(v *pkgView, unsent bool) []report.Finding {
	return manifest.CheckCoverage(v.mf, manifest.Coverage{
		Member:     v.mfName,
		Descriptor: v.descName,
		Referenced: v.expandedHrefs(),
		Present: func(n string) bool {
			_, ok := v.members.lookup(n)
			return ok || unsent
		},
		Certificate: v.certName,
	})
}
