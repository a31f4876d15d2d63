package engine

import (
	"github.com/ovacheck/ovacheck/engine/report"
)

// fileTable fills the report's file table from the members, their roles,
// the digests computed and the manifest statuses (nil before digests).
func (c *checker) fileTable(status map[string]report.ManifestStatus) {
	roles := c.roles()
	files := make([]report.File, 0, len(c.members.list))
	for _, m := range c.members.list {
		f := report.File{Member: m.name, Offset: m.offset, Size: m.size, Role: roles[m.name],
			Digests: c.computed[m.name].Strings(), Disk: c.images[m.name]}
		switch {
		case m.name == c.mfName:
			f.Manifest = report.IsManifest
		case m.name == c.certName:
			f.Manifest = report.IsCertificate
		case c.mf == nil:
			f.Manifest = report.NoManifest
		case status == nil:
			f.Manifest = report.NotChecked
		default:
			if s, ok := status[m.name]; ok {
				f.Manifest = s
			} else {
				f.Manifest = report.Unlisted
			}
		}
		files = append(files, f)
	}
	if c.mf != nil {
		for _, name := range c.mf.Files() {
			if _, ok := c.members.lookup(name); !ok && name != c.mfName && name != c.certName {
				status := report.Missing
				if c.o.unsent {
					status = report.NotChecked
				}
				files = append(files, report.File{Member: name, Offset: -1, Manifest: status, Role: roleOr(roles[name], "extra")})
			}
		}
	}
	c.rep.Files = files
}

// roles names what each member is for.
func (c *checker) roles() map[string]string {
	roles := map[string]string{}
	for _, m := range c.members.list {
		roles[m.name] = "extra"
	}
	for _, h := range c.expandedHrefs() {
		if m, ok := c.members.lookup(h); ok {
			roles[m.name] = "file"
		} else {
			roles[h] = "file"
		}
	}
	if c.env != nil && c.env.DiskSection != nil {
		hrefOf := map[string]string{}
		for _, f := range c.env.References {
			hrefOf[f.ID] = f.Href
		}
		for _, d := range c.env.DiskSection.Disks {
			if href, ok := hrefOf[d.FileRef]; ok {
				if m, ok := c.members.lookup(href); ok {
					roles[m.name] = "disk"
				}
			}
		}
	}
	roles[c.descName] = "descriptor"
	if c.mfName != "" {
		roles[c.mfName] = "manifest"
	}
	if c.certName != "" {
		roles[c.certName] = "certificate"
	}
	return roles
}

func roleOr(role, fallback string) string {
	if role == "" {
		return fallback
	}
	return role
}
