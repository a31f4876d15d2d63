package archive

import (
	"path"
	"slices"
	"strings"

	"github.com/ovacheck/ovacheck/engine/internal/pkgname"
	"github.com/ovacheck/ovacheck/engine/report"
	"github.com/ovacheck/ovacheck/engine/rules"
)

// Layout names the members the descriptor gives a role to. Names are
// member names as the index has them; "" means absent.
type Layout struct {
	// Descriptor, Manifest and Certificate are the members holding the
	// .ovf, .mf and .cert.
	Descriptor, Manifest, Certificate string
	// References are the File hrefs of the descriptor's References, in
	// document order, as written (chunks are not expanded).
	References []string
	// ChunkedHrefs marks the hrefs whose File has ovf:chunkSize: their
	// data is in members named href.000000000, href.000000001, ...
	ChunkedHrefs map[string]bool
}

// CheckLayout judges the member names, types, order and tar dialect of an
// indexed tar archive against DSP0243 5.3 and what consumers require. It
// returns nothing for an index whose Kind is not KindTar.
func CheckLayout(idx *Index, l Layout) []report.Finding {
	if idx == nil || idx.Kind != KindTar {
		return nil
	}
	c := &layoutCheck{idx: idx, l: l, refs: referenceKeys(l)}
	c.names()
	c.descriptorFirst()
	c.sidecars()
	c.sidecarNames()
	c.dataOrder()
	c.dialects()
	return c.out
}

type layoutCheck struct {
	idx  *Index
	l    Layout
	refs map[string]int // member name (cleaned) -> index in References
	out  []report.Finding
}

func (c *layoutCheck) add(f report.Finding) { c.out = append(c.out, f) }

// referenceKeys maps each href's extracted paths (pkgname.HrefPaths) to its
// position in References: a member holds a File's data when its extracted
// name is one of them (PKG025 reports the member named "./x").
func referenceKeys(l Layout) map[string]int {
	keys := make(map[string]int, len(l.References))
	for i, href := range slices.Backward(l.References) {
		for _, p := range pkgname.HrefPaths(href) {
			keys[p] = i
		}
	}
	return keys
}

// position returns the 0-based position of the member called name, or -1.
func (c *layoutCheck) position(name string) int {
	if name == "" {
		return -1
	}
	for i, m := range c.idx.Members {
		if m.Name == name {
			return i
		}
	}
	return -1
}

// refOf returns the References position and chunk number of a member's
// data, or ok false when the member holds no referenced file. A member
// that is not a chunk has chunk -1.
func (c *layoutCheck) refOf(name string) (ref, chunk int, ok bool) {
	key := pkgname.Extracted(name)
	if i, found := c.refs[key]; found && !c.l.ChunkedHrefs[c.l.References[i]] {
		return i, -1, true
	}
	if base, n, isChunk := pkgname.ChunkOf(key); isChunk && base != "" {
		if i, found := c.refs[base]; found && c.l.ChunkedHrefs[c.l.References[i]] {
			return i, n, true
		}
	}
	return 0, 0, false
}

// descriptorFirst checks that the descriptor is the first member.
func (c *layoutCheck) descriptorFirst() {
	d := c.position(c.l.Descriptor)
	if d <= 0 {
		return
	}
	c.add(rules.PkgDescriptorNotFirst.New(report.InMember(c.l.Descriptor),
		"the descriptor %q is member %d of %d; the first member is %q. VMware's tools (ovftool, Workstation, and vSphere deploying from a URL or content library) refuse an OVA whose first member is not the descriptor",
		c.l.Descriptor, d+1, len(c.idx.Members), c.idx.Members[0].Name).
		WithHint("Re-create the archive naming the descriptor first, e.g. tar -cf appliance.ova appliance.ovf appliance.mf disk1.vmdk, or export it with ovftool."))
}

