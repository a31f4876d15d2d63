package engine

import (
	"context"

	"github.com/ovacheck/ovacheck/engine/archive"
)

// compressedRunner returns how to check inside an .ova whose bytes are of
// kind (as archive.Sniff names it), or nil when ovacheck does not look
// inside that kind. Both kinds it opens are ones virt-v2v imports
// (libguestfs/virt-v2v input/OVA.ml (parse_ova): tar, gzip- or
// xz-compressed tar, zip); the report still carries PKG001 or PKG002,
// since VMware's tools and the standard want a plain tar. xz is not
// opened: the standard library has no xz reader.
func (c *checker) compressedRunner(kind string) func(context.Context) error {
	switch kind {
	case archive.KindGzip:
		return c.runGzipOVA
	case archive.KindZip:
		return c.runZipOVA
	}
	return nil
}
