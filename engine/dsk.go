package engine

import (
	"io"
	"strconv"
	"strings"

	"github.com/ovacheck/ovacheck/engine/disk"
	"github.com/ovacheck/ovacheck/engine/envelope"
	"github.com/ovacheck/ovacheck/engine/report"
)

// diskFindings is the disk pass: it reads each disk image's own headers
// (package disk) and holds them against the descriptor's Disk (the DSK
// image rules). It returns the images probed, by member name, and the
// findings.
func diskFindings(v *pkgView) (map[string]*report.DiskImage, []report.Finding) {
	images := map[string]*report.DiskImage{}
	var out []report.Finding
	compression := v.compressionOf()
	for m, d := range v.diskMembers() {
		r := io.NewSectionReader(m.r, m.base, m.size)
		if compression[m] == "gzip" {
			img, fs := disk.ProbeGzip(r, m.size, m.name)
			out = append(out, fs...)
			images[m.name] = img
			continue
		}
		img, fs := disk.Probe(r, m.size, m.name)
		out = append(out, fs...)
		images[m.name] = img
		capacity := max(d.CapacityBytes, 0)
		out = append(out, disk.CheckAgainst(img, disk.DescriptorDisk{
			ID: d.DiskID, CapacityBytes: capacity, Format: d.Format, PopulatedSize: populated(d.PopulatedSize),
			FileSize: m.size, DescriptorMember: v.descName, Line: d.Pos.Line, Column: d.Pos.Column,
		}, m.name)...)
	}
	return images, out
}

// diskMembers pairs each Disk of the descriptor with the member holding its
// image (only unchunked files: a chunked image is probed through its first
// chunk only when uncompressed, which the probes cannot tell apart yet).
func (v *pkgView) diskMembers() map[*member]envelope.Disk {
	out := map[*member]envelope.Disk{}
	if v.env == nil || v.env.DiskSection == nil {
		return out
	}
	files := map[string]envelope.File{}
	for _, f := range v.env.References {
		files[f.ID] = f
	}
	for _, d := range v.env.DiskSection.Disks {
		f, ok := files[d.FileRef]
		if !ok || f.ChunkSize != nil {
			continue
		}
		if m, ok := v.members.lookup(f.Href); ok && m.r != nil {
			out[m] = d
		}
	}
	return out
}

// compressionOf maps each member a File names to that File's
// ovf:compression (the first File naming it).
func (v *pkgView) compressionOf() map[*member]string {
	out := map[*member]string{}
	if v.env == nil {
		return out
	}
	for _, f := range v.env.References {
		if m, ok := v.members.lookup(f.Href); ok {
			if _, seen := out[m]; !seen {
				out[m] = f.Compression
			}
		}
	}
	return out
}

// populated parses ovf:populatedSize, or returns 0.
func populated(s string) int64 {
	n, err := strconv.ParseInt(strings.TrimSpace(s), 10, 64)
	if err != nil || n < 0 {
		return 0
	}
	return n
}
