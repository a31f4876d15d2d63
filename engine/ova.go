package engine

import (
	"context"
	"fmt"

	"github.com/ovacheck/ovacheck/engine/archive"
)

// ova assembles an archive read at random: index the tar headers and read
// the small members; the members' bytes stay where they are, to be hashed
// by the digest phase. Any file that is not a tar is opaque, except the two
// compressed kinds virt-v2v imports (libguestfs/virt-v2v input/OVA.ml
// (parse_ova): tar, gzip- or xz-compressed tar, zip): a gzip- or
// zip-compressed .ova is assembled from the package inside (ovagz.go,
// ovazip.go), and the report still carries PKG001 or PKG002, since
// VMware's tools and the standard want a plain tar. xz is not opened: the
// standard library has no xz reader.
func (a *assembler) ova(ctx context.Context) error {
	src, v := a.src, a.v
	a.m.progress(Progress{Phase: "index", Total: src.size})
	idx, err := archive.Open(src.ra, src.size, src.name)
	if err != nil {
		return fmt.Errorf("engine: reading %s: %w", src.name, err)
	}
	switch idx.Kind {
	case archive.KindGzip:
		return a.gzipOVA(ctx)
	case archive.KindZip:
		return a.zipOVA(ctx)
	}
	v.whole = src.ra
	v.index = idx
	a.add(idx.Findings...)
	v.incomplete = !idx.Complete
	if idx.Kind != archive.KindTar {
		// Not an archive; the checksum a vendor published may still be
		// of these bytes.
		v.opaque = true
		return nil
	}
	for _, m := range idx.Members {
		if !m.Regular() {
			continue
		}
		mm := &member{name: m.Name, size: m.Size, offset: m.DataOffset, r: src.ra, base: m.DataOffset}
		if m.DataOffset+m.Size > src.size {
			// Cut short (the archive findings say so): there is nothing
			// whole to read, probe or hash.
			mm.r = nil
		}
		v.members.add(mm)
	}
	if err := a.readSmallMembers(); err != nil {
		return err
	}
	a.parse()
	return nil
}