// sidecars checks that the manifest and certificate are either right after
// the descriptor or both at the end of the archive.
func (c *layoutCheck) sidecars() {
	d, mf, cert := c.position(c.l.Descriptor), c.position(c.l.Manifest), c.position(c.l.Certificate)
	last := len(c.idx.Members) - 1
	if d < 0 || (mf < 0 && cert < 0) {
		return
	}
	var ok bool
	switch {
	case mf >= 0 && cert >= 0:
		ok = (mf == d+1 && cert == d+2) || (mf == last-1 && cert == last)
	case mf >= 0:
		ok = mf == d+1 || mf == last
	default:
		ok = cert == d+1 || cert == last
	}
	if ok {
		return
	}
	const rule = "DSP0243 5.3 wants the manifest and certificate either right after the descriptor or both at the end of the archive"
	hint := "Re-create the archive in the order descriptor, manifest, certificate, then the files in References order (ovftool writes this order)."
	switch {
	case mf >= 0 && cert >= 0 && mf == d+1 && cert == last:
		c.add(rules.PkgSidecarPlacement.New(report.InMember(c.l.Certificate),
			"the manifest %q follows the descriptor but the certificate %q is the last member (%d of %d); %s. VMware's ova-compose writes this order, and most consumers accept it",
			c.l.Manifest, c.l.Certificate, cert+1, last+1, rule).WithHint(hint))
	case mf >= 0 && cert >= 0:
		c.add(rules.PkgSidecarPlacement.New(report.InMember(c.l.Manifest),
			"the manifest %q is member %d and the certificate %q member %d of %d, with the descriptor member %d; %s",
			c.l.Manifest, mf+1, c.l.Certificate, cert+1, last+1, d+1, rule).WithHint(hint))
	case mf >= 0:
		c.add(rules.PkgSidecarPlacement.New(report.InMember(c.l.Manifest),
			"the manifest %q is member %d of %d, with the descriptor member %d; %s. Consumers that verify while reading may miss it",
			c.l.Manifest, mf+1, last+1, d+1, rule).WithHint(hint))
	default:
		c.add(rules.PkgSidecarPlacement.New(report.InMember(c.l.Certificate),
			"the certificate %q is member %d of %d, with the descriptor member %d; %s",
			c.l.Certificate, cert+1, last+1, d+1, rule).WithHint(hint))
	}
}

// sidecarNames checks the extensions and base names of the descriptor,
// manifest and certificate.
func (c *layoutCheck) sidecarNames() {
	for _, s := range []struct{ name, ext, what string }{
		{c.l.Descriptor, ".ovf", "descriptor"},
		{c.l.Manifest, ".mf", "manifest"},
		{c.l.Certificate, ".cert", "certificate"},
	} {
		ext := path.Ext(s.name)
		if s.name != "" && ext != s.ext && strings.EqualFold(ext, s.ext) {
			c.add(rules.PkgExtensionCase.New(report.InMember(s.name),
				"the %s %q ends in %q; DSP0243 names the extension %q, and tools that match it case-sensitively will not find the %s",
				s.what, s.name, ext, s.ext, s.what).
				WithHint("Rename the member with a lower-case extension (and update the manifest and certificate that name it)."))
		}
	}
	if c.l.Descriptor == "" {
		return
	}
	base := stem(c.l.Descriptor)
	for _, s := range []struct{ name, ext, what string }{
		{c.l.Manifest, ".mf", "manifest"},
		{c.l.Certificate, ".cert", "certificate"},
	} {
		if s.name != "" && stem(s.name) != base {
			c.add(rules.PkgBaseName.New(report.InMember(s.name),
				"the %s %q does not have the descriptor's base name: with the descriptor %q it must be named %q",
				s.what, s.name, c.l.Descriptor, base+s.ext).
				WithHint("Rename the " + s.what + " to match the descriptor; VirtualBox and XenServer look only for that name and ignore any other."))
		}
	}
}

// stem is a member name without "./" and without its extension.
func stem(name string) string {
	name = pkgname.Extracted(name)
	return strings.TrimSuffix(name, path.Ext(name))
}
