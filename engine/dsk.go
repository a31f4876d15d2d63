package engine

import (
	"io"
	"strconv"
	"strings"

	"github.com/ovacheck/ovacheck/engine/disk"
	"github.com/ovacheck/ovacheck/engine/envelope"
	"github.com/ovacheck/ovacheck/engine/internal/assemble"
	"github.com/ovacheck/ovacheck/engine/report"
)

// diskFindings is the disk pass: it reads each disk image's own headers
// (package disk) and holds them against the descriptor's Disk (the DSK
// image rules). It returns the images probed, by member name, and the
// findings.
func diskFindings(v *assemble.View) (map[string]*report.DiskImage, []report.Finding) {
	images := map[string]*report.DiskImage{}
	var out []report.Finding
	compression := compressionOf(v)
	for m, d := range diskMembers(v) {
		r := io.NewSectionReader(m.R, m.Base, m.Size)
		if compression[m] == "gzip" {
			img, fs := disk.ProbeGzip(r, m.Size, m.Name)
			out = append(out, fs...)
			images[m.Name] = img
			continue
		}
		img, fs := disk.Probe(r, m.Size, m.Name)
		out = append(out, fs...)
		images[m.Name] = img
		capacity := max(d.CapacityBytes, 0)
		out = append(out, disk.CheckAgainst(img, disk.DescriptorDisk{
			ID: d.DiskID, CapacityBytes: capacity, Format: d.Format, PopulatedSize: populated(d.PopulatedSize),
			FileSize: m.Size, DescriptorMember: v.DescName, Line: d.Pos.Line, Column: d.Pos.Column,
		}, m.Name)...)
	}
	return images, out
}

// diskMembers pairs each Disk of the descriptor with the member holding its
// image (only unchunked files: a chunked image is probed through its first
// chunk only when uncompressed, which the probes cannot tell apart yet).
func diskMembers(v *assemble.View) map[*assemble.Member]envelope.Disk {
	out := map[*assemble.Member]envelope.Disk{}
	if v.Env == nil || v.Env.DiskSection == nil {
		return out
	}
	files := map[string]envelope.File{}
	for _, f := range v.Env.References {
		files[f.ID] = f
	}
	for _, d := range v.Env.DiskSection.Disks {
		f, ok := files[d.FileRef]
		if !ok || f.ChunkSize != nil {
			continue
		}
		if m, ok := v.Members.Lookup(f.Href); ok && m.R != nil {
			out[m] = d
		}
	}
	return out
}

// compressionOf maps each member a File names to that File's
// ovf:compression (the first File naming it).
func compressionOf(v *assemble.View) map[*assemble.Member]string {
	out := map[*assemble.Member]string{}
	if v.Env == nil {
		return out
	}
	for _, f := range v.Env.References {
		if m, ok := v.Members.Lookup(f.Href); ok {
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
