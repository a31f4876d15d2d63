package assemble

import (
	"bytes"
	"context"
	"fmt"
	"io"

	"github.com/ovacheck/ovacheck/engine/archive"
	"github.com/ovacheck/ovacheck/engine/envelope"
	"github.com/ovacheck/ovacheck/engine/internal/digest"
	"github.com/ovacheck/ovacheck/engine/internal/limits"
	"github.com/ovacheck/ovacheck/engine/internal/pkgname"
	"github.com/ovacheck/ovacheck/engine/manifest"
)

// streamAlgorithms are hashed for a member that passes before the manifest
// says which it needs: every algorithm producers write.
var streamAlgorithms = digest.All

// stream assembles an archive read once from r. The first descriptor,
// manifest and certificate are kept (the rules for several of them need
// only their names); every other member is hashed as it passes, with the
// algorithms the manifest asks for when it came first, or with those
// producers use when it comes later. When the user gave a checksum of the
// whole input, the raw bytes are hashed too, below the tar reader.
func (a *assembler) stream(ctx context.Context, r io.Reader) error {
	v := a.v
	v.Passed = true
	s := &streamState{a: a, small: map[string][]byte{}}
	if a.o.Deep {
		v.Skipped = append(v.Skipped, "deep disk check (needs random access; not done on a stream)")
	}
	var input io.Reader = &ctxReader{ctx: ctx, r: r}
	var whole digest.Hashes
	if algs := a.o.WholeFile; len(algs) > 0 {
		whole = digest.NewHashes(algs)
		input = io.TeeReader(input, io.MultiWriter(whole.Lanes()...))
	}
	input, gz := a.gunzipStream(input) // a gzip-compressed tar is checked inside (ovagz.go)
	idx, err := archive.Stream(input, a.src.Name, s.visit)
	if err != nil {
		if ctx.Err() != nil {
			return ctx.Err()
		}
		if idx == nil {
			return fmt.Errorf("engine: reading %s: %w", a.src.Name, err)
		}
	}
	if whole != nil {
		// The tar reader stops at the end blocks; the checksum covers the
		// whole input, so hash what follows them too.
		if _, err := io.Copy(io.Discard, input); err != nil && ctx.Err() != nil {
			return ctx.Err()
		}
		v.WholeDigests = whole.Sums()
	}
	v.Index = idx
	v.Input.Size = idx.End
	gz.done(idx)
	a.add(idx.Findings...)
	if !idx.Complete {
		v.Incomplete = true
	}
	if idx.Kind != archive.KindTar {
		v.Opaque = true
		return nil
	}
	for name, b := range s.small {
		m := v.Members.Named(name)
		m.R, m.held = bytes.NewReader(b), b
	}
	if err := a.readSmallMembers(); err != nil {
		return err
	}
	a.parse()
	return nil
}

// streamState is what stream keeps while the archive passes.
type streamState struct {
	a *assembler
	// small holds the first descriptor, manifest and certificate, whole.
	small map[string][]byte
	// diskNames are the members the first descriptor references, once it
	// has passed: they get head and tail windows for the disk probes.
	diskNames map[string]bool
	windows   int
	done      int64
	// copyBuf is the one buffer members are copied through, so that a
	// stream of many small members does not allocate one for each.
	copyBuf []byte
}

// descriptorVersion is the OVF version of the descriptor parsed as it
// passed, or "" before one has.
func (s *streamState) descriptorVersion() string {
	if s.a.early.env == nil {
		return ""
	}
	return s.a.early.env.Version
}

// visit handles one member as it passes.
func (s *streamState) visit(am archive.Member, data io.Reader) error {
	a, v := s.a, s.a.v
	m := &Member{Name: am.Name, Size: am.Size, Offset: am.DataOffset}
	first := v.Members.Named(am.Name) == nil
	v.Members.add(m)
	if max := a.o.smallLimit(am.Name); max > 0 && am.Size <= max && first && !s.haveKind(am.Name) {
		b, err := io.ReadAll(io.LimitReader(data, max))
		a.m.Read(int64(len(b)))
		s.small[am.Name] = b
		switch {
		case hasExt(am.Name, ".mf"):
			// Parsed now, to hash the members that follow with the
			// algorithms it lists; with the descriptor's version when the
			// descriptor came first, as it should (parseManifest parses
			// again only if the version or the manifest chosen differs).
			a.early.mfVersion = s.descriptorVersion()
			v.Manifest = manifest.Parse(b, am.Name, a.early.mfVersion)
		case hasExt(am.Name, ".ovf"):
			s.noteDisks(b, am.Name)
		}
		return err
	}
	algs := streamAlgorithms
	if v.Manifest != nil {
		algs = v.Manifest.Algorithms(am.Name)
	}
	hs := digest.NewHashes(algs)
	ws := append(hs.Lanes(), &progressWriter{m: a.m, member: am.Name, done: &s.done})
	var win *windowWriter
	if s.wantsWindow(am.Name) {
		s.windows++
		win = &windowWriter{size: am.Size}
		ws = append(ws, win)
	}
	if s.copyBuf == nil {
		s.copyBuf = make([]byte, 32<<10)
	}
	n, err := io.CopyBuffer(io.MultiWriter(ws...), data, s.copyBuf)
	a.m.Read(n)
	if err != nil {
		return err
	}
	if win != nil {
		m.R = win.readerAt()
	}
	m.Streamed = hs.Sums()
	return nil
}

// haveKind reports whether a member of name's kind (descriptor, manifest,
// certificate) is already kept: later ones are hashed like any member, so
// a stream of many descriptors cannot fill memory.
func (s *streamState) haveKind(name string) bool {
	for kept := range s.small {
		if hasExt(kept, ".ovf") && hasExt(name, ".ovf") || hasExt(kept, ".mf") && hasExt(name, ".mf") ||
			hasExt(kept, ".cert") && hasExt(name, ".cert") {
			return true
		}
	}
	return false
}

// noteDisks parses the descriptor as it passes and remembers the members
// it references, so that windows go to them rather than to whatever
// members come first. The parse is kept for the checks that follow.
func (s *streamState) noteDisks(desc []byte, name string) {
	env, fs := envelope.Parse(desc, name)
	s.a.early.name, s.a.early.env, s.a.early.findings = name, env, fs
	s.diskNames = map[string]bool{}
	for _, f := range env.References {
		s.diskNames[pkgname.Href(f.Href)] = true
	}
}

// wantsWindow says whether member name keeps its head and tail: a member
// the descriptor references, or any member while no descriptor has passed,
// up to maxWindows.
func (s *streamState) wantsWindow(name string) bool {
	if s.windows >= maxWindows {
		return false
	}
	return s.diskNames == nil || s.diskNames[name]
}

// smallLimit returns the cap for a member kept in memory, or 0 for a
// member that is hashed as it passes.
func (o Options) smallLimit(name string) int64 {
	switch {
	case hasExt(name, ".ovf"):
		return o.descriptorLimit()
	case hasExt(name, ".mf"):
		return limits.MaxManifestSize
	case hasExt(name, ".cert"):
		return limits.MaxCertificateSize
	}
	return 0
}

// progressWriter reports streamed bytes as digest progress.
type progressWriter struct {
	m      Meter
	member string
	done   *int64
}

func (p *progressWriter) Write(b []byte) (int, error) {
	*p.done += int64(len(b))
	p.m.Progress("digest", p.member, *p.done, -1)
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
