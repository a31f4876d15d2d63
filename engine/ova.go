package engine

import (
	"context"
	"fmt"

	"github.com/ovacheck/ovacheck/engine/archive"
	"github.com/ovacheck/ovacheck/engine/internal/digest"
)

// runOVA checks an archive read at random: index the headers, read and
// judge the small members, then hash what the manifest lists.
func (c *checker) runOVA(ctx context.Context) error {
	c.progress(Progress{Phase: "index", Total: c.src.size})
	idx, err := archive.Open(c.src.ra, c.src.size, c.src.name)
	if err != nil {
		return fmt.Errorf("engine: reading %s: %w", c.src.name, err)
	}
	if inside := c.compressedRunner(idx.Kind); inside != nil {
		return inside(ctx) // a gzip or zip .ova: the package inside is checked (compressed.go)
	}
	c.index = idx
	c.add(idx.Findings...)
	if !idx.Complete {
		c.rep.Complete = false
	}
	if idx.Kind != archive.KindTar {
		// Not an archive, but the checksum a vendor published may still
		// be of these bytes (a compressed .ova, say).
		if algs := c.wholeFileAlgorithms(); len(algs) > 0 {
			whole, _, err := digest.Whole(ctx, c.src.ra, c.src.size, algs, nil, nil)
			if err != nil {
				return err
			}
			c.rep.WholeFile = whole.Strings()
			c.judgeWholeFile()
		}
		return nil
	}
	for _, m := range idx.Members {
		if !m.Regular() {
			continue
		}
		mm := &member{name: m.Name, size: m.Size, offset: m.DataOffset, r: c.src.ra, base: m.DataOffset}
		if m.DataOffset+m.Size > c.src.size {
			// Cut short (the archive findings say so): there is nothing
			// whole to read, probe or hash.
			mm.r = nil
		}
		c.members.add(mm)
	}
	if err := c.readSmallMembers(); err != nil {
		return err
	}
	c.judgeStructure()
	return c.digestPhase(ctx)
}
