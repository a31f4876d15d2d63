package assemble

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
	a.m.Progress("index", "", 0, src.Size)
	idx, err := archive.Open(src.ReaderAt, src.Size, src.Name)
	if err != nil {
		return fmt.Errorf("engine: reading %s: %w", src.Name, err)
	}
	switch idx.Kind {
	case archive.KindGzip:
		return a.gzipOVA(ctx)
	case archive.KindZip:
		return a.zipOVA(ctx)
	}
	v.Whole = src.ReaderAt
	v.Index = idx
	a.add(idx.Findings...)
	v.Incomplete = !idx.Complete
	if idx.Kind != archive.KindTar {
		// Not an archive; the checksum a vendor published may still be
		// of these bytes.
		v.Opaque = true
		return nil
	}
	for _, m := range idx.Members {
		if !m.Regular() {
			continue
		}
		mm := &Member{Name: m.Name, Size: m.Size, Offset: m.DataOffset, R: src.ReaderAt, Base: m.DataOffset}
		if m.DataOffset+m.Size > src.Size {
			// Cut short (the archive findings say so): there is nothing
			// whole to read, probe or hash.
			mm.R = nil
		}
		v.Members.add(mm)
	}
	if err := a.readSmallMembers(); err != nil {
		return err
	}
	a.parse()
	return nil
}
