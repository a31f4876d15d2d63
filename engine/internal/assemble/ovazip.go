package assemble

import (
	"archive/zip"
	"context"
	"errors"
	"fmt"
	"io"
	"path"
	"strconv"
	"strings"

	"github.com/ovacheck/ovacheck/engine/archive"
	"github.com/ovacheck/ovacheck/engine/internal/digest"
	"github.com/ovacheck/ovacheck/engine/report"
	"github.com/ovacheck/ovacheck/engine/rules"
)

// A zip named .ova is not an OVA (DSP0243 1.1.0 5.3), and PKG002 says so,
// but virt-v2v imports it: it runs "unzip -j" into a folder and reads the
// package from there (libguestfs/virt-v2v input/OVA.ml (parse_ova)). So
// its files are checked as the files of a folder are: the zip's central
// directory lists them, stored files are read in place, and deflated ones
// are inflated once, in order, nothing written anywhere.

// zipOVA assembles the files of a zip named .ova. Deflated files are
// inflated here, once, for their digests and disk windows; the digest
// phase reads the stored ones in place.
func (a *assembler) zipOVA(ctx context.Context) error {
	src, v := a.src, a.v
	v.Input.Compression = "zip"
	v.Whole = src.ReaderAt
	subject := "the file"
	if n := src.Name; n != "" && n != "-" {
		subject = strconv.Quote(path.Base(n))
	}
	zr, err := zip.NewReader(src.ReaderAt, src.Size)
	if err != nil && !errors.Is(err, zip.ErrInsecurePath) {
		if !errors.Is(err, zip.ErrFormat) && !errors.Is(err, io.ErrUnexpectedEOF) && !errors.Is(err, io.EOF) {
			return fmt.Errorf("engine: reading %s: %w", src.Name, err)
		}
		v.Incomplete = true
		v.Opaque = true
		a.add(zipFinding(subject, false))
		a.add(rules.PkgTruncated.New(report.AtOffset("", src.Size),
			"the zip's central directory, at its end, cannot be read (%v): the file is cut short or damaged, and nothing inside was checked", err).
			WithHint("The download or copy stopped early; fetch the package again."))
		return nil
	}
	a.add(zipFinding(subject, true))
	deflated := a.zipMembers(zr)
	if err := a.readSmallMembers(); err != nil {
		return err
	}
	a.parse()
	if err := a.inflateZipMembers(ctx, deflated); err != nil {
		return err
	}
	if a.o.Deep && len(deflated) > 0 {
		v.Skipped = append(v.Skipped, "deep disk check of the zip's deflated files (they are inflated once, for their digests)")
	}
	return nil
}

// zipFinding is PKG002: the file is a zip; inside says whether its files
// were checked.
func zipFinding(subject string, inside bool) report.Finding {
	msg := "%s is a zip archive, not a tar archive; its directory could not be read, so nothing inside was checked"
	if inside {
		msg = "%s is a zip archive, not a tar archive; ovacheck read the files inside and checked them as a package"
	}
	return rules.PkgZip.New(report.AtOffset("", 0), msg, subject).
		WithHint("virt-v2v unpacks a zip, but VMware's tools, VirtualBox and the OVF standard need a tar: pack the files with tar, descriptor first, and name the result .ova.")
}

// zipMembers adds the zip's files as members, in the order of its central
// directory, and returns the deflated ones. Names that could escape a
// folder, special files and second copies of a name are findings, never
// members.
func (a *assembler) zipMembers(zr *zip.Reader) (deflated []*Member) {
	var total int64
	seen := map[string]int{}
	for i, f := range zr.File {
		loc := report.InMember(f.Name)
		if why := archive.UnsafeName(f.Name); why != "" {
			a.add(rules.PkgUnsafeName.New(loc,
				"zip entry %d has an unsafe name %q (%s): unzip could write it outside its folder; ovacheck did not read it",
				i+1, f.Name, why).
				WithHint("Re-create the archive from inside the folder that holds the files, so that entries have plain relative names such as disk1.vmdk."))
			continue
		}
		if f.Mode().IsDir() || strings.HasSuffix(f.Name, "/") {
			continue
		}
		if !f.Mode().IsRegular() {
			a.add(rules.PkgSpecialMember.New(loc,
				"zip entry %d %q is not a regular file (mode %v); ovacheck did not read it", i+1, f.Name, f.Mode()).
				WithHint("Put the file's contents in the archive as a regular file."))
			continue
		}
		if first, dup := seen[f.Name]; dup {
			a.add(rules.PkgDuplicateMember.New(loc,
				"zip entry %d %q has the same name as entry %d; unzip asks which to keep, and ovacheck checks the first",
				i+1, f.Name, first+1).
				WithHint("Re-create the archive with each file once."))
			continue
		}
		seen[f.Name] = i
		m := &Member{Name: f.Name, Size: int64(f.UncompressedSize64), Offset: -1}
		total += m.Size
		switch f.Method {
		case zip.Store:
			if off, err := f.DataOffset(); err == nil && off >= 0 && off+m.Size <= a.src.Size {
				m.R, m.Base, m.Offset = a.src.ReaderAt, off, off
			}
		case zip.Deflate:
			z := &zipFileReader{f: f, a: a}
			a.v.closers = append(a.v.closers, z) // closed when the check ends
			m.R = z
			deflated = append(deflated, m)
		default:
			a.add(rules.PkgZip.New(loc,
				"zip entry %q is compressed with method %d, which ovacheck cannot read (only stored and deflated); its contents were not checked",
				f.Name, f.Method).
				WithHint("Pack the files with tar instead."))
		}
		a.v.Members.add(m)
	}
	a.v.Input.UncompressedSize = total
	return deflated
}

