package archive

import (
	"cmp"
	"fmt"
	"path"
	"strings"

	"github.com/ovacheck/ovacheck/engine/internal/pkgname"
	"github.com/ovacheck/ovacheck/engine/report"
	"github.com/ovacheck/ovacheck/engine/rules"
)

// names checks every member's name and type: unsafe names, "./" prefixes,
// subdirectories, duplicates, special members and directories, and members
// nothing references.
func (c *layoutCheck) names() {
	seen := make(map[string]int, len(c.idx.Members))
	for i, m := range c.idx.Members {
		loc := report.InMember(m.Name)
		if why := unsafeName(m.Name); why != "" {
			c.add(rules.PkgUnsafeName.New(loc,
				"member %d has an unsafe name %q (%s): a tool that extracts the archive could write outside its folder, so such a member must never be extracted",
				i+1, m.Name, why).
				WithHint("Re-create the archive from inside the folder that holds the files, so that members have plain relative names such as disk1.vmdk."))
		}
		if m.Typeflag == '5' {
			c.add(rules.PkgDirectoryMember.New(loc,
				"member %d %q is a directory entry; OVF consumers expect only files, and some stop at it",
				i+1, m.Name).
				WithHint("Create the archive by naming the files (tar -cf x.ova x.ovf x.mf disk1.vmdk), not a folder or \".\"."))
			continue
		}
		if kind := specialKind(m); kind != "" {
			c.add(rules.PkgSpecialMember.New(loc,
				"member %d %q is %s; OVF consumers read only regular files, and ovacheck never follows or extracts it",
				i+1, m.Name, kind).
				WithHint("Put the file's contents in the archive as a regular member (tar -h follows symbolic links)."))
		}
		key := pkgname.Extracted(m.Name)
		if strings.HasPrefix(m.Name, "./") {
			c.add(rules.PkgDotSlash.New(loc,
				"member %d %q starts with \"./\"; references name it %q, and consumers that compare names exactly will not find it",
				i+1, m.Name, key).
				WithHint("Create the archive by naming the files, not \".\", so that member names have no \"./\" prefix."))
		}
		if strings.Contains(key, "/") && unsafeName(m.Name) == "" {
			c.add(rules.PkgSubdirectory.New(loc,
				"member %d %q is in a subdirectory; the standard allows it, but VMware's tools put every file at the top level and some importers fail on folders",
				i+1, m.Name).
				WithHint("Put every file at the top level of the archive and reference it by its plain name."))
		}
		if first, dup := seen[key]; dup {
			c.add(rules.PkgDuplicateMember.New(loc,
				"member %d %q has the same name as member %d; DSP0243 forbids duplicate names, and consumers disagree on which of the two they read",
				i+1, m.Name, first+1).
				WithHint("Re-create the archive with each file once."))
		} else {
			seen[key] = i
		}
		c.unreferenced(i, m)
	}
}

// unsafeName says why a name could escape the folder it is extracted
// into, or returns "".
func unsafeName(name string) string {
	switch {
	case name == "":
		return "it is empty"
	case strings.HasPrefix(name, "/"):
		return "it is an absolute path"
	case len(name) >= 2 && name[1] == ':' && isLetter(name[0]):
		return "it starts with a drive letter"
	case strings.Contains(name, "\\"):
		return "it contains a backslash"
	}
	for _, seg := range strings.Split(name, "/") {
		if seg == ".." {
			return "it has a \"..\" segment"
		}
	}
	return ""
}

func isLetter(b byte) bool { return 'a' <= b && b <= 'z' || 'A' <= b && b <= 'Z' }

// specialKind describes a member that is neither a regular file nor a
// directory, or returns "".
func specialKind(m Member) string {
	switch m.Typeflag {
	case '0', '7':
		if m.Sparse {
			return "a GNU sparse file, whose stored bytes are not the file's contents"
		}
		return ""
	case '1':
		return fmt.Sprintf("a hard link to %q", m.Linkname)
	case '2':
		return fmt.Sprintf("a symbolic link to %q", m.Linkname)
	case '3':
		return "a character device"
	case '4':
		return "a block device"
	case '6':
		return "a named pipe (fifo)"
	case 'S':
		return "a GNU sparse file, whose stored bytes are not the file's contents"
	}
	return fmt.Sprintf("of tar type %q, which is not a regular file", string(rune(m.Typeflag)))
}

