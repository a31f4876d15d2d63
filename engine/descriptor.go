package engine

import (
	"github.com/ovacheck/ovacheck/engine/conformance"
	"github.com/ovacheck/ovacheck/engine/report"
	"github.com/ovacheck/ovacheck/engine/rules"
)

// runDescriptor checks a descriptor on its own.
func (c *checker) runDescriptor() error {
	c.descName = c.src.name
	c.descData = c.src.data
	c.rep.Skipped = []string{"file presence", "file sizes", "manifest", "signature", "digests"}
	c.add(rules.PkgDescriptorOnly.New(report.InMember(c.descName),
		"only the descriptor was checked: file presence, sizes, manifest, signature and digests were skipped"))
	c.parseDescriptor()
	if c.env != nil {
		c.add(conformance.Check(c.env, nil)...)
	}
	c.fileTable(nil)
	c.rep.Files = append(c.rep.Files, report.File{Member: c.descName, Offset: -1, Size: c.src.size,
		Manifest: report.NotChecked, Role: "descriptor"})
	return nil
}
