package engine

import (
	"io"
	"io/fs"
	"path"
	"strings"

	"github.com/ovacheck/ovacheck/engine/internal/pkgname"
)

// folder assembles a descriptor and the files beside it. Only the files
// the descriptor and manifest name, and the manifest and certificate
// sharing the descriptor's base name, are members: other files in the
// folder are not part of the package.
func (a *assembler) folder() error {
	v := a.v
	dir := path.Dir(a.src.descriptor)
	a.addFolderFile(dir, path.Base(a.src.descriptor))
	v.descName = path.Base(a.src.descriptor)
	base := strings.TrimSuffix(v.descName, path.Ext(v.descName))
	for _, ext := range []string{".mf", ".cert"} {
		if name := a.findSibling(dir, base+ext); name != "" {
			a.addFolderFile(dir, name)
		}
	}
	v.mfName = a.pickSidecar(base, ".mf")
	v.certName = a.pickSidecar(base, ".cert")
	if err := a.readSmallMembers(); err != nil {
		return err
	}
	a.parse()
	for _, h := range v.hrefs {
		if !v.chunked[h] {
			a.addFolderFile(dir, h)
			continue
		}
		for i := 0; a.addFolderFile(dir, pkgname.Chunk(h, i)); i++ {
		}
	}
	if v.mf != nil {
		for _, name := range v.mf.Files() {
			a.addFolderFile(dir, name)
		}
	}
	if a.o.unsent {
		v.unsent = a.unsent()
	}
	if len(v.unsent) > 0 {
		v.skipped = append(v.skipped, "presence, sizes and digests of files not sent: "+strings.Join(v.unsent, ", "))
	}
	return nil
}

// unsent lists the files the descriptor references that the folder lacks.
func (a *assembler) unsent() []string {
	var out []string
	for _, h := range a.v.hrefs {
		name := h
		if a.v.chunked[h] {
			name = pkgname.Chunk(h, 0)
		}
		if _, ok := a.v.members.lookup(name); !ok {
			out = append(out, name)
		}
	}
	return out
}

// findSibling returns the name of the file in dir called name, matching
// case-insensitively when there is no exact match, or "".
func (a *assembler) findSibling(dir, name string) string {
	if _, err := fs.Stat(a.src.fsys, path.Join(dir, name)); err == nil {
		return name
	}
	entries, err := fs.ReadDir(a.src.fsys, dir)
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
func (a *assembler) addFolderFile(dir, name string) bool {
	if _, seen := a.v.members.ix.Has(name); seen {
		return true
	}
	p := path.Join(dir, name)
	if !fs.ValidPath(p) || strings.Contains(name, "\\") || (dir != "." && !strings.HasPrefix(p, dir+"/")) {
		return false
	}
	// Stat first: opening a FIFO or device named like a disk would block
	// or read without end.
	st, err := fs.Stat(a.src.fsys, p)
	if err != nil || !st.Mode().IsRegular() {
		return false
	}
	f, err := a.src.fsys.Open(p)
	if err != nil {
		return false
	}
	a.v.closers = append(a.v.closers, f)
	m := &member{name: name, size: st.Size(), offset: -1}
	if ra, ok := f.(io.ReaderAt); ok {
		m.r = ra
	}
	a.v.members.add(m)
	return true
}
