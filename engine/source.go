package engine

import (
	"io"
	"io/fs"

	"github.com/ovacheck/ovacheck/engine/internal/assemble"
	"github.com/ovacheck/ovacheck/engine/internal/digest"
)

// Source is the package to check. Make one with OVA, Folder, Stream or
// Descriptor.
type Source struct {
	s assemble.Source
}

// OVA returns a source for an .ova archive read through r, which holds size
// bytes. Only tar headers are read until digests are needed. If r also
// implements RangeDigester, digests of members are asked of it.
func OVA(name string, r io.ReaderAt, size int64) Source {
	return Source{assemble.Source{Kind: "ova", Name: name, ReaderAt: r, Size: size}}
}

// Folder returns a source for a descriptor and the files beside it in fsys.
// descriptor is the descriptor's path in fsys. Files are opened with
// fsys.Open; a file that implements io.ReaderAt and Stat is read at random,
// otherwise sequentially.
func Folder(fsys fs.FS, descriptor string) Source {
	return Source{assemble.Source{Kind: "folder", Name: descriptor, FS: fsys, Descriptor: descriptor}}
}

// Stream returns a source for an .ova read from r in one pass (standard
// input, an HTTP body). Nothing but the descriptor, manifest and certificate
// is kept in memory; other members are hashed as they pass.
func Stream(name string, r io.Reader) Source {
	return Source{assemble.Source{Kind: "stream", Name: name, Reader: r}}
}

// Descriptor returns a source for a descriptor checked on its own: file
// presence, sizes and digests are skipped, and the report says so.
func Descriptor(name string, data []byte) Source {
	return Source{assemble.Source{Kind: "descriptor", Name: name, Data: data, Size: int64(len(data))}}
}

// Kind returns "ova", "folder", "stream" or "descriptor".
func (s Source) Kind() string { return s.s.Kind }

// Name returns the name the source was given.
func (s Source) Name() string { return s.s.Name }

// DigestRequest asks for the digests of size bytes at offset of a source:
// fields Member (the member's name, for progress reporting only), Offset,
// Size and Algorithms ("sha1", "sha256", "sha512").
type DigestRequest = digest.Request

// RangeDigester is an optional interface of an io.ReaderAt given to OVA. A
// reader that can hash its own bytes faster than Go code can (the browser's
// hash workers) implements it; the engine still decides what to hash and
// judges every digest. Its one method,
//
//	DigestRanges(ctx context.Context, reqs []DigestRequest, progress func(n int64)) ([]map[string]string, error)
//
// must return, for each request in order, a map from algorithm to
// lower-case hex digest, and call progress with the number of bytes hashed
// since the last call; it may be called from any goroutine.
type RangeDigester = digest.RangeDigester

// A reader of a source that can fail for good during a check, such as an
// HTTP file that changed on its server, says so with Err. Check then
// returns that error instead of a report: a pass that sets a read error
// aside (a disk probe notes it and goes on) must not hide a package that
// was replaced while it was read.
type failingReader interface{ Err() error }

// sourceErr returns the error src's reader failed with for good, if any.
func sourceErr(src Source) error {
	if r, ok := src.s.ReaderAt.(failingReader); ok {
		return r.Err()
	}
	return nil
}
