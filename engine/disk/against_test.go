package disk

import (
	"slices"
	"strings"
	"testing"

	"github.com/ovacheck/ovacheck/engine/report"
)

const streamURI = "http://www.vmware.com/interfaces/specifications/vmdk.html#streamOptimized"

func TestCheckAgainst(t *testing.T) {
	stream := &report.DiskImage{Format: "vmdk", Subformat: "streamOptimized", VirtualSize: 10 << 30, AllocatedSize: 2 << 30}
	sparse := &report.DiskImage{Format: "vmdk", Subformat: "monolithicSparse", VirtualSize: 10 << 30}
	disk := func(capacity int64, format string, populated int64) DescriptorDisk {
		return DescriptorDisk{ID: "vmdisk1", CapacityBytes: capacity, Format: format, PopulatedSize: populated,
			DescriptorMember: "app.ovf", Line: 12, Column: 5}
	}
	tests := []struct {
		name      string
		img       *report.DiskImage
		d         DescriptorDisk
		fileSize  int64
		rules     []string
		member    string // of the first finding
		inMessage string
		inHint    string
	}{
		{"all agree", stream, disk(10<<30, streamURI, 2<<30), 0, nil, "", "", ""},
		{"URI case differs", stream, disk(10<<30, strings.ToLower(streamURI), 0), 0, nil, "", "", ""},
		{"capacity rounded to a sector", &report.DiskImage{Format: "vmdk", Subformat: "streamOptimized", VirtualSize: 3000320},
			disk(3000000, streamURI, 0), 0, nil, "", "", ""},
		{"image larger", stream, disk(1<<30, streamURI, 0), 0, []string{"DSK038"}, "disk1.vmdk", "cuts off", "qemu-img info"},
		{"capacity is the file size (OLVM)", stream, disk(1<<30, streamURI, 0), 1 << 30, []string{"DSK038"}, "disk1.vmdk", "10.0 GiB", "Oracle OLVM"},
		{"image smaller", stream, disk(20<<30, streamURI, 0), 0, []string{"DSK039"}, "disk1.vmdk", "20.0 GiB", ""},
		{"sparse under streamOptimized URI", sparse, disk(10<<30, streamURI, 0), 0, []string{"DSK040"}, "app.ovf", "monolithicSparse", "vSphere"},
		{"stream under sparse URI", stream, disk(10<<30, "http://www.vmware.com/interfaces/specifications/vmdk.html#sparse", 0), 0,
			[]string{"DSK040"}, "app.ovf", "streamOptimized", "#streamOptimized"},
		{"qcow2 under VMDK URI", &report.DiskImage{Format: "qcow2", VirtualSize: 10 << 30}, disk(10<<30, streamURI, 0), 0,
			[]string{"DSK040"}, "app.ovf", "qcow2", ""},
		{"VHD URI with fragment", &report.DiskImage{Format: "vhd", Subformat: "dynamic", VirtualSize: 10 << 30},
			disk(10<<30, "http://technet.microsoft.com/en-us/virtualserver/bb676673.aspx#vhd", 0), 0, nil, "", "", ""},
		{"unknown URI left alone", stream, disk(10<<30, "http://example.com/x", 0), 0, nil, "", "", ""},
		{"populated larger than the image", stream, disk(10<<30, streamURI, 10<<30+2<<20), 0, nil, "", "", ""},
		{"populated far from allocated", stream, disk(10<<30, streamURI, 100<<20), 0, []string{"DSK041"}, "app.ovf", "allocated", ""},
		{"populated beyond a smaller image", &report.DiskImage{Format: "raw", VirtualSize: 1 << 30}, disk(4<<30, "", 2<<30), 0,
			[]string{"DSK039", "DSK041"}, "disk1.vmdk", "", ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			d := tc.d
			d.FileSize = tc.fileSize
			fs := CheckAgainst(tc.img, d, "disk1.vmdk")
			if got := ruleIDs(fs); !slices.Equal(got, tc.rules) {
				t.Fatalf("rules = %v, want %v\n%v", got, tc.rules, fs)
			}
			if len(fs) == 0 {
				return
			}
			f := fs[0]
			if f.Location.Member != tc.member {
				t.Errorf("member = %q, want %q", f.Location.Member, tc.member)
			}
			if tc.member == "app.ovf" && (f.Location.Line != 12 || f.Location.Column != 5 || f.Related[0].Member != "disk1.vmdk") {
				t.Errorf("location %+v related %+v", f.Location, f.Related)
			}
			if !strings.Contains(f.Message, tc.inMessage) || !strings.Contains(f.Hint, tc.inHint) {
				t.Errorf("message %q / hint %q lack %q / %q", f.Message, f.Hint, tc.inMessage, tc.inHint)
			}
		})
	}
}

// TestCapacityChangedInHeader is the damaged case end to end: the probe
// flags the header, CheckAgainst the capacity, both on the disk member.
func TestCapacityChangedInHeader(t *testing.T) {
	b := edit(goodVMDK(), func(b []byte) []byte { return putLE64(12)(b, 2*testCapacity/512) })
	img, fs := probeBytes(b)
	fs = append(fs, CheckAgainst(img, DescriptorDisk{ID: "d", CapacityBytes: testCapacity, Format: streamURI, DescriptorMember: "a.ovf"}, "disk1.vmdk")...)
	if got := ruleIDs(fs); !slices.Equal(got, []string{"DSK020", "DSK038"}) {
		t.Fatalf("rules = %v", got)
	}
	for _, f := range fs {
		if f.Location.Member != "disk1.vmdk" {
			t.Errorf("%s on %q", f.Rule, f.Location.Member)
		}
	}
}