// unreferenced reports a regular member that is neither the descriptor,
// manifest or certificate nor a file the References list.
func (c *layoutCheck) unreferenced(i int, m Member) {
	if c.l.Descriptor == "" || !m.Regular() || m.Sparse {
		return
	}
	switch m.Name {
	case c.l.Descriptor, c.l.Manifest, c.l.Certificate:
		return
	}
	if _, _, ok := c.refOf(m.Name); ok {
		return
	}
	loc := report.InMember(m.Name)
	if base := path.Base(m.Name); strings.HasPrefix(base, "._") {
		c.add(rules.PkgUnreferenced.New(loc,
			"member %d %q is macOS AppleDouble metadata (a \"._\" file that macOS tar adds), not part of the package; nothing references it",
			i+1, m.Name).
			WithHint("Re-create the archive with COPYFILE_DISABLE=1 set (macOS tar), or with ovftool."))
		return
	}
	c.add(rules.PkgUnreferenced.New(loc,
		"member %d %q is not referenced by the descriptor: it is unprotected (the manifest should cover only referenced files) and ignored by consumers; XenCenter, when asked to verify the manifest, stops at members the manifest does not list",
		i+1, m.Name).
		WithHint("Add a File element for it to References (and to the manifest), or leave it out of the archive."))
}

// dataOrder checks that the referenced files come in References order,
// chunks of one file in chunk order.
func (c *layoutCheck) dataOrder() {
	type pos struct{ ref, chunk int }
	var (
		best     pos
		bestName string
		have     bool
	)
	for i, m := range c.idx.Members {
		if !m.Regular() {
			continue
		}
		ref, chunk, ok := c.refOf(m.Name)
		if !ok {
			continue
		}
		p := pos{ref, chunk}
		order := cmp.Or(cmp.Compare(p.ref, best.ref), cmp.Compare(p.chunk, best.chunk))
		switch {
		case !have || order > 0:
			best, bestName, have = p, m.Name, true
		case order < 0:
			c.add(rules.PkgDataOrder.New(report.InMember(m.Name),
				"member %d %q comes after %q, but References lists it before (file %d against file %d); DSP0243 5.3 wants the files in References order, and consumers that read the archive in one pass may not find it",
				i+1, m.Name, bestName, p.ref+1, best.ref+1).
				WithHint("Re-create the archive with the files in the order References lists them (ovftool does this)."))
		}
	}
}

// dialects reports tar headers outside POSIX ustar.
func (c *layoutCheck) dialects() {
	type seen struct {
		count int
		first string
	}
	byFormat := map[string]*seen{}
	for _, m := range c.idx.Members {
		s := byFormat[m.Format]
		if s == nil {
			s = &seen{first: m.Name}
			byFormat[m.Format] = s
		}
		s.count++
		if m.Base256Size {
			c.add(rules.PkgBase256Size.New(report.InMember(m.Name),
				"member %q is %d bytes, so its size is written in GNU base-256 encoding, beyond POSIX ustar's 8 GiB limit; GNU tar and VMware read it, but strict ustar readers do not",
				m.Name, m.Size).
				WithHint("Keep it if your consumers are VMware and GNU tar based; otherwise split the disk (ovf:chunkSize) into chunks under 8 GiB."))
		}
	}
	for _, d := range []struct{ format, what string }{
		{FormatGNU, "GNU tar headers (magic \"ustar  \")"},
		{FormatOVFTool, "the headers VMware ovftool writes (magic \"ustar\" with version \" \")"},
		{FormatV7, "old V7 tar headers without a ustar magic"},
	} {
		if s := byFormat[d.format]; s != nil {
			c.add(rules.PkgTarDialect.New(report.InMember(s.first),
				"%s %s rather than POSIX ustar as DSP0243 5.3 asks; VMware, VirtualBox and GNU tar read them",
				howMany(s.count, len(c.idx.Members), s.first), d.what).
				WithHint("No action is needed for common consumers; for strict ustar, re-create the archive with tar --format=ustar."))
		}
	}
	if s := byFormat[FormatPAX]; s != nil {
		c.add(rules.PkgPAX.New(report.InMember(s.first),
			"%s PAX extended headers; vSphere does not support PAX tar archives",
			howMany(s.count, len(c.idx.Members), s.first)).
			WithHint("Re-create the archive with tar --format=ustar, or --format=gnu when a member is 8 GiB or larger (VMware's ova-compose does this)."))
	}
}

// howMany says which of total members use a header dialect, naming the
// first of them.
func howMany(count, total int, first string) string {
	switch {
	case total == 1:
		return fmt.Sprintf("the only member, %q, uses", first)
	case count == total:
		return fmt.Sprintf("all %d members use", total)
	case count == 1:
		return fmt.Sprintf("member %q uses", first)
	}
	return fmt.Sprintf("%d of %d members, the first %q, use", count, total, first)
}
