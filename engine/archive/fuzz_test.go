package archive

import (
	"archive/tar"
	"bytes"
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/ovacheck/ovacheck/engine/ovatest"
	"github.com/ovacheck/ovacheck/engine/rules"
)

// addSeeds gives a fuzzer archives in every dialect, damaged variants and
// the corpus .ova files.
func addSeeds(f *testing.F) {
	for _, s := range seeds(f) {
		f.Add(s)
	}
}

func seeds(f testing.TB) [][]byte {
	var out [][]byte
	add := func(b []byte) { out = append(out, b) }
	long := strings.Repeat("d", 60) + "/" + strings.Repeat("L", 80) + ".vmdk" // ustar splits it
	for _, format := range []tar.Format{tar.FormatUSTAR, tar.FormatGNU, tar.FormatPAX} {
		data := ovatest.OVA(format,
			ovatest.Member{Name: "a.ovf", Data: ovfData},
			ovatest.Member{Name: "a.mf", Data: []byte("SHA256(a.ovf)= 00\n")},
			ovatest.Member{Name: long, Data: diskData},
			ovatest.Member{Name: "sub/", Type: tar.TypeDir},
			ovatest.Member{Name: "link", Type: tar.TypeSymlink, Linkname: "a.ovf"})
		add(data)
		add(data[:len(data)/2])
		add(append(bytes.Clone(data), "trailing"...))
	}
	add(ovatest.OVA(tar.FormatPAX, ovatest.Member{Name: strings.Repeat("P", 200), Data: ovfData}))
	add(ovatest.OVA(tar.FormatGNU, ovatest.Member{Name: strings.Repeat("G", 200), Data: ovfData}))
	big := headerOnlyTar(f, &tar.Header{Name: "big.vmdk", Size: 9 << 30, Format: tar.FormatGNU, Typeflag: tar.TypeReg})
	add(big)
	add(headerOnlyTar(f, &tar.Header{Name: "big.vmdk", Size: 9 << 30, Format: tar.FormatPAX, Typeflag: tar.TypeReg}))
	add([]byte{})
	add(gzipped(twoMembers(tar.FormatUSTAR)))
	dir := os.Getenv("OVACHECK_CORPUS")
	if dir == "" {
		dir = filepath.Join("..", "..", "..", "shared", "corpus")
	}
	filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(p, ".ova") {
			// Large seeds make the fuzzer's minimisation crawl; the first
			// 16 KiB hold every header of the small corpus packages.
			if b, err := os.ReadFile(p); err == nil {
				add(b[:min(len(b), 16<<10)])
			}
		}
		return nil
	})
	return out
}

// FuzzOpen checks that any input indexes without panic, that a complete
// index has every member inside the input, that findings name registered
// rules, and that members agree with archive/tar wherever it reads the
// whole input without error.
func FuzzOpen(f *testing.F) {
	addSeeds(f)
	f.Fuzz(func(t *testing.T, data []byte) {
		checkOpen(t, data)
		// Mutated header fields rarely keep a valid checksum; repair them
		// so that the fuzzer explores what lies behind the checksum.
		checkOpen(t, withChecksums(data))
	})
}

// withChecksums returns a copy of data with the checksum of every block
// that carries a ustar magic recomputed.
func withChecksums(data []byte) []byte {
	out := bytes.Clone(data)
	for off := 0; off+blockSize <= len(out); off += blockSize {
		if string(out[off+offMagic:off+offMagic+5]) == "ustar" {
			fixChecksum(out[off : off+blockSize])
		}
	}
	return out
}

func checkOpen(t *testing.T, data []byte) {
	{
		idx, err := Open(bytes.NewReader(data), int64(len(data)), "fuzz.ova")
		if err != nil {
			t.Fatalf("Open: %v", err)
		}
		size := int64(len(data))
		for i, m := range idx.Members {
			if m.DataOffset < m.HeaderOffset+blockSize || m.Size < 0 {
				t.Fatalf("member %d: %+v", i, m)
			}
			if idx.Complete && m.DataOffset+m.Size > size {
				t.Fatalf("complete index, but member %d %+v ends past %d", i, m, size)
			}
		}
		if idx.End > size && idx.Complete {
			t.Fatalf("End %d past size %d", idx.End, size)
		}
		for _, fd := range idx.Findings {
			if _, ok := rules.Lookup(fd.Rule); !ok {
				t.Fatalf("finding of unregistered rule %q", fd.Rule)
			}
		}
		CheckLayout(idx, Layout{Descriptor: "a.ovf", Manifest: "a.mf", References: []string{"disk1.vmdk"}})
		compareWithArchiveTar(t, data, idx)
	}
}

// compareWithArchiveTar checks idx against archive/tar's reading of data,
// when archive/tar reads every header without error.
func compareWithArchiveTar(t *testing.T, data []byte, idx *Index) {
	if idx.Kind != KindTar {
		return
	}
	tr := tar.NewReader(bytes.NewReader(data))
	var hs []*tar.Header
	for {
		h, err := tr.Next()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return // archive/tar gives up; nothing to compare with
		}
		if h.Typeflag != tar.TypeXGlobalHeader {
			hs = append(hs, h)
		}
		// Next skips the data; reading it would expand sparse members.
	}
	if len(hs) != len(idx.Members) {
		t.Fatalf("archive/tar reads %d members, the index has %d:\n%+v", len(hs), len(idx.Members), idx.Members)
	}
	for i, h := range hs {
		m := idx.Members[i]
		if len(h.Name) > 4096 || len(h.Linkname) > 4096 {
			continue
		}
		if h.Name != m.Name || h.Linkname != m.Linkname || h.Typeflag != m.Typeflag || (!m.Sparse && !headerOnly(h.Typeflag) && h.Size != m.Size) {
			t.Fatalf("member %d: archive/tar reads %q %q type %q size %d; the index has %+v", i+1, h.Name, h.Linkname, h.Typeflag, h.Size, m)
		}
	}
}

// FuzzStream checks that Stream gives the same index as Open.
func FuzzStream(f *testing.F) {
	addSeeds(f)
	f.Fuzz(func(t *testing.T, data []byte) {
		checkStream(t, data)
		checkStream(t, withChecksums(data))
	})
}

func checkStream(t *testing.T, data []byte) {
	{
		idx, err := Open(bytes.NewReader(data), int64(len(data)), "fuzz.ova")
		if err != nil {
			t.Fatal(err)
		}
		var visited []string
		sidx, err := Stream(bytes.NewReader(data), "fuzz.ova", func(m Member, r io.Reader) error {
			visited = append(visited, m.Name)
			if len(visited)%2 == 0 {
				_, err := io.Copy(io.Discard, io.LimitReader(r, 1000))
				return err
			}
			return nil
		})
		if err != nil {
			t.Fatalf("Stream: %v", err)
		}
		if !reflect.DeepEqual(idx, sidx) {
			t.Fatalf("Stream differs from Open:\nOpen:   %+v\nStream: %+v", idx, sidx)
		}
		var regular []string
		for _, m := range idx.Members {
			if m.Regular() {
				regular = append(regular, m.Name)
			}
		}
		if !reflect.DeepEqual(visited, regular) && len(visited)+len(regular) > 0 {
			t.Fatalf("visited %q, regular members %q", visited, regular)
		}
	}
}
