package archive

import (
	"archive/tar"
	"bytes"
	"fmt"
	"io"
	"strings"
	"testing"

	"github.com/ovacheck/ovacheck/engine/internal/limits"
	"github.com/ovacheck/ovacheck/engine/ovatest"
	"github.com/ovacheck/ovacheck/engine/rules"
)

var (
	ovfData  = []byte("<Envelope/>")
	diskData = bytes.Repeat([]byte{0xab}, 1000)
)

// twoMembers is a descriptor then a 1000-byte disk. Its layout: header 1
// at 0, data at 512; header 2 at 1024, data at 1536..2536, padding to 2560;
// end blocks at 2560..3584.
func twoMembers(format tar.Format) []byte {
	return ovatest.OVA(format,
		ovatest.Member{Name: "appliance.ovf", Data: ovfData},
		ovatest.Member{Name: "disk1.vmdk", Data: diskData})
}

func TestOpenFormats(t *testing.T) {
	longName := strings.Repeat("n", 150) + ".vmdk"             // no slash: needs GNU L or PAX path
	splitName := strings.Repeat("d", 60) + "/" + longName[:90] // fits ustar prefix + name
	tests := []struct {
		name    string
		format  tar.Format
		members []ovatest.Member
		formats []string
		names   []string
	}{
		{"ustar", tar.FormatUSTAR, []ovatest.Member{{Name: "a.ovf", Data: ovfData}, {Name: "disk1.vmdk", Data: diskData}},
			[]string{FormatUSTAR, FormatUSTAR}, nil},
		{"gnu", tar.FormatGNU, []ovatest.Member{{Name: "a.ovf", Data: ovfData}, {Name: "disk1.vmdk", Data: diskData}},
			[]string{FormatGNU, FormatGNU}, nil},
		{"gnu long name", tar.FormatGNU, []ovatest.Member{{Name: "a.ovf", Data: ovfData}, {Name: longName, Data: diskData}},
			[]string{FormatGNU, FormatGNU}, nil},
		{"pax long name", tar.FormatPAX, []ovatest.Member{{Name: "a.ovf", Data: ovfData}, {Name: longName, Data: diskData}},
			[]string{FormatPAX, FormatPAX}, nil},
		{"ustar prefix", tar.FormatUSTAR, []ovatest.Member{{Name: "a.ovf", Data: ovfData}, {Name: splitName, Data: diskData}},
			[]string{FormatUSTAR, FormatUSTAR}, nil},
		{"gnu long link", tar.FormatGNU, []ovatest.Member{{Name: "a.ovf", Data: ovfData}, {Name: "l", Type: tar.TypeSymlink, Linkname: longName}},
			[]string{FormatGNU, FormatGNU}, nil},
		{"directory", tar.FormatUSTAR, []ovatest.Member{{Name: "sub/", Type: tar.TypeDir}, {Name: "sub/a.ovf", Data: ovfData}},
			[]string{FormatUSTAR, FormatUSTAR}, nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			data := ovatest.OVA(tc.format, tc.members...)
			idx := both(t, data, "x.ova")
			if idx.Kind != KindTar || !idx.Complete || len(idx.Findings) != 0 {
				t.Fatalf("kind %s complete %v findings:\n%s", idx.Kind, idx.Complete, dump(idx.Findings))
			}
			if len(idx.Members) != len(tc.members) {
				t.Fatalf("got %d members, want %d", len(idx.Members), len(tc.members))
			}
			// archive/tar is the reference for names, types and data offsets.
			sr := io.NewSectionReader(bytes.NewReader(data), 0, int64(len(data)))
			tr := tar.NewReader(sr)
			for i, m := range idx.Members {
				h, err := tr.Next()
				if err != nil {
					t.Fatal(err)
				}
				pos, _ := sr.Seek(0, io.SeekCurrent)
				if m.Name != h.Name || m.Typeflag != h.Typeflag || m.Linkname != h.Linkname || m.Size != h.Size || m.DataOffset != pos {
					t.Errorf("member %d: got %q type %c link %q size %d at %d; archive/tar says %q %c %q %d at %d",
						i+1, m.Name, m.Typeflag, m.Linkname, m.Size, m.DataOffset, h.Name, h.Typeflag, h.Linkname, h.Size, pos)
				}
				if m.Format != tc.formats[i] {
					t.Errorf("member %d format %s, want %s", i+1, m.Format, tc.formats[i])
				}
			}
			last := idx.Members[len(idx.Members)-1]
			if want := last.DataOffset + padded(last.Size); idx.End != want || int64(len(data)) != want+2*blockSize {
				t.Errorf("End = %d, want %d (file %d bytes)", idx.End, want, len(data))
			}
		})
	}
}

