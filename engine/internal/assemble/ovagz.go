package assemble

import (
	"bufio"
	"compress/gzip"
	"context"
	"errors"
	"io"
	"path"
	"strconv"

	"github.com/ovacheck/ovacheck/engine/archive"
	"github.com/ovacheck/ovacheck/engine/report"
	"github.com/ovacheck/ovacheck/engine/rules"
)

// A gzip-compressed tar named .ova is not an OVA (DSP0243 1.1.0 5.3 wants
// a plain tar), and PKG001 says so, but virt-v2v imports it: it sniffs the
// file, and for gzip or xz whose first bytes inflate to a tar it unpacks
// the tar through "gzip -c -d | tar -xf -" (libguestfs/virt-v2v
// input/OVA.ml (parse_ova, uncompressed_type, untar)). So the package
// inside is checked as if it had come as a plain tar on a stream: in one
// pass, nothing but the descriptor, manifest, certificate and disk windows
// kept in memory, nothing written anywhere.
//
// A decompression bomb costs time, not memory: deflate expands at most
// about 1,032 to 1, the stream path holds what it holds for any tar, and
// the check's context stops it.

// gzipOVA assembles the tar inside a gzip-compressed .ova read at random.
// The stream path sniffs the gzip and inflates it (see gunzipStream); the
// input's size stays the compressed file's.
func (a *assembler) gzipOVA(ctx context.Context) error {
	err := a.stream(ctx, io.NewSectionReader(a.src.ReaderAt, 0, a.src.Size))
	a.v.Input.Size = a.src.Size
	return err
}

// gunzipStream returns r unchanged unless its first bytes are gzip's
// magic; then it returns a reader of the inflated bytes (every gzip member
// in turn, as gzip -d does) and the state that reports on the compressed
// stream once the tar has been read (see gunzipped.done).
func (a *assembler) gunzipStream(r io.Reader) (io.Reader, *gunzipped) {
	raw := &countingReader{r: r}
	br := bufio.NewReaderSize(raw, 64<<10)
	magic, _ := br.Peek(2)
	if string(magic) != "\x1f\x8b" {
		return br, nil
	}
	g := &gunzipped{a: a, raw: raw, br: br}
	zr, err := gzip.NewReader(br)
	if err != nil {
		g.stop(err)
		return g, g
	}
	g.zr = zr
	return g, g
}

// gunzipped inflates a gzip stream for the tar reader. A stream that is
// cut short or damaged is not a Go error: the reader ends there, as a
// truncated tar would, and done reports why. A failure of the input
// itself (a read error, a cancelled check) is passed on unchanged.
type gunzipped struct {
	a   *assembler
	raw *countingReader
	br  *bufio.Reader
	zr  *gzip.Reader

	inflated int64 // bytes handed to the tar reader
	ended    bool
	broken   error // why the gzip data could not be read to its end
	trailing int64 // bytes after the last gzip member
	junk     bool  // some of them are not zero
}

func (g *gunzipped) Read(p []byte) (int, error) {
	if g.ended {
		return 0, io.EOF
	}
	n, err := g.zr.Read(p)
	g.inflated += int64(n)
	switch {
	case err == nil:
		return n, nil
	case g.raw.err != nil:
		return n, g.raw.err
	case err == io.EOF:
		g.stop(nil)
	default:
		g.stop(err)
	}
	return n, io.EOF
}

// stop ends the inflated stream: err is nil at the end of the last gzip
// member, else what broke it. The rest of the input is read (and hashed,
// when the whole file's checksum is wanted) and counted.
func (g *gunzipped) stop(err error) {
	g.ended = true
	if errors.Is(err, gzip.ErrHeader) && g.inflated > 0 {
		// Bytes after a complete gzip member that do not start another
		// one: gzip -d ignores them with a warning.
		err = nil
	}
	g.broken = err
	if err != nil {
		return
	}
	g.trailing = int64(g.br.Buffered())
	buf := make([]byte, 32<<10)
	for {
		n, rerr := g.br.Read(buf)
		for _, b := range buf[:n] {
			if b != 0 {
				g.junk = true
				break
			}
		}
		g.trailing += int64(n)
		if rerr != nil {
			break
		}
	}
}

// done reports on the compressed stream once the tar reader has finished
// with it: the input's compression and sizes, and findings for a stream
// cut short, damaged or followed by other data. idx is the index of what
// was inside.
func (g *gunzipped) done(idx *archive.Index) {
	if g == nil {
		return
	}
	a, v := g.a, g.a.v
	v.Input.Compression = "gzip"
	v.Input.UncompressedSize = g.inflated
	v.Input.Size = g.raw.n
	subject := "the file"
	if n := a.src.Name; n != "" && n != "-" {
		subject = strconv.Quote(path.Base(n))
	}
	if idx != nil && idx.Kind == archive.KindTar {
		a.add(rules.PkgCompressed.New(report.AtOffset("", 0),
			"%s is a gzip-compressed tar, not a plain tar archive; ovacheck inflated it and checked the package inside (%d bytes)",
			subject, g.inflated).
			WithHint("VMware's tools and VirtualBox need an uncompressed tar: gunzip it (rename it to .gz first if needed) and ship the result, named .ova."))
	} else {
		a.add(rules.PkgCompressed.New(report.AtOffset("", 0),
			"%s is gzip-compressed, and what it holds is not a tar archive either", subject).
			WithHint("An .ova must be an uncompressed tar with the .ovf descriptor first; check that the right file was chosen."))
	}
	switch {
	case errors.Is(g.broken, io.ErrUnexpectedEOF):
		v.Incomplete = true
		a.add(rules.PkgTruncated.New(report.AtOffset("", g.raw.n),
			"the gzip stream ends after %d bytes, before its end marker (%d bytes inflated): the file is cut short",
			g.raw.n, g.inflated).
			WithHint("The download or copy stopped early; fetch the package again."))
	case g.broken != nil:
		v.Incomplete = true
		a.add(rules.PkgTruncated.New(report.AtOffset("", 0),
			"the gzip data is damaged after %d inflated bytes (%v): nothing after that point could be read",
			g.inflated, g.broken).
			WithHint("The file was altered or damaged in transfer; fetch the package again."))
	case g.junk:
		a.add(rules.PkgTrailingData.New(report.AtOffset("", g.raw.n-g.trailing),
			"%d bytes follow the end of the gzip stream and they are not all zeros; gzip -d ignores them with a warning",
			g.trailing).
			WithHint("Something was appended to the compressed file; re-create the package."))
	}
}

// countingReader counts the bytes read through it and keeps the first
// error other than io.EOF.
type countingReader struct {
	r   io.Reader
	n   int64
	err error
}

func (cr *countingReader) Read(p []byte) (int, error) {
	n, err := cr.r.Read(p)
	cr.n += int64(n)
	if err != nil && err != io.EOF && cr.err == nil {
		cr.err = err
	}
	return n, err
}
