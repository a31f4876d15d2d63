package manifest

import (
	"slices"
	"strings"
	"testing"
)

func TestCheckCoverage(t *testing.T) {
	line := func(name, hex string) string { return "SHA256(" + name + ")= " + hex + "\n" }
	members := func(names ...string) func(string) bool {
		return func(n string) bool { return slices.Contains(names, n) }
	}
	refs := []string{"app-disk1.vmdk"}
	all := members("app.ovf", "app.mf", "app-disk1.vmdk", "app.cert", "readme.txt")
	tests := []struct {
		name     string
		mf       string
		refs     []string
		present  func(string) bool
		cert     string
		want     []string
		check    string // rule whose message/hint is checked
		message  string
		hint     string
		relateTo string // member the checked finding relates to
	}{
		{name: "complete", mf: line("app.ovf", o256) + line("app-disk1.vmdk", h256), refs: refs, present: all},
		{name: "complete, present nil", mf: line("app.ovf", o256) + line("app-disk1.vmdk", h256), refs: refs},
		{name: "descriptor not listed (ovftool 4.0)", mf: line("app-disk1.vmdk", h256), refs: refs, present: all,
			want: []string{"MF020@0"}, check: "MF020", message: "ovftool 4.0", hint: "SHA256(app.ovf)=", relateTo: "app.ovf"},
		{name: "referenced file not listed", mf: line("app.ovf", o256), refs: refs, present: all,
			want: []string{"MF021@0"}, check: "MF021", message: "not protected", hint: "SHA256(app-disk1.vmdk)=",
			relateTo: "app-disk1.vmdk"},
		{name: "chunks each need a line", mf: line("app.ovf", o256) + line("d.vmdk.000000000", h256),
			refs: []string{"d.vmdk.000000000", "d.vmdk.000000001"}, want: []string{"MF021@0"}, check: "MF021",
			message: "d.vmdk.000000001"},
		{name: "referenced file listed only with MD5",
			mf: line("app.ovf", o256) + "MD5(app-disk1.vmdk)= 9e107d9d372bb6826bd81d3542a419d6\n", refs: refs,
			want: []string{"MF021@0"}, check: "MF021", message: "line 2 names it with the algorithm MD5"},
		{name: "entry for an absent file", mf: line("app.ovf", o256) + line("app-disk1.vmdk", h256) + line("gone.iso", h256),
			refs: refs, present: all, want: []string{"MF022@3"}, check: "MF022", message: "gone.iso", hint: "Remove line 3"},
		{name: "entry for an unreferenced member (VirtualBox t7 readme.txt)",
			mf:   line("app.ovf", o256) + line("app-disk1.vmdk", h256) + line("readme.txt", h256),
			refs: refs, present: all, want: []string{"MF023@3"}, check: "MF023", message: "readme.txt", relateTo: "readme.txt"},
		{name: "lists itself", mf: line("app.ovf", o256) + line("app-disk1.vmdk", h256) + line("app.mf", emptyDigest["SHA256"]),
			refs: refs, present: all, want: []string{"MF024@3"}, check: "MF024",
			message: "the digest of the manifest cannot be inside it", hint: "Remove line 3"},
		{name: "lists the certificate", mf: line("app.ovf", o256) + line("app.cert", h256) + line("app-disk1.vmdk", h256),
			refs: refs, present: all, cert: "app.cert", want: []string{"MF024@2"}, check: "MF024", message: "certificate"},
		{name: "case differs", mf: line("app.ovf", o256) + line("App-Disk1.VMDK", h256), refs: refs, present: all,
			want: []string{"MF025@2"}, check: "MF025", hint: "SHA256(app-disk1.vmdk)= " + h256, relateTo: "app-disk1.vmdk"},
		{name: "./ prefix", mf: line("./app.ovf", o256) + line("app-disk1.vmdk", h256), refs: refs, present: all,
			want: []string{"MF025@1"}, check: "MF025", hint: "SHA256(app.ovf)= " + o256},
		{name: "backslash separator", mf: line("app.ovf", o256) + line(`disks\d1.vmdk`, h256),
			refs: []string{"disks/d1.vmdk"}, want: []string{"MF025@2"}, check: "MF025", hint: "SHA256(disks/d1.vmdk)= "},
		{name: "empty manifest", mf: "", refs: refs, present: all, want: []string{"MF020@0", "MF021@0"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			m := Parse([]byte(tc.mf), "app.mf", "2.x")
			fs := CheckCoverage(m, Coverage{Descriptor: "app.ovf", Referenced: tc.refs, Present: tc.present,
				Certificate: tc.cert})
			checkWellFormed(t, fs, "app.mf")
			want := slices.Clone(tc.want)
			slices.Sort(want)
			if got := gotRules(fs); !slices.Equal(got, want) {
				t.Errorf("findings %v, want %v", got, want)
				for _, f := range fs {
					t.Logf("  %s: %s", f.Rule, f.Message)
				}
			}
			if tc.check == "" {
				return
			}
			f := find(t, fs, tc.check)
			if !strings.Contains(f.Message, tc.message) {
				t.Errorf("message %q lacks %q", f.Message, tc.message)
			}
			if !strings.Contains(f.Hint, tc.hint) {
				t.Errorf("hint %q lacks %q", f.Hint, tc.hint)
			}
			if tc.relateTo != "" && (len(f.Related) != 1 || f.Related[0].Member != tc.relateTo) {
				t.Errorf("related %+v, want %s", f.Related, tc.relateTo)
			}
		})
	}
}

func TestCheckCoverageMemberOverride(t *testing.T) {
	m := Parse([]byte("SHA1(x.ovf)= "+h1+"\n"), "", "1.x")
	fs := CheckCoverage(m, Coverage{Member: "pkg/x.mf", Descriptor: "x.ovf", Referenced: []string{"d.vmdk"}})
	if f := find(t, fs, "MF021"); f.Location.Member != "pkg/x.mf" {
		t.Errorf("member %q", f.Location.Member)
	}
}
