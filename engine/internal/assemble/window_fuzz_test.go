package assemble

import (
	"bytes"
	"encoding/binary"
	"testing"

	"github.com/ovacheck/ovacheck/engine/disk"
)

// windowMember lays fuzz data out as a disk member of 4 MiB: two length
// bytes each for parts A and B, then the parts: A at offset 0 (headers), B
// at 192 KiB (a VHDX's region table), and the rest, C, at 1, 2 and 3 MiB
// (regions the headers may point to). The piece size the member is written
// in comes from the last byte.
func windowMember(data []byte) (member []byte, piece int) {
	member = make([]byte, 4<<20)
	if len(data) < 5 {
		return member, 4096
	}
	la, lb := int(binary.LittleEndian.Uint16(data)), int(binary.LittleEndian.Uint16(data[2:]))
	piece = 1 + int(data[len(data)-1])*997
	rest := data[4 : len(data)-1]
	a := rest[:min(la, len(rest))]
	rest = rest[len(a):]
	b := rest[:min(lb, len(rest))]
	c := rest[len(b):]
	copy(member, a)
	copy(member[192<<10:], b)
	for off := 1 << 20; off < len(member); off += 1 << 20 {
		copy(member[off:], c)
	}
	return member, piece
}

// vhdxSeed is a minimal VHDX whose region table puts the metadata region at
// 1 MiB, with a metadata table naming the virtual size and file
// parameters, laid out for windowMember.
func vhdxSeed() []byte {
	le := binary.LittleEndian
	a := []byte("vhdxfile")
	b := make([]byte, 16+32)
	copy(b, "regi")
	le.PutUint32(b[8:], 1)
	copy(b[16:], []byte{0x06, 0xa2, 0x7c, 0x8b, 0x90, 0x47, 0x9a, 0x4b, 0xb8, 0xfe, 0x57, 0x5f, 0x05, 0x0f, 0x88, 0x6e})
	le.PutUint64(b[32:], 1<<20)
	le.PutUint32(b[40:], 1<<20)
	c := make([]byte, 32+2*32+16)
	copy(c, "metadata")
	le.PutUint16(c[10:], 2)
	copy(c[32:], []byte{0x37, 0x67, 0xa1, 0xca, 0x36, 0xfa, 0x43, 0x4d, 0xb3, 0xb6, 0x33, 0xf0, 0xaa, 0x44, 0xe7, 0x6b})
	le.PutUint32(c[48:], 96)
	le.PutUint32(c[52:], 8)
	copy(c[64:], []byte{0x24, 0x42, 0xa5, 0x2f, 0x1b, 0xcd, 0x76, 0x48, 0xb2, 0x11, 0x5d, 0xbe, 0xd8, 0x3b, 0xf4, 0xb8})
	le.PutUint32(c[80:], 1<<20+104) // in the copy at 2 MiB
	le.PutUint32(c[84:], 8)
	le.PutUint64(c[104:], 8<<20)
	out := []byte{byte(len(a)), 0, byte(len(b)), 0}
	return append(append(append(append(out, a...), b...), c...), 3)
}

// FuzzWindow streams members through a window and probes what it kept.
// Invariants: no panic, a member keeps no more than followBytes in at most
// maxFollows spans beyond its head and tail, and whatever the probe saw in
// the window it saw in the whole member too when it needed no bytes the
// window lacks.
func FuzzWindow(f *testing.F) {
	f.Add(vhdxSeed())
	f.Add([]byte{8, 0, 0, 0, 'v', 'h', 'd', 'x', 'f', 'i', 'l', 'e', 0})
	f.Add([]byte{})
	f.Fuzz(func(t *testing.T, data []byte) {
		member, piece := windowMember(data)
		w := &windowWriter{size: int64(len(member))}
		for b := member; len(b) > 0; b = b[min(piece, len(b)):] {
			w.Write(b[:min(piece, len(b))])
		}
		if w.kept > followBytes || len(w.spans) > maxFollows {
			t.Fatalf("kept %d bytes in %d spans", w.kept, len(w.spans))
		}
		got, _ := disk.Probe(w.readerAt(), int64(len(member)), "d")
		want, _ := disk.Probe(bytes.NewReader(member), int64(len(member)), "d")
		if got.Format != want.Format {
			t.Fatalf("format %q in the window, %q in the member", got.Format, want.Format)
		}
	})
}

// The VHDX seed is followed: its virtual size, 2 MiB into the member, is
// read from the window (no qemu-img needed).
func TestWindowFollowsVHDXSeed(t *testing.T) {
	member, piece := windowMember(vhdxSeed())
	w := &windowWriter{size: int64(len(member))}
	for b := member; len(b) > 0; b = b[min(piece, len(b)):] {
		w.Write(b[:min(piece, len(b))])
	}
	img, fs := disk.Probe(w.readerAt(), int64(len(member)), "d")
	if img.Format != disk.FormatVHDX || img.VirtualSize != 8<<20 {
		t.Errorf("window probe saw %+v %v; want a VHDX of 8 MiB", img, fs)
	}
	if len(w.spans) != 2 {
		t.Errorf("%d spans kept; want 2 (the metadata table, which holds the file parameters, and the virtual size)", len(w.spans))
	}
}
