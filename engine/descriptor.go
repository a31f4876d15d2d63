package engine

import (
	"github.com/ovacheck/ovacheck/engine/report"
	"github.com/ovacheck/ovacheck/engine/rules"
)

// descriptor assembles a descriptor checked on its own: no member, no
// manifest, no certificate.
func (a *assembler) descriptor() {
	v := a.v
	v.descriptorOnly = true
	v.descName, v.descData = a.src.name, a.src.data
	v.skipped = []string{"file presence", "file sizes", "manifest", "signature", "digests"}
	a.add(rules.PkgDescriptorOnly.New(report.InMember(v.descName),
		"only the descriptor was checked: file presence, sizes, manifest, signature and digests were skipped"))
	a.parse()
}
