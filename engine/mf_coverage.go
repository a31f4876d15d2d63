package engine

import (
	"github.com/ovacheck/ovacheck/engine/internal/assemble"
	"github.com/ovacheck/ovacheck/engine/manifest"
	"github.com/ovacheck/ovacheck/engine/report"
)

// coverageFindings is the manifest coverage pass (the MF rules on what the
// manifest lists, manifest.CheckCoverage) over the parsed manifest, which
// must not be nil. With unsent (WithUnsentFilesUnchecked) every listed
// file counts as present.
func coverageFindings(v *assemble.View, unsent bool) []report.Finding {
	return manifest.CheckCoverage(v.Manifest, manifest.Coverage{
		Member:     v.ManifestName,
		Descriptor: v.DescName,
		Referenced: v.ExpandedHrefs(),
		Present: func(n string) bool {
			_, ok := v.Members.Lookup(n)
			return ok || unsent
		},
		Certificate: v.CertName,
	})
}
