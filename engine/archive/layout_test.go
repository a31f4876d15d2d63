package archive

import (
	"testing"

	"github.com/ovacheck/ovacheck/engine/rules"
)

// tarOf returns an index of members with the given names, regular files in
// ustar headers unless a spec says otherwise.
func tarOf(ms ...Member) *Index {
	idx := &Index{Kind: KindTar, Complete: true}
	for _, m := range ms {
		if m.Typeflag == 0 {
			m.Typeflag = '0'
		}
		if m.Format == "" {
			m.Format = FormatUSTAR
		}
		idx.Members = append(idx.Members, m)
	}
	return idx
}

func names(ns ...string) []Member {
	ms := make([]Member, len(ns))
	for i, n := range ns {
		ms[i] = Member{Name: n}
	}
	return ms
}

func TestCheckLayout(t *testing.T) {
	std := Layout{Descriptor: "a.ovf", Manifest: "a.mf", Certificate: "a.cert", References: []string{"disk1.vmdk", "disk2.vmdk"}}
	noSidecars := Layout{Descriptor: "a.ovf", References: []string{"disk1.vmdk", "disk2.vmdk"}}
	chunked := Layout{Descriptor: "a.ovf", References: []string{"disk1.vmdk", "disk2.vmdk"}, ChunkedHrefs: map[string]bool{"disk1.vmdk": true}}
	tests := []struct {
		name    string
		members []Member
		layout  Layout
		wants   []want
	}{
		{"sidecars after descriptor", names("a.ovf", "a.mf", "a.cert", "disk1.vmdk", "disk2.vmdk"), std, nil},
		{"sidecars at the end", names("a.ovf", "disk1.vmdk", "disk2.vmdk", "a.mf", "a.cert"), std, nil},
		{"descriptor not first", names("disk1.vmdk", "a.ovf", "disk2.vmdk"), noSidecars,
			[]want{{rules.PkgDescriptorNotFirst, "a.ovf", []string{"member 2 of 3", `first member is "disk1.vmdk"`, "VMware"}}}},
		{"ova-compose order", names("a.ovf", "a.mf", "disk1.vmdk", "disk2.vmdk", "a.cert"), std,
			[]want{{rules.PkgSidecarPlacement, "a.cert", []string{"last member (5 of 5)", "ova-compose"}}}},
		{"manifest in the middle", names("a.ovf", "disk1.vmdk", "a.mf", "disk2.vmdk"), Layout{Descriptor: "a.ovf", Manifest: "a.mf", References: std.References},
			[]want{{rules.PkgSidecarPlacement, "a.mf", []string{"member 3 of 4"}}}},
		{"certificate before manifest at end", names("a.ovf", "disk1.vmdk", "disk2.vmdk", "a.cert", "a.mf"), std,
			[]want{{rules.PkgSidecarPlacement, "a.mf", []string{"member 5", "certificate \"a.cert\" member 4"}}}},
		{"files out of order", names("a.ovf", "disk2.vmdk", "disk1.vmdk"), noSidecars,
			[]want{{rules.PkgDataOrder, "disk1.vmdk", []string{`comes after "disk2.vmdk"`, "file 1 against file 2"}}}},
		{"chunks in order", names("a.ovf", "disk1.vmdk.000000000", "disk1.vmdk.000000001", "disk2.vmdk"), chunked, nil},
		{"chunks out of order", names("a.ovf", "disk1.vmdk.000000001", "disk1.vmdk.000000000", "disk2.vmdk"), chunked,
			[]want{{rules.PkgDataOrder, "disk1.vmdk.000000000", []string{`after "disk1.vmdk.000000001"`}}}},
		{"chunk names of an unchunked file", names("a.ovf", "disk1.vmdk.000000000", "disk2.vmdk"), noSidecars,
			[]want{{rules.PkgUnreferenced, "disk1.vmdk.000000000", []string{"not referenced"}}}},
		{"duplicates", names("a.ovf", "disk1.vmdk", "./disk1.vmdk"), noSidecars,
			[]want{{rules.PkgDuplicateMember, "./disk1.vmdk", []string{"member 3", "same name as member 2"}},
				{rules.PkgDotSlash, "./disk1.vmdk", []string{`"./"`}}}},
		{"unsafe names", names("a.ovf", "../evil.vmdk", "/etc/passwd", `C:\x.vmdk`, `dir\x.vmdk`, "a/../../b"), Layout{Descriptor: "a.ovf"},
			[]want{
				{rules.PkgUnsafeName, "../evil.vmdk", []string{`".." segment`, "never be extracted"}},
				{rules.PkgUnsafeName, "/etc/passwd", []string{"absolute path"}},
				{rules.PkgUnsafeName, `C:\x.vmdk`, []string{"drive letter"}},
				{rules.PkgUnsafeName, `dir\x.vmdk`, []string{"backslash"}},
				{rules.PkgUnsafeName, "a/../../b", []string{`".." segment`}},
				{rules.PkgUnreferenced, "../evil.vmdk", nil},
				{rules.PkgUnreferenced, "/etc/passwd", nil},
				{rules.PkgUnreferenced, `C:\x.vmdk`, nil},
				{rules.PkgUnreferenced, `dir\x.vmdk`, nil},
				{rules.PkgUnreferenced, "a/../../b", nil},
			}},
		{"dot-slash names", names("./a.ovf", "./disk1.vmdk", "./disk2.vmdk"), Layout{Descriptor: "./a.ovf", References: std.References},
			[]want{{rules.PkgDotSlash, "./a.ovf", nil}, {rules.PkgDotSlash, "./disk1.vmdk", nil}, {rules.PkgDotSlash, "./disk2.vmdk", []string{`name it "disk2.vmdk"`}}}},
		{"percent-encoded href", names("a.ovf", "my disk.vmdk"), Layout{Descriptor: "a.ovf", References: []string{"my%20disk.vmdk"}}, nil},
		{"subdirectory", names("a.ovf", "disks/disk1.vmdk"), Layout{Descriptor: "a.ovf", References: []string{"disks/disk1.vmdk"}},
			[]want{{rules.PkgSubdirectory, "disks/disk1.vmdk", []string{"subdirectory"}}}},
		{"special members", []Member{{Name: "a.ovf"}, {Name: "./", Typeflag: '5'}, {Name: "l.vmdk", Typeflag: '2', Linkname: "/etc/shadow"},
			{Name: "h.vmdk", Typeflag: '1', Linkname: "a.ovf"}, {Name: "dev", Typeflag: '3'}, {Name: "pipe", Typeflag: '6'}, {Name: "s.vmdk", Typeflag: 'S', Sparse: true}},
			Layout{Descriptor: "a.ovf"},
			[]want{
				{rules.PkgDirectoryMember, "./", []string{"directory"}},
				{rules.PkgSpecialMember, "l.vmdk", []string{`symbolic link to "/etc/shadow"`}},
				{rules.PkgSpecialMember, "h.vmdk", []string{`hard link to "a.ovf"`}},
				{rules.PkgSpecialMember, "dev", []string{"character device"}},
				{rules.PkgSpecialMember, "pipe", []string{"fifo"}},
				{rules.PkgSpecialMember, "s.vmdk", []string{"sparse"}},
			}},
		{"upper-case extensions", names("A.OVF", "A.MF"), Layout{Descriptor: "A.OVF", Manifest: "A.MF"},
			[]want{{rules.PkgExtensionCase, "A.OVF", []string{`".OVF"`}}, {rules.PkgExtensionCase, "A.MF", []string{`".MF"`}}}},
		{"base names differ", names("a.ovf", "b.mf", "c.cert"), Layout{Descriptor: "a.ovf", Manifest: "b.mf", Certificate: "c.cert"},
			[]want{{rules.PkgBaseName, "b.mf", []string{`must be named "a.mf"`}}, {rules.PkgBaseName, "c.cert", []string{`must be named "a.cert"`}}}},
		{"unreferenced members", names("a.ovf", "disk1.vmdk", "readme.txt", "._disk1.vmdk"), Layout{Descriptor: "a.ovf", References: []string{"disk1.vmdk"}},
			[]want{{rules.PkgUnreferenced, "readme.txt", []string{"unprotected", "ignored by consumers"}},
				{rules.PkgUnreferenced, "._disk1.vmdk", []string{"AppleDouble", "COPYFILE_DISABLE"}}}},
		{"no descriptor: no reference checks", names("disk1.vmdk", "readme.txt"), Layout{}, nil},
		{"gnu and ovftool headers", []Member{{Name: "a.ovf", Format: FormatGNU}, {Name: "disk1.vmdk", Format: FormatOVFTool}}, Layout{Descriptor: "a.ovf", References: []string{"disk1.vmdk"}},
			[]want{{rules.PkgTarDialect, "a.ovf", []string{`member "a.ovf" uses GNU tar headers`}},
				{rules.PkgTarDialect, "disk1.vmdk", []string{"ovftool"}}}},
		{"pax and base-256", []Member{{Name: "a.ovf", Format: FormatPAX}, {Name: "disk1.vmdk", Format: FormatGNU, Size: 9 << 30, Base256Size: true}},
			Layout{Descriptor: "a.ovf", References: []string{"disk1.vmdk"}},
			[]want{{rules.PkgPAX, "a.ovf", []string{"vSphere does not support PAX"}},
				{rules.PkgTarDialect, "disk1.vmdk", []string{"GNU"}},
				{rules.PkgBase256Size, "disk1.vmdk", []string{"9663676416 bytes", "base-256"}}}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			expectFindings(t, CheckLayout(tarOf(tc.members...), tc.layout), tc.wants...)
		})
	}
	if fs := CheckLayout(&Index{Kind: KindGzip}, std); fs != nil {
		t.Errorf("findings for a gzip input: %v", fs)
	}
}