func TestOpenOffsets(t *testing.T) {
	idx := both(t, twoMembers(tar.FormatUSTAR), "appliance.ova")
	want := []Member{
		{Name: "appliance.ovf", HeaderOffset: 0, DataOffset: 512, Size: int64(len(ovfData)), Typeflag: '0', Format: FormatUSTAR},
		{Name: "disk1.vmdk", HeaderOffset: 1024, DataOffset: 1536, Size: 1000, Typeflag: '0', Format: FormatUSTAR},
	}
	if fmt.Sprint(idx.Members) != fmt.Sprint(want) || idx.End != 2560 {
		t.Errorf("got %+v end %d\nwant %+v end 2560", idx.Members, idx.End, want)
	}
}

// TestOpenReadsHeadersOnly proves that indexing a package with a 100 GiB
// disk reads a few KB.
func TestOpenReadsHeadersOnly(t *testing.T) {
	in, _ := bigArchive(t, tar.FormatGNU, 100<<30)
	c := &countingReaderAt{r: in}
	idx, err := Open(c, in.size, "big.ova")
	if err != nil {
		t.Fatal(err)
	}
	if len(idx.Members) != 3 || !idx.Complete {
		t.Fatalf("members %+v complete %v\n%s", idx.Members, idx.Complete, dump(idx.Findings))
	}
	if c.bytes > 8<<10 {
		t.Errorf("read %d bytes in %d calls to index a %d-byte archive; want under 8 KiB", c.bytes, c.calls, in.size)
	}
}

// bigArchive returns a descriptor, a disk of size bytes (never allocated)
// and a manifest, written in format.
func bigArchive(t *testing.T, format tar.Format, size int64) (*sparseInput, int64) {
	head := ovatest.OVA(format, ovatest.Member{Name: "big.ovf", Data: ovfData})
	head = head[:len(head)-2*blockSize] // drop the end blocks
	hdr := headerOnlyTar(t, &tar.Header{Name: "big-disk1.vmdk", Size: size, Mode: 0o644, Typeflag: tar.TypeReg, Format: format})
	dataOff := int64(len(head) + len(hdr))
	tail := ovatest.OVA(format, ovatest.Member{Name: "big.mf", Data: []byte("SHA256(big.ovf)= 00\n")})
	tailOff := dataOff + padded(size)
	in := &sparseInput{size: tailOff + int64(len(tail)), parts: []part{
		{0, append(head, hdr...)},
		{tailOff, tail},
	}}
	return in, dataOff
}

func TestOpenOver8GiB(t *testing.T) {
	const size = 9<<30 + 123
	for _, tc := range []struct {
		format  tar.Format
		fmtName string
		base256 bool
	}{
		{tar.FormatGNU, FormatGNU, true},
		{tar.FormatPAX, FormatPAX, false},
	} {
		t.Run(tc.fmtName, func(t *testing.T) {
			in, dataOff := bigArchive(t, tc.format, size)
			idx, err := Open(in, in.size, "big.ova")
			if err != nil {
				t.Fatal(err)
			}
			if len(idx.Members) != 3 || !idx.Complete || len(idx.Findings) != 0 {
				t.Fatalf("members %+v complete %v\n%s", idx.Members, idx.Complete, dump(idx.Findings))
			}
			m := idx.Members[1]
			if m.Name != "big-disk1.vmdk" || m.Size != size || m.DataOffset != dataOff || m.Format != tc.fmtName || m.Base256Size != tc.base256 {
				t.Errorf("got %+v; want size %d at %d, format %s, base-256 %v", m, int64(size), dataOff, tc.fmtName, tc.base256)
			}
			if mf := idx.Members[2]; mf.Name != "big.mf" || mf.HeaderOffset != dataOff+padded(size) {
				t.Errorf("manifest %+v, want header at %d", mf, dataOff+padded(size))
			}
			// Cut the archive 1000 bytes into the disk: the finding says how
			// much is missing.
			cut := &sparseInput{size: dataOff + 1000, parts: in.parts}
			idx, err = Open(cut, cut.size, "big.ova")
			if err != nil {
				t.Fatal(err)
			}
			expectFindings(t, idx.Findings, want{rules.PkgTruncated, "big-disk1.vmdk",
				[]string{"member 2", fmt.Sprint(int64(size) - 1000), "bytes are missing", "the download was cut short"}})
			if idx.Complete {
				t.Error("Complete is true for a truncated archive")
			}
		})
	}
}

