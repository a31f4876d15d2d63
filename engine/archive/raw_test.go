package archive

import (
	"bytes"
	"fmt"
	"strings"
	"testing"

	"github.com/ovacheck/ovacheck/engine/rules"
)

// rawHeader builds a header block by hand: name, type flag, size field
// bytes (12) and magic+version (8 bytes, "" for V7), with a valid checksum.
func rawHeader(name string, typeflag byte, size string, magic string) []byte {
	b := make([]byte, blockSize)
	copy(b, name)
	copy(b[100:], "0000644\x00")
	copy(b[offSize:], size)
	copy(b[136:], "15051020305\x00")
	b[offTypeflag] = typeflag
	copy(b[offMagic:], magic)
	fixChecksum(b)
	return b
}

func octalSize(n int) string { return fmt.Sprintf("%011o\x00", n) }

// paxData returns PAX records for key=value pairs, padded to blocks.
func paxData(kv ...string) []byte {
	var buf bytes.Buffer
	for i := 0; i+1 < len(kv); i += 2 {
		rec := " " + kv[i] + "=" + kv[i+1] + "\n"
		n := len(rec) + 1
		for len(fmt.Sprint(n))+len(rec) != n {
			n++
		}
		fmt.Fprintf(&buf, "%d%s", n, rec)
	}
	return buf.Bytes()
}

func blocks(parts ...[]byte) []byte {
	var out []byte
	for _, p := range parts {
		out = append(out, p...)
		if r := len(p) % blockSize; r != 0 {
			out = append(out, make([]byte, blockSize-r)...)
		}
	}
	return append(out, make([]byte, 2*blockSize)...)
}

const (
	ustarMagic   = "ustar\x0000"
	gnuMagic     = "ustar  \x00"
	ovftoolMagic = "ustar\x00 \x00"
)

func TestOpenHandMade(t *testing.T) {
	pax := paxData("path", "renamed.vmdk", "size", "3")
	hugePAX := paxData("size", "9223372036854775807")
	sparse := rawHeader("s.vmdk", 'S', octalSize(5), gnuMagic)
	sparse[offGNUExt] = 1
	fixChecksum(sparse)
	tests := []struct {
		name     string
		data     []byte
		members  []Member
		complete bool
		wants    []want
	}{
		{"ovftool magic", blocks(rawHeader("a.ovf", '0', octalSize(3), ovftoolMagic), []byte("abc")),
			[]Member{{Name: "a.ovf", DataOffset: 512, Size: 3, Typeflag: '0', Format: FormatOVFTool}}, true, nil},
		{"v7 directory by trailing slash", blocks(rawHeader("dir/", 0, octalSize(0), ""), rawHeader("dir/a", 0, octalSize(1), ""), []byte("x")),
			[]Member{{Name: "dir/", DataOffset: 512, Typeflag: '5', Format: FormatV7},
				{Name: "dir/a", HeaderOffset: 512, DataOffset: 1024, Size: 1, Typeflag: '0', Format: FormatV7}}, true, nil},
		{"pax path and size", blocks(rawHeader("PaxHeaders/x", 'x', octalSize(len(pax)), ustarMagic), pax, rawHeader("short", '0', octalSize(0), ustarMagic), []byte("xyz")),
			[]Member{{Name: "renamed.vmdk", DataOffset: 1536, Size: 3, Typeflag: '0', Format: FormatPAX}}, true, nil},
		{"pax global header", blocks(rawHeader("pax_global_header", 'g', octalSize(len(pax)), ustarMagic), pax, rawHeader("a.ovf", '0', octalSize(1), ustarMagic), []byte("x")),
			[]Member{{Name: "a.ovf", HeaderOffset: 1024, DataOffset: 1536, Size: 1, Typeflag: '0', Format: FormatPAX}}, true, nil},
		{"gnu sparse with an extension block", blocks(sparse, make([]byte, blockSize), []byte("hello")),
			[]Member{{Name: "s.vmdk", DataOffset: 1024, Size: 5, Typeflag: 'S', Format: FormatGNU, Sparse: true}}, true, nil},
		{"long name with an impossible size", blocks(rawHeader("././@LongLink", 'L', "\x80\x00\x00\x00\x40\x00\x00\x00\x00\x00\x00\x00", gnuMagic)),
			nil, false, []want{{rules.PkgBadHeader, "", []string{"member 1 at offset 0", "invalid size"}}}},
		{"pax size impossible", blocks(rawHeader("PaxHeaders/x", 'x', octalSize(len(hugePAX)), ustarMagic), hugePAX, rawHeader("big", '0', octalSize(0), ustarMagic)),
			nil, false, []want{{rules.PkgBadHeader, "", []string{"impossible size of 9223372036854775807"}}}},
		{"malformed pax record", blocks(rawHeader("PaxHeaders/x", 'x', octalSize(12), ustarMagic), []byte("99 path=x\n\x00\x00"), rawHeader("a", '0', octalSize(0), ustarMagic)),
			nil, false, []want{{rules.PkgBadHeader, "", []string{"PAX extended header at offset 0", "malformed record"}}}},
		{"extended header then end", blocks(rawHeader("PaxHeaders/x", 'x', octalSize(len(pax)), ustarMagic), pax),
			nil, true, []want{{rules.PkgBadHeader, "", []string{"followed by the end of the archive"}}}},
		{"long name cut short", rawHeader("././@LongLink", 'L', octalSize(300), gnuMagic),
			nil, false, []want{{rules.PkgTruncated, "", []string{"extended header of member 1", "300 bytes are missing"}}}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			idx := both(t, tc.data, "x.ova")
			expectFindings(t, idx.Findings, tc.wants...)
			if fmt.Sprint(idx.Members) != fmt.Sprint(tc.members) || idx.Complete != tc.complete {
				t.Errorf("members %+v complete %v\nwant    %+v complete %v", idx.Members, idx.Complete, tc.members, tc.complete)
			}
		})
	}
	// The layout check names the sparse member.
	idx := both(t, blocks(sparse, make([]byte, blockSize), []byte("hello")), "x.ova")
	fs := CheckLayout(idx, Layout{})
	if len(fs) == 0 || fs[0].Rule != rules.PkgSpecialMember.ID || !strings.Contains(fs[0].Message, "sparse") {
		t.Errorf("sparse member findings:\n%s", dump(fs))
	}
}
