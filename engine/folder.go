package engine

import (
	"context"
	"io"
	"io/fs"
	"path"
	"strings"

	"github.com/ovacheck/ovacheck/engine/internal/pkgname"
)

// runFolder checks a descriptor and the files beside it. Only the files the
// descriptor and manifest name, and the manifest and certificate sharing
// the descriptor's base name, are members: other files in the folder are
// not part of the package.
func (c *checker) runFolder(ctx context.Context) error {
	c.unsentAllowed = c.o.unsent
	dir := path.Dir(c.src.descriptor)
	c.addFolderFile(dir, path.Base(c.src.descriptor))
	c.descName = path.Base(c.src.descriptor)
	base := strings.TrimSuffix(c.descName, path.Ext(c.descName))
	for _, ext := range []string{".mf", ".cert"} {
		if name := c.findSibling(dir, base+ext); name != "" {
			c.addFolderFile(dir, name)
		}
	}
	c.mfName = c.pickSidecar(base, ".mf")
	c.certName = c.pickSidecar(base, ".cert")
	if err := c.readSmallMembers(); err != nil {
		return err
	}
	c.parseDescriptor()
	hrefs, chunked := c.referencedHrefs()
	for _, h := range hrefs {
		if !chunked[h] {
			c.addFolderFile(dir, h)
			continue
		}
		for i := 0; c.addFolderFile(dir, pkgname.Chunk(h, i)); i++ {
		}
	}
	c.parseManifest()
	if c.mf != nil {
		for _, name := range c.mf.Files() {
			c.addFolderFile(dir, name)
		}
	}
	if un := c.unsent(); len(un) > 0 {
		c.rep.Skipped = append(c.rep.Skipped, "presence, sizes and digests of files not sent: "+strings.Join(un, ", "))
	}
	c.judgeStructure()
	return c.digestPhase(ctx)
}

// findSibling returns the name of the file in dir called name, matching
// case-insensitively when there is no exact match, or "".
func (c *checker) findSibling(dir, name string) string {
	if _, err := fs.Stat(c.src.fsys, path.Join(dir, name)); err == nil {
		return name
	}
	entries, err := fs.ReadDir(c.src.fsys, dir)
	if err != nil {
		return ""
	}
	for _, e := range entries {
		if strings.EqualFold(e.Name(), name) && e.Type().IsRegular() {
			return e.Name()
		}
	}
	return ""
}

// addFolderFile adds dir/name as a member if it is a regular file the
// source can read at random, and reports whether it exists. Names that are
// not plain relative paths inside the folder are never opened.
func (c *checker) addFolderFile(dir, name string) bool {
	if _, seen := c.members.ix.Has(name); seen {
		return true
	}
	p := path.Join(dir, name)
	if !fs.ValidPath(p) || strings.Contains(name, "\\") || (dir != "." && !strings.HasPrefix(p, dir+"/")) {
		return false
	}
	// Stat first: opening a FIFO or device named like a disk would block
	// or read without end.
	st, err := fs.Stat(c.src.fsys, p)
	if err != nil || !st.Mode().IsRegular() {
		return false
	}
	f, err := c.src.fsys.Open(p)
	if err != nil {
		return false
	}
	c.closers = append(c.closers, f)
	m := &member{name: name, size: st.Size(), offset: -1}
	if ra, ok := f.(io.ReaderAt); ok {
		m.r = ra
	}
	c.members.add(m)
	return true
}
