package assemble

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
	dir := path.Dir(a.src.Descriptor)
	a.addFolderFile(dir, path.Base(a.src.Descriptor))
	v.DescName = path.Base(a.src.Descriptor)
	base := strings.TrimSuffix(v.DescName, path.Ext(v.DescName))
	for _, ext := range []string{".mf", ".cert"} {
		if name := a.findSibling(dir, base+ext); name != "" {
			a.addFolderFile(dir, name)
		}
	}
	v.ManifestName = a.pickSidecar(base, ".mf")
	v.CertName = a.pickSidecar(base, ".cert")
	if err := a.readSmallMembers(); err != nil {
		return err
	}
	a.parse()
	for _, h := range v.Hrefs {
		if !v.Chunked[h] {
			a.addFolderFile(dir, h)
			continue
		}
		for i := 0; a.addFolderFile(dir, pkgname.Chunk(h, i)); i++ {
		}
	}
	if v.Manifest != nil {
		for _, name := range v.Manifest.Files() {
			a.addFolderFile(dir, name)
		}
	}
	if a.o.Unsent {
		v.Unsent = a.unsent()
	}
	if len(v.Unsent) > 0 {
		v.Skipped = append(v.Skipped, "presence, sizes and digests of files not sent: "+strings.Join(v.Unsent, ", "))
	}
	return nil
}

// unsent lists the files the descriptor references that the folder lacks.
func (a *assembler) unsent() []string {
	var out []string
	for _, h := range a.v.Hrefs {
		name := h
		if a.v.Chunked[h] {
			name = pkgname.Chunk(h, 0)
		}
		if _, ok := a.v.Members.Lookup(name); !ok {
			out = append(out, name)
		}
	}
	return out
}

// findSibling returns the name of the file in dir called name, matching
// case-insensitively when there is no exact match, or "".
func (a *assembler) findSibling(dir, name string) string {
	if _, err := fs.Stat(a.src.FS, path.Join(dir, name)); err == nil {
		return name
	}
	entries, err := fs.ReadDir(a.src.FS, dir)
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
	if _, seen := a.v.Members.ix.Has(name); seen {
		return true
	}
	p := path.Join(dir, name)
	if !fs.ValidPath(p) || strings.Contains(name, "\\") || (dir != "." && !strings.HasPrefix(p, dir+"/")) {
		return false
	}
	// Stat first: opening a FIFO or device named like a disk would block
	// or read without end.
	st, err := fs.Stat(a.src.FS, p)
	if err != nil || !st.Mode().IsRegular() {
		return false
	}
	f, err := a.src.FS.Open(p)
	if err != nil {
		return false
	}
	a.v.closers = append(a.v.closers, f)
	m := &Member{Name: name, Size: st.Size(), Offset: -1}
	if ra, ok := f.(io.ReaderAt); ok {
		m.R = ra
	}
	a.v.Members.add(m)
	return true
}
