package engine

import (
	"github.com/ovacheck/ovacheck/engine/internal/digest"
	"github.com/ovacheck/ovacheck/engine/report"
)

// fileTable is the report's file table: each member with its role, the
// digests computed, the disk image probed and its manifest status (status
// nil before the digests are judged), then the files the manifest lists
// that the package lacks.
func fileTable(v *pkgView, o *options, computed map[string]digest.Set, images map[string]*report.DiskImage, status map[string]report.ManifestStatus) []report.File {
	if v.descriptorOnly {
		return []report.File{{Member: v.descName, Offset: -1, Size: v.input.Size,
			Manifest: report.NotChecked, Role: "descriptor"}}
	}
	roles := roles(v)
	files := make([]report.File, 0, len(v.members.list))
	for _, m := range v.members.list {
		f := report.File{Member: m.name, Offset: m.offset, Size: m.size, Role: roles[m.name],
			Digests: computed[m.name].Strings(), Disk: images[m.name]}
		switch {
		case m.name == v.mfName:
			f.Manifest = report.IsManifest
		case m.name == v.certName:
			f.Manifest = report.IsCertificate
		case v.mf == nil:
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
	if v.mf != nil {
		for _, name := range v.mf.Files() {
			if _, ok := v.members.lookup(name); !ok && name != v.mfName && name != v.certName {
				status := report.Missing
				if o.unsent {
					status = report.NotChecked
				}
				files = append(files, report.File{Member: name, Offset: -1, Manifest: status, Role: roleOr(roles[name], "extra")})
			}
		}
	}
	return files
}

// roles names what each member is for.
func roles(v *pkgView) map[string]string {
	roles := map[string]string{}
	for _, m := range v.members.list {
		roles[m.name] = "extra"
	}
	for _, h := range v.expandedHrefs() {
		if m, ok := v.members.lookup(h); ok {
			roles[m.name] = "file"
		} else {
			roles[h] = "file"
		}
	}
	if v.env != nil && v.env.DiskSection != nil {
		hrefOf := map[string]string{}
		for _, f := range v.env.References {
			hrefOf[f.ID] = f.Href
		}
		for _, d := range v.env.DiskSection.Disks {
			if href, ok := hrefOf[d.FileRef]; ok {
				if m, ok := v.members.lookup(href); ok {
					roles[m.name] = "disk"
				}
			}
		}
	}
	roles[v.descName] = "descriptor"
	if v.mfName != "" {
		roles[v.mfName] = "manifest"
	}
	if v.certName != "" {
		roles[v.certName] = "certificate"
	}
	return roles
}

func roleOr(role, fallback string) string {
	if role == "" {
		return fallback
	}
	return role
}