// inflateZipMembers inflates each deflated file that the manifest lists or
// the descriptor references, once: it is hashed with the algorithms the
// manifest gives it and keeps a head and tail window for the disk probes
// (see window.go). Damaged compressed data is a finding. Afterwards only
// the descriptor, manifest and certificate (held whole) and the windows
// are readable: nothing inflates a file after the view is assembled.
func (a *assembler) inflateZipMembers(ctx context.Context, deflated []*Member) error {
	v := a.v
	referenced := map[string]bool{}
	for _, h := range v.ExpandedHrefs() {
		referenced[h] = true
	}
	var done int64
	windows := 0
	for _, m := range deflated {
		if v.HeldBytes(m.Name) != nil {
			continue // read whole already
		}
		zf := m.R.(*zipFileReader).f
		// From here on the member is read through its window, if any:
		// reading it at random would inflate it again from its start.
		m.R = nil
		algs := v.AlgorithmsFor(m.Name)
		window := referenced[m.Name] && windows < maxWindows
		if len(algs) == 0 && !window {
			continue
		}
		hs := digest.NewHashes(algs)
		ws := append(hs.Lanes(), &progressWriter{m: a.m, member: m.Name, done: &done})
		var win *windowWriter
		if window {
			windows++
			win = &windowWriter{size: m.Size}
			ws = append(ws, win)
		}
		rc, err := zf.Open()
		if err != nil {
			return fmt.Errorf("engine: reading %s in %s: %w", m.Name, a.src.Name, err)
		}
		n, err := io.Copy(io.MultiWriter(ws...), &ctxReader{ctx: ctx, r: rc})
		rc.Close()
		a.m.Read(n)
		if ctx.Err() != nil {
			return ctx.Err()
		}
		if err != nil {
			v.Incomplete = true
			a.add(rules.PkgTruncated.New(report.InMember(m.Name),
				"the compressed data of %s in the zip is damaged after %d of its %d bytes (%v): it was not checked",
				m.Name, n, m.Size, err).
				WithHint("The file was altered or damaged in transfer; fetch the package again."))
			continue
		}
		m.Streamed = hs.Sums()
		if win != nil {
			m.R = win.readerAt()
		}
	}
	return nil
}

// zipFileReader reads a deflated zip file at random by inflating it from
// its start as needed. It serves the descriptor, manifest and certificate,
// which are read whole once; larger files are inflated in one pass by
// inflateZipMembers.
type zipFileReader struct {
	f   *zip.File
	a   *assembler
	rc  io.ReadCloser
	pos int64
}

// Close closes the entry's current reader, if one is open.
func (z *zipFileReader) Close() error {
	if z.rc == nil {
		return nil
	}
	err := z.rc.Close()
	z.rc = nil
	return err
}

func (z *zipFileReader) ReadAt(p []byte, off int64) (int, error) {
	if z.rc == nil || off < z.pos {
		if z.rc != nil {
			z.rc.Close()
		}
		rc, err := z.f.Open()
		if err != nil {
			return 0, err
		}
		z.rc, z.pos = rc, 0
	}
	if off > z.pos {
		n, err := io.CopyN(io.Discard, z.rc, off-z.pos)
		z.pos += n
		if err != nil {
			return 0, err
		}
	}
	n, err := io.ReadFull(z.rc, p)
	z.pos += int64(n)
	switch {
	case err == nil, err == io.EOF:
	case err == io.ErrUnexpectedEOF:
		err = io.EOF
	default:
		// Damaged compressed data: what was read is all there is, as
		// for a member cut short.
		z.a.v.Incomplete = true
		z.a.add(rules.PkgTruncated.New(report.InMember(z.f.Name),
			"the compressed data of %s in the zip is damaged after %d bytes (%v)", z.f.Name, z.pos, err).
			WithHint("The file was altered or damaged in transfer; fetch the package again."))
		err = io.EOF
	}
	return n, err
}
