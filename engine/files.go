package engine

import (
	"github.com/ovacheck/ovacheck/engine/internal/assemble"
	"github.com/ovacheck/ovacheck/engine/internal/digest"
	"github.com/ovacheck/ovacheck/engine/report"
)

// fileTable is the report's file table: each member with its role, the
// digests computed, the disk image probed and its manifest status (status
// nil before the digests are judged), then the files the manifest lists
// that the package lacks.
func fileTable(v *assemble.View, o *options, computed map[string]digest.Set, images map[string]*report.DiskImage, status map[string]report.ManifestStatus) []report.File {
	if v.DescriptorOnly {
		return []report.File{{Member: v.DescName, Offset: -1, Size: v.Input.Size,
			Manifest: report.NotChecked, Role: "descriptor"}}
	}
	roles := roles(v)
	files := make([]report.File, 0, len(v.Members.List))
	for _, m := range v.Members.List {
		f := report.File{Member: m.Name, Offset: m.Offset, Size: m.Size, Role: roles[m.Name],
			Digests: computed[m.Name].Strings(), Disk: images[m.Name]}
		switch {
		case m.Name == v.ManifestName:
			f.Manifest = report.IsManifest
		case m.Name == v.CertName:
			f.Manifest = report.IsCertificate
		case v.Manifest == nil:
			f.Manifest = report.NoManifest
		case status == nil:
			f.Manifest = report.NotChecked
		default:
			if s, ok := status[m.Name]; ok {
				f.Manifest = s
			} else {
				f.Manifest = report.Unlisted
			}
		}
		files = append(files, f)
	}
	if v.Manifest != nil {
		for _, name := range v.Manifest.Files() {
			if _, ok := v.Members.Lookup(name); !ok && name != v.ManifestName && name != v.CertName {
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
func roles(v *assemble.View) map[string]string {
	roles := map[string]string{}
	for _, m := range v.Members.List {
		roles[m.Name] = "extra"
	}
	for _, h := range v.ExpandedHrefs() {
		if m, ok := v.Members.Lookup(h); ok {
			roles[m.Name] = "file"
		} else {
			roles[h] = "file"
		}
	}
	if v.Env != nil && v.Env.DiskSection != nil {
		hrefOf := map[string]string{}
		for _, f := range v.Env.References {
			hrefOf[f.ID] = f.Href
		}
		for _, d := range v.Env.DiskSection.Disks {
			if href, ok := hrefOf[d.FileRef]; ok {
				if m, ok := v.Members.Lookup(href); ok {
					roles[m.Name] = "disk"
				}
			}
		}
	}
	roles[v.DescName] = "descriptor"
	if v.ManifestName != "" {
		roles[v.ManifestName] = "manifest"
	}
	if v.CertName != "" {
		roles[v.CertName] = "certificate"
	}
	return roles
}

func roleOr(role, fallback string) string {
	if role == "" {
		return fallback
	}
	return role
}