func TestOpenTruncated(t *testing.T) {
	full := twoMembers(tar.FormatUSTAR)
	tests := []struct {
		cut      int
		complete bool
		wants    []want
	}{
		{300, false, []want{{rules.PkgTruncated, "", []string{"header of member 1 at offset 0", "212 of its 512 bytes are missing", "cut short"}}}},
		{1024, true, []want{{rules.PkgNoEndBlocks, "", []string{"offset 1024", "after member 1"}}}},
		{1100, false, []want{{rules.PkgTruncated, "", []string{"header of member 2 at offset 1024", "436 of its 512"}}}},
		{1800, false, []want{{rules.PkgTruncated, "disk1.vmdk", []string{"member 2", "1000 bytes", "offset 1536", "after 264", "736 bytes are missing", "the download was cut short"}}}},
		{2536, true, []want{{rules.PkgTruncated, "disk1.vmdk", []string{"padding after member 2", "24 bytes"}}}},
		{2560, true, []want{{rules.PkgNoEndBlocks, "", []string{"offset 2560", "after member 2"}}}},
		{3072, true, []want{{rules.PkgNoEndBlocks, "", []string{"one zero block at offset 2560"}}}},
		{3584, true, nil},
	}
	for _, tc := range tests {
		t.Run(fmt.Sprint(tc.cut), func(t *testing.T) {
			idx := both(t, full[:tc.cut], "appliance.ova")
			expectFindings(t, idx.Findings, tc.wants...)
			if idx.Complete != tc.complete {
				t.Errorf("Complete = %v, want %v", idx.Complete, tc.complete)
			}
			for _, m := range idx.Members {
				if idx.Complete && m.DataOffset+m.Size > int64(tc.cut) {
					t.Errorf("complete index, but member %q ends at %d past %d", m.Name, m.DataOffset+m.Size, tc.cut)
				}
			}
		})
	}
}

func TestOpenDamaged(t *testing.T) {
	corrupt := func(edit func(b []byte)) []byte {
		b := twoMembers(tar.FormatUSTAR)
		edit(b)
		return b
	}
	tests := []struct {
		name     string
		data     []byte
		complete bool
		members  int
		wants    []want
	}{
		{"bad checksum member 2", corrupt(func(b []byte) { b[1024+3] ^= 0x20 }), false, 1,
			[]want{{rules.PkgBadChecksum, "", []string{"header of member 2 at offset 1024 has a bad checksum"}}}},
		{"bad checksum member 1", corrupt(func(b []byte) { b[100] = '9' }), false, 0,
			[]want{{rules.PkgBadChecksum, "", []string{"header of member 1 at offset 0 has a bad checksum"}}}},
		{"bad size field", corrupt(func(b []byte) { copy(b[1024+offSize:], "99999999999\x00"); fixChecksum(b[1024:]) }), false, 1,
			[]want{{rules.PkgBadHeader, "", []string{"member 2 at offset 1024", "invalid size"}}}},
		{"garbage after last member", append(twoMembers(tar.FormatUSTAR)[:2560], bytes.Repeat([]byte("junk"), 256)...), false, 2,
			[]want{{rules.PkgBadChecksum, "", []string{"member 3 at offset 2560", "do not look like a tar header"}}}},
		{"trailing data", append(twoMembers(tar.FormatUSTAR), "hello"...), true, 2,
			[]want{{rules.PkgTrailingData, "", []string{"5 bytes follow the end of the archive at offset 3584", "first non-zero byte is at offset 3584"}}}},
		{"zero padding", append(twoMembers(tar.FormatUSTAR), make([]byte, 6656)...), true, 2, nil},
		{"lone zero block then data", corrupt(func(b []byte) { copy(b[3072:], "not an end block") }), true, 2,
			[]want{{rules.PkgNoEndBlocks, "", []string{"one zero block at offset 2560"}},
				{rules.PkgTrailingData, "", []string{"512 bytes follow", "offset 3072"}}}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			idx := both(t, tc.data, "appliance.ova")
			expectFindings(t, idx.Findings, tc.wants...)
			if idx.Complete != tc.complete || len(idx.Members) != tc.members {
				t.Errorf("complete %v members %d; want %v %d", idx.Complete, len(idx.Members), tc.complete, tc.members)
			}
		})
	}
}

