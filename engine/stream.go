package engine

import (
	"bytes"
	"context"
	"encoding/hex"
	"fmt"
	"hash"
	"io"

	"github.com/ovacheck/ovacheck/engine/archive"
	"github.com/ovacheck/ovacheck/engine/internal/limits"
	"github.com/ovacheck/ovacheck/engine/manifest"
)

// runStream checks an archive read once from a stream. The descriptor,
// manifest and certificate are kept; every other member is hashed as it
// passes, with the algorithms the manifest asks for when it came first, or
// with those producers use (SHA-1, SHA-256, SHA-512) when it comes later.
func (c *checker) runStream(ctx context.Context) error {
	small := map[string][]byte{}
	var done int64
	windows := 0
	if c.o.deep {
		c.rep.Skipped = append(c.rep.Skipped, "deep disk check (needs random access; not done on a stream)")
	}
	idx, err := archive.Stream(&ctxReader{ctx: ctx, r: c.src.r}, c.src.name, func(am archive.Member, data io.Reader) error {
		m := &member{name: am.Name, size: am.Size, offset: am.DataOffset}
		c.members.add(m)
		if max := smallLimit(am.Name); max > 0 && am.Size <= max {
			b, err := io.ReadAll(io.LimitReader(data, max))
			c.bytesRead.Add(int64(len(b)))
			small[am.Name] = b
			if hasExt(am.Name, ".mf") && c.mf == nil {
				c.mf = manifest.Parse(b, am.Name, "")
			}
			return err
		}
		algs := []string{"sha1", "sha256", "sha512"}
		if c.mf != nil {
			algs = c.mf.Algorithms(am.Name)
		}
		hs := map[string]hash.Hash{}
		var ws []io.Writer
		for _, a := range algs {
			if h := manifest.Hasher(a); h != nil {
				hs[a] = h
				ws = append(ws, h)
			}
		}
		ws = append(ws, &progressWriter{c: c, member: am.Name, done: &done})
		var win *windowWriter
		if windows < maxWindows {
			windows++
			win = &windowWriter{}
			ws = append(ws, win)
		}
		n, err := io.Copy(io.MultiWriter(ws...), data)
		c.bytesRead.Add(n)
		if err != nil {
			return err
		}
		if win != nil {
			m.r = win.readerAt()
		}
		m.streamed = map[string]string{}
		for a, h := range hs {
			m.streamed[a] = hex.EncodeToString(h.Sum(nil))
		}
		return nil
	})
	if err != nil {
		if ctx.Err() != nil {
			return ctx.Err()
		}
		if idx == nil {
			return fmt.Errorf("engine: reading %s: %w", c.src.name, err)
		}
	}
	c.mf = nil // parsed again below, knowing the descriptor's version
	c.index = idx
	c.rep.Input.Size = idx.End
	c.add(idx.Findings...)
	if !idx.Complete {
		c.rep.Complete = false
	}
	if idx.Kind != archive.KindTar {
		return nil
	}
	for name, b := range small {
		c.members.byName[name].r = bytes.NewReader(b)
	}
	if err := c.readSmallMembers(); err != nil {
		return err
	}
	c.judgeStructure()
	for _, m := range c.members.list {
		if m.streamed != nil {
			c.computed[m.name] = c.listedDigests(m.name, m.streamed)
		}
	}
	// The small members were kept whole: hash them now that the manifest
	// is known.
	for name, b := range small {
		if algs := c.algorithmsFor(name); len(algs) > 0 {
			c.computed[name] = digestBytes(b, algs)
		}
	}
	c.judgeDigests(c.computed)
	return nil
}

// smallLimit returns the cap for a member kept in memory, or 0 for a
// member that is hashed as it passes.
func smallLimit(name string) int64 {
	switch {
	case hasExt(name, ".ovf"):
		return limits.MaxDescriptorSize
	case hasExt(name, ".mf"):
		return limits.MaxManifestSize
	case hasExt(name, ".cert"):
		return limits.MaxCertificateSize
	}
	return 0
}

// progressWriter reports streamed bytes as digest progress.
type progressWriter struct {
	c      *checker
	member string
	done   *int64
}

func (p *progressWriter) Write(b []byte) (int, error) {
	*p.done += int64(len(b))
	p.c.progress(Progress{Phase: "digest", Member: p.member, Done: *p.done, Total: -1})
	return len(b), nil
}

// ctxReader stops a stream when its context is cancelled.
type ctxReader struct {
	ctx context.Context
	r   io.Reader
}

func (r *ctxReader) Read(p []byte) (int, error) {
	if err := r.ctx.Err(); err != nil {
		return 0, err
	}
	return r.r.Read(p)
}

// listedDigests keeps the digests of the algorithms the manifest lists for
// name: a member that passed before the manifest was hashed with every
// algorithm producers use, and the others are noise in the report.
func (c *checker) listedDigests(name string, all map[string]string) map[string]string {
	if c.mf == nil {
		return all
	}
	out := map[string]string{}
	for _, alg := range c.algorithmsFor(name) {
		if d, ok := all[alg]; ok {
			out[alg] = d
		}
	}
	return out
}
