package pkgname

import "testing"

func TestHref(t *testing.T) {
	for _, tc := range []struct{ href, want string }{
		{"disk.vmdk", "disk.vmdk"},
		{"./disk.vmdk", "disk.vmdk"},
		{"././disk.vmdk", "disk.vmdk"},
		{".//disk.vmdk", "/disk.vmdk"}, // an absolute path: no member
		{"disk%201.vmdk", "disk 1.vmdk"},
		{"./disk%201.vmdk", "disk 1.vmdk"},
		{"%2E/disk.vmdk", "disk.vmdk"},   // "./" written escaped is still "./"
		{"disk%zz.vmdk", "disk%zz.vmdk"}, // a bad escape: as written
		{"disk%2.vmdk", "disk%2.vmdk"},
		{"Disk.VMDK", "Disk.VMDK"}, // case is kept
	} {
		if got := Href(tc.href); got != tc.want {
			t.Errorf("Href(%q) = %q, want %q", tc.href, got, tc.want)
		}
	}
}

func TestExtracted(t *testing.T) {
	for _, tc := range []struct{ name, want string }{
		{"x", "x"}, {"./x", "x"}, {".//x", "x"}, {"././x", "x"}, {"./", ""}, {"a/./x", "a/./x"}, {"/x", "/x"},
	} {
		if got := Extracted(tc.name); got != tc.want {
			t.Errorf("Extracted(%q) = %q, want %q", tc.name, got, tc.want)
		}
	}
}

func TestFind(t *testing.T) {
	ix := NewIndex([]string{"a.ovf", "./b.vmdk", "c d.vmdk", "e%20f.vmdk", "g.vmdk", "g.vmdk", "Case.vmdk"})
	for _, tc := range []struct {
		href string
		want int
		how  Match
	}{
		{"a.ovf", 0, Exact},
		{"./a.ovf", 0, Exact},
		{".//a.ovf", 0, Loose}, // virt-v2v refuses this href; extraction finds it
		{"b.vmdk", 1, Loose},   // the member "./b.vmdk": consumers that compare names miss it
		{"./b.vmdk", 1, Exact},
		{"c%20d.vmdk", 2, Exact},
		{"c d.vmdk", 2, Exact},
		{"e%20f.vmdk", 3, Exact}, // the name as written wins over its decoding
		{"g.vmdk", 4, Exact},     // the first of two members of one name
		{"case.vmdk", -1, None},  // names are case-sensitive
		{"x%zz", -1, None},
		{"missing", -1, None},
	} {
		i, how := ix.Find(tc.href)
		if i != tc.want || how != tc.how {
			t.Errorf("Find(%q) = %d, %v; want %d, %v", tc.href, i, how, tc.want, tc.how)
		}
	}
}

func TestChunks(t *testing.T) {
	if got := Chunk("disk.vmdk", 12); got != "disk.vmdk.000000012" {
		t.Errorf("Chunk = %q", got)
	}
	for _, tc := range []struct {
		name    string
		base    string
		n       int
		chunk   bool
		numbers bool
	}{
		{"disk.vmdk.000000000", "disk.vmdk", 0, true, true},
		{"disk.vmdk.000000123", "disk.vmdk", 123, true, true},
		{"disk.vmdk.0001", "disk.vmdk", 0, false, true}, // four digits: chunk-like, not a chunk
		{"disk.vmdk.0000000001", "disk.vmdk", 0, false, true},
		{"disk.vmdk.00000000a", "", 0, false, false},
		{"disk.vmdk.", "", 0, false, false},
		{"disk.vmdk", "", 0, false, false},
		{"000000001", "", 0, false, false},
		{".000000001", "", 1, true, true},
	} {
		base, n, ok := ChunkOf(tc.name)
		if ok != tc.chunk || ok && (base != tc.base || n != tc.n) {
			t.Errorf("ChunkOf(%q) = %q, %d, %v", tc.name, base, n, ok)
		}
		b, _, ok := Numbered(tc.name)
		if ok != tc.numbers || ok && b != tc.base {
			t.Errorf("Numbered(%q) = %q, %v", tc.name, b, ok)
		}
	}
}

func TestFolded(t *testing.T) {
	for _, tc := range []struct{ a, b string }{
		{"Disk.VMDK", "disk.vmdk"}, {"./disk.vmdk", "disk.vmdk"}, {".//disk.vmdk", "disk.vmdk"},
		{`sub\disk.vmdk`, "sub/disk.vmdk"}, {`.\disk.vmdk`, "disk.vmdk"},
	} {
		if Folded(tc.a) != Folded(tc.b) {
			t.Errorf("Folded(%q) = %q, Folded(%q) = %q: want equal", tc.a, Folded(tc.a), tc.b, Folded(tc.b))
		}
	}
	if Folded("disk1.vmdk") == Folded("disk2.vmdk") {
		t.Error("Folded folds different names together")
	}
}
