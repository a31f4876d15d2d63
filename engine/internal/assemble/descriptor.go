package assemble

import (
	"github.com/ovacheck/ovacheck/engine/report"
	"github.com/ovacheck/ovacheck/engine/rules"
)

// descriptor assembles a descriptor checked on its own: no member, no
// manifest, no certificate.
func (a *assembler) descriptor() {
	v := a.v
	v.DescriptorOnly = true
	v.DescName, v.DescData = a.src.Name, a.src.Data
	v.Skipped = []string{"file presence", "file sizes", "manifest", "signature", "digests"}
	a.add(rules.PkgDescriptorOnly.New(report.InMember(v.DescName),
		"only the descriptor was checked: file presence, sizes, manifest, signature and digests were skipped"))
	a.parse()
}
