package engine

import (
	"github.com/ovacheck/ovacheck/engine/envelope"
	"github.com/ovacheck/ovacheck/engine/internal/assemble"
	"github.com/ovacheck/ovacheck/engine/internal/pkgname"
	"github.com/ovacheck/ovacheck/engine/report"
	"github.com/ovacheck/ovacheck/engine/rules"
)

// chunkFindings checks every chunked File of the parsed descriptor against
// the package's members: chunks numbered from zero without gaps, each of ovf:chunkSize
// bytes but the last, and no stray chunk-like members; and Files without
// ovf:chunkSize whose bytes were stored as chunks anyway (the REF chunk
// rules).
func chunkFindings(v *assemble.View) []report.Finding {
	c := &chunkPass{View: v}
	numbered := c.numberedMembers()
	for _, f := range v.Env.References {
		if f.Href == "" {
			continue
		}
		if f.ChunkSize == nil || *f.ChunkSize <= 0 {
			if _, ok := c.Members.Lookup(f.Href); !ok {
				if _, chunked := c.Members.Lookup(pkgname.Chunk(f.Href, 0)); chunked {
					c.add(rules.RefLooksChunked.New(c.DescAt(f.Pos),
						"%s is not in the package, but %s is: the file looks chunked, yet its File has no ovf:chunkSize", f.Href, pkgname.Chunk(f.Href, 0)).
						WithHint("Add ovf:chunkSize with the size of each chunk, or join the chunks into one member named " + f.Href + "."))
				}
			}
			continue
		}
		c.judgeChunkedFile(f, *f.ChunkSize, numbered[pkgname.Href(f.Href)])
	}
	return c.out
}

// chunkPass holds the findings of one chunkFindings call.
type chunkPass struct {
	*assemble.View
	out []report.Finding
}

func (c *chunkPass) add(f report.Finding) { c.out = append(c.out, f) }

// numberedMembers groups the members named like chunks, NAME.DIGITS, by
// NAME, so each chunked File finds its chunk-like members without a scan
// of every member.
func (c *chunkPass) numberedMembers() map[string][]*assemble.Member {
	out := map[string][]*assemble.Member{}
	for _, m := range c.Members.List {
		if base, _, ok := pkgname.Numbered(m.Name); ok {
			out[base] = append(out[base], m)
		}
	}
	return out
}

func (c *chunkPass) judgeChunkedFile(f envelope.File, size int64, numbered []*assemble.Member) {
	chunks := c.Chunks(f.Href)
	// Members that look like later chunks but follow a gap, or whose
	// number is not nine digits.
	for _, m := range numbered {
		_, n, isChunk := pkgname.ChunkOf(m.Name)
		if isChunk && n < len(chunks) {
			continue
		}
		if len(chunks) == 0 && isChunk && n > 0 {
			continue // reported below as the missing first chunk
		}
		c.add(rules.RefChunkStray.New(report.InMember(m.Name),
			"%s looks like a chunk of %s, but chunks are numbered with nine digits from 000000000 without gaps", m.Name, f.Href).
			WithHint("Rename the chunks to " + pkgname.Chunk(f.Href, 0) + ", " + pkgname.Chunk(f.Href, 1) + ", … in order."))
	}
	if len(chunks) == 0 {
		c.add(rules.RefChunkMissing.New(c.DescAt(f.Pos),
			"%s is chunked (ovf:chunkSize=%d) but its first chunk %s is not in the package", f.Href, size, pkgname.Chunk(f.Href, 0)).
			WithHint("Add the chunks " + pkgname.Chunk(f.Href, 0) + ", … to the package, or download it again."))
		return
	}
	var sum int64
	for i, m := range chunks {
		sum += m.Size
		last := i == len(chunks)-1
		switch {
		case !last && m.Size != size:
			c.add(rules.RefChunkWrongSize.New(report.InMember(m.Name),
				"chunk %d of %s holds %d bytes; every chunk but the last must hold ovf:chunkSize=%d", i, f.Href, m.Size, size).
				WithHint("The chunk is damaged or from another export: split the file again with the declared chunk size."))
		case last && (m.Size > size || m.Size == 0):
			c.add(rules.RefChunkWrongSize.New(report.InMember(m.Name),
				"the last chunk of %s holds %d bytes; it must hold 1 to ovf:chunkSize=%d", f.Href, m.Size, size))
		}
	}
	if f.Size != nil && sum < *f.Size && chunks[len(chunks)-1].Size == size {
		c.add(rules.RefChunkMissing.New(c.DescAt(f.Pos),
			"the %d chunks of %s hold %d bytes, but ovf:size is %d: chunk %s or later ones are missing",
			len(chunks), f.Href, sum, *f.Size, pkgname.Chunk(f.Href, len(chunks))).
			WithHint("Download the package again; every chunk up to the size ovf:size gives must be present."))
	}
}
