package engine

import (
	"io"
	"strconv"
	"strings"

	"github.com/ovacheck/ovacheck/engine/disk"
	"github.com/ovacheck/ovacheck/engine/envelope"
)

// diskMembers pairs each Disk of the descriptor with the member holding its
// image (only unchunked files: a chunked image is probed through its first
// chunk only when uncompressed, which the probes cannot tell apart yet).
func (c *checker) diskMembers() map[*member]envelope.Disk {
	out := map[*member]envelope.Disk{}
	if c.env == nil || c.env.DiskSection == nil {
		return out
	}
	files := map[string]envelope.File{}
	for _, f := range c.env.References {
		files[f.ID] = f
	}
	for _, d := range c.env.DiskSection.Disks {
		f, ok := files[d.FileRef]
		if !ok || f.ChunkSize != nil {
			continue
		}
		if m, ok := c.members.lookup(f.Href); ok && m.r != nil {
			out[m] = d
		}
	}
	return out
}

// compression returns the ovf:compression of the File stored in member m,
// from a map of members to Files built once.
func (c *checker) compression(m *member) string {
	if c.fileOf == nil {
		c.fileOf = map[*member]envelope.File{}
		if c.env != nil {
			for _, f := range c.env.References {
				if mm, ok := c.members.lookup(f.Href); ok {
					if _, seen := c.fileOf[mm]; !seen {
						c.fileOf[mm] = f
					}
				}
			}
		}
	}
	return c.fileOf[m].Compression
}

// probeDisks reads each disk image's own headers and holds them against
// the descriptor's Disk.
func (c *checker) probeDisks() {
	for m, d := range c.diskMembers() {
		r := io.NewSectionReader(m.r, m.base, m.size)
		if c.compression(m) == "gzip" {
			img, fs := disk.ProbeGzip(r, m.size, m.name)
			c.add(fs...)
			c.images[m.name] = img
			continue
		}
		img, fs := disk.Probe(r, m.size, m.name)
		c.add(fs...)
		c.images[m.name] = img
		capacity := max(d.CapacityBytes, 0)
		c.add(disk.CheckAgainst(img, disk.DescriptorDisk{
			ID: d.DiskID, CapacityBytes: capacity, Format: d.Format, PopulatedSize: populated(d.PopulatedSize),
			FileSize: m.size, DescriptorMember: c.descName, Line: d.Pos.Line, Column: d.Pos.Column,
		}, m.name)...)
	}
}

// deepCheckers returns the writers that walk member m's bytes during the
// digest pass when the deep check is on.
func (c *checker) deepCheckers(m *member) []io.Writer {
	if !c.o.deep {
		return nil
	}
	img := c.images[m.name]
	if img == nil {
		return nil
	}
	format := disk.DeepFormat(img)
	if format == "" {
		return nil
	}
	dc := disk.NewDeepChecker(format, m.name, m.size)
	c.deep = append(c.deep, dc)
	return []io.Writer{dc}
}

// populated parses ovf:populatedSize, or returns 0.
func populated(s string) int64 {
	n, err := strconv.ParseInt(strings.TrimSpace(s), 10, 64)
	if err != nil || n < 0 {
		return 0
	}
	return n
}