func TestOpenLimits(t *testing.T) {
	t.Run("members", func(t *testing.T) {
		ms := make([]ovatest.Member, limits.MaxMembers+1)
		for i := range ms {
			ms[i] = ovatest.Member{Name: fmt.Sprintf("f%05d", i)}
		}
		idx := both(t, ovatest.OVA(tar.FormatUSTAR, ms...), "many.ova")
		expectFindings(t, idx.Findings, want{rules.PkgTooManyMembers, "", []string{fmt.Sprintf("more than %d members", limits.MaxMembers)}})
		if len(idx.Members) != limits.MaxMembers || idx.Complete {
			t.Errorf("%d members, complete %v", len(idx.Members), idx.Complete)
		}
	})
	t.Run("name length", func(t *testing.T) {
		long := strings.Repeat("x", limits.MaxNameLength+10)
		for _, f := range []tar.Format{tar.FormatPAX, tar.FormatGNU} {
			idx := both(t, ovatest.OVA(f, ovatest.Member{Name: long, Data: ovfData}), "long.ova")
			expectFindings(t, idx.Findings, want{rules.PkgNameTooLong, long[:limits.MaxNameLength], []string{"member 1", "longer than 4096 bytes"}})
			if len(idx.Members) != 1 || len(idx.Members[0].Name) != limits.MaxNameLength || !idx.Complete {
				t.Errorf("%v: members %d, complete %v", f, len(idx.Members), idx.Complete)
			}
		}
	})
}

func TestOpenExtension(t *testing.T) {
	data := twoMembers(tar.FormatUSTAR)
	for _, tc := range []struct {
		name  string
		wants []want
	}{
		{"appliance.ova", nil},
		{"APPLIANCE.OVA", nil},
		{"-", nil},
		{"", nil},
		{"appliance.tar", []want{{rules.PkgNotDotOVA, "", []string{`"appliance.tar"`, ".ova"}}}},
	} {
		idx := both(t, data, tc.name)
		expectFindings(t, idx.Findings, tc.wants...)
	}
}

// TestStreamVisit checks that visit sees each regular member's bytes, may
// leave them unread, and that offsets stay right.
func TestStreamVisit(t *testing.T) {
	data := ovatest.OVA(tar.FormatGNU,
		ovatest.Member{Name: "a.ovf", Data: ovfData},
		ovatest.Member{Name: "sub/", Type: tar.TypeDir},
		ovatest.Member{Name: "disk1.vmdk", Data: diskData},
		ovatest.Member{Name: "a.mf", Data: []byte("manifest")})
	got := map[string][]byte{}
	idx, err := Stream(bytes.NewReader(data), "a.ova", func(m Member, r io.Reader) error {
		switch m.Name {
		case "disk1.vmdk": // read part of it
			b := make([]byte, 10)
			n, err := io.ReadFull(r, b)
			got[m.Name] = b[:n]
			return err
		case "a.mf": // leave it unread
			got[m.Name] = nil
			return nil
		}
		b, err := io.ReadAll(r)
		got[m.Name] = b
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	open := both(t, data, "a.ova")
	if fmt.Sprint(open.Members) != fmt.Sprint(idx.Members) {
		t.Errorf("Stream members %+v\nOpen members %+v", idx.Members, open.Members)
	}
	if string(got["a.ovf"]) != string(ovfData) || !bytes.Equal(got["disk1.vmdk"], diskData[:10]) || len(got) != 3 {
		t.Errorf("visit saw %q", got)
	}
	if _, dir := got["sub/"]; dir {
		t.Error("visit called for a directory")
	}

	// An error from visit stops Stream and is returned.
	stop := fmt.Errorf("stop here")
	if _, err := Stream(bytes.NewReader(data), "a.ova", func(Member, io.Reader) error { return stop }); err != stop {
		t.Errorf("Stream returned %v, want the visit error", err)
	}

	// A truncated member: visit's io.ErrUnexpectedEOF is a finding, not an error.
	cut := data[:len(data)-2000]
	idx, err = Stream(bytes.NewReader(cut), "a.ova", func(_ Member, r io.Reader) error {
		_, err := io.ReadAll(r)
		return err
	})
	if err != nil || idx.Complete {
		t.Errorf("truncated stream: err %v complete %v", err, idx.Complete)
	}
}

// failingReaderAt fails every read.
type failingReaderAt struct{}

func (failingReaderAt) ReadAt([]byte, int64) (int, error) { return 0, fmt.Errorf("disk on fire") }

func TestOpenIOError(t *testing.T) {
	if _, err := Open(failingReaderAt{}, 4096, "x.ova"); err == nil || !strings.Contains(err.Error(), "disk on fire") {
		t.Errorf("Open error = %v, want the read failure", err)
	}
	// A reader shorter than the size it was given is an I/O failure too.
	data := twoMembers(tar.FormatUSTAR)
	if _, err := Open(bytes.NewReader(data[:2000]), int64(len(data)), "x.ova"); err == nil {
		t.Error("Open of a reader shorter than its size: no error")
	}
}
