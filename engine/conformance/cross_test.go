package conformance

import (
	"github.com/ovacheck/ovacheck/engine/envelope"
	"strings"
	"testing"
)

// TestCrossCheck breaks the good descriptor one way at a time and checks
// the finding: rule, the text it points at, and the message.
func TestCrossCheck(t *testing.T) {
	files := fakeFiles{"web-disk1.vmdk": 4096}
	cases := []struct {
		name     string
		old, new string // replacement applied to good
		files    Files
		wants    []want
	}{
		{"file without id", `<File ovf:id="file1" ovf:href`, `<File ovf:href`, files,
			[]want{{"REF001", `<File ovf:href`, "no ovf:id"}, {"DSK003", `ovf:fileRef="file1"`, "file1"}}},
		{"file without href", `ovf:href="web-disk1.vmdk" `, ``, files,
			[]want{{"REF002", `<File ovf:id`, "no ovf:href"}}},
		{"duplicate file id", `</References>`, `<File ovf:id="file1" ovf:href="other.vmdk"/></References>`, nil,
			[]want{{"REF003", `ovf:id="file1" ovf:href="other`, "already used at line 4"}}},
		{"duplicate href", `</References>`, `<File ovf:id="file2" ovf:href="./web-disk1.vmdk"/></References>`, nil,
			[]want{{"REF004", `ovf:href="./web`, "line 4"}}},
		{"http href in folder", `ovf:href="web-disk1.vmdk"`, `ovf:href="https://example.com/d.vmdk"`, nil,
			[]want{{"REF005", `ovf:href="https`, "https URL"}}},
		{"http href in OVA", `ovf:href="web-disk1.vmdk"`, `ovf:href="https://example.com/d.vmdk"`, archiveFiles{files},
			[]want{{"REF006", `ovf:href="https`, "OVA"}}},
		{"dot-dot in OVA", `ovf:href="web-disk1.vmdk"`, `ovf:href="../web-disk1.vmdk"`, archiveFiles{files},
			[]want{{"REF006", `ovf:href="..`, ".."}}},
		{"dot-dot in folder", `ovf:href="web-disk1.vmdk"`, `ovf:href="../web-disk1.vmdk"`, nil,
			[]want{{"REF008", `ovf:href="..`, ".."}}},
		{"dot-dot in a folder package: said to be unchecked", `ovf:href="web-disk1.vmdk"`, `ovf:href="../web-disk1.vmdk"`, files,
			[]want{{"REF008", `ovf:href="..`, "the file was not checked (its presence, size and digest)"}}},
		{"UNC href", `ovf:href="web-disk1.vmdk"`, `ovf:href="\\\\server\share\web.vmdk"`, nil,
			[]want{{"REF018", `ovf:href="\\`, "UNC"}}},
		{"size with a unit", `ovf:size="4096"`, `ovf:size="4 KB"`, nil,
			[]want{{"REF013", `ovf:size="4 KB"`, `"4 KB"`}}},
		{"absolute href", `ovf:href="web-disk1.vmdk"`, `ovf:href="C:\VMs\web.vmdk"`, nil,
			[]want{{"REF007", `ovf:href="C:`, "absolute"}}},
		{"backslash", `ovf:href="web-disk1.vmdk"`, `ovf:href="disks\web.vmdk"`, nil,
			[]want{{"REF009", `ovf:href="disks`, "backslash"}}},
		{"space in href", `ovf:href="web-disk1.vmdk"`, `ovf:href="web disk1.vmdk"`, fakeFiles{"web disk1.vmdk": 4096},
			[]want{{"REF010", `ovf:href="web disk`, "a space"}}},
		{"missing file", ``, ``, fakeFiles{},
			[]want{{"REF011", `ovf:href="web-disk1.vmdk"`, `File "web-disk1.vmdk" is referenced at line 4 but not in the package`}}},
		{"size mismatch", ``, ``, fakeFiles{"web-disk1.vmdk": 5000},
			[]want{{"REF012", `ovf:size="4096"`, "4096 bytes but the file has 5000 bytes"}}},
		{"negative size", `ovf:size="4096"`, `ovf:size="-1"`, nil,
			[]want{{"REF017", `ovf:size="-1"`, `"-1"`}}},
		{"other negative size", `ovf:size="4096"`, `ovf:size="-9223372036854775807"`, nil,
			[]want{{"REF013", `ovf:size="-9`, "not a number of bytes"}}},
		{"zero chunk size", `ovf:size="4096"`, `ovf:size="4096" ovf:chunkSize="0"`, nil,
			[]want{{"REF014", `ovf:chunkSize`, "positive"}}},
		{"xz compression", `ovf:size="4096"`, `ovf:size="4096" ovf:compression="xz"`, nil,
			[]want{{"REF015", `ovf:compression`, `"xz"`}}},
		{"bzip2 compression", `ovf:size="4096"`, `ovf:size="4096" ovf:compression="bzip2"`, nil,
			[]want{{"REF016", `ovf:compression`, "bzip2"}}},
		{"disk without id", `ovf:diskId="vmdisk1" `, ``, nil,
			[]want{{"DSK001", `<Disk `, "diskId"}, {"HW007", `<rasd:HostResource>`, "vmdisk1"}}},
		{"duplicate disk id", `</DiskSection>`, `<Disk ovf:diskId="vmdisk1" ovf:capacity="1"/></DiskSection>`, nil,
			[]want{{"DSK002", `ovf:diskId="vmdisk1" ovf:capacity="1"`, "line 8"}}},
		{"dangling fileRef", `ovf:fileRef="file1"`, `ovf:fileRef="file9"`, nil,
			[]want{{"DSK003", `ovf:fileRef="file9"`, `"file9"`}}},
		{"no capacity", `ovf:capacity="16" `, ``, nil,
			[]want{{"DSK004", `<Disk `, "no ovf:capacity"}}},
		{"zero capacity", `ovf:capacity="16"`, `ovf:capacity="0"`, nil,
			[]want{{"DSK005", `ovf:capacity="0"`, "positive"}}},
		{"bad units", `"byte * 2^30"`, `"gigs"`, nil,
			[]want{{"DSK006", `ovf:capacityAllocationUnits`, `"gigs"`}}},
		{"legacy units", `"byte * 2^30"`, `"GigaBytes"`, nil,
			[]want{{"DSK007", `ovf:capacityAllocationUnits`, "legacy"}}},
		{"unknown format", `ovf:format="http://www.vmware.com/interfaces/specifications/vmdk.html#streamOptimized"`, `ovf:format="vmdk"`, nil,
			[]want{{"DSK008", `ovf:format="vmdk"`, `"vmdk"`}}},
		{"no format", ` ovf:format="http://www.vmware.com/interfaces/specifications/vmdk.html#streamOptimized"`, ``, nil,
			[]want{{"DSK009", `<Disk `, "no ovf:format"}}},
		{"populated over capacity", `ovf:populatedSize="1048576"`, `ovf:populatedSize="99999999999999"`, nil,
			[]want{{"DSK011", `ovf:populatedSize`, "larger than its capacity of 17179869184 bytes"}}},
		{"bad parent disk", `ovf:populatedSize="1048576"`, `ovf:parentRef="base"`, nil,
			[]want{{"DSK012", `ovf:parentRef`, `"base"`}}},
		{"capacity property", `ovf:capacity="16"`, `ovf:capacity="${disk.size}"`, nil,
			[]want{{"DSK013", `ovf:capacity="${`, "disk.size"}}},
		{"unknown network", `<rasd:Connection>VM Network</rasd:Connection>`, `<rasd:Connection>LAN</rasd:Connection>`, nil,
			[]want{{"NET001", `<rasd:Connection>LAN`, `"LAN"`}}},
		{"no network section", `<NetworkSection>
    <Info>Networks</Info>
    <Network ovf:name="VM Network"><Description>The LAN</Description></Network>
  </NetworkSection>`, ``, nil,
			[]want{{"NET002", `<rasd:Connection>`, "no NetworkSection"}}},
		{"network without name", `<Network ovf:name="VM Network">`, `<Network>`, nil,
			[]want{{"NET003", `<Network>`, "ovf:name"}, {"NET001", `<rasd:Connection>`, "VM Network"}}},
		{"nic without connection", `<rasd:Connection>VM Network</rasd:Connection>`, ``, nil,
			[]want{{"NET005", `<Item><rasd:ElementName>eth0`, `"5"`}}},
		{"item without resource type", `<rasd:ResourceType>6</rasd:ResourceType>`, ``, nil,
			[]want{{"HW002", `<Item><rasd:ElementName>SCSI`, `"3"`}}},
		{"item without instance id", `<rasd:InstanceID>5</rasd:InstanceID>`, ``, nil,
			[]want{{"HW003", `<Item><rasd:Connection>`, "InstanceID"}}},
		{"duplicate instance id", `<rasd:InstanceID>5</rasd:InstanceID>`, `<rasd:InstanceID>4</rasd:InstanceID>`, nil,
			[]want{{"HW004", `<rasd:InstanceID>4</rasd:InstanceID><rasd:ResourceSubType>VmxNet3`, `duplicate InstanceID "4" at lines 44 and 45`}}},
		{"parent unknown", `<rasd:Parent>3</rasd:Parent>`, `<rasd:Parent>9</rasd:Parent>`, nil,
			[]want{{"HW005", `<rasd:Parent>9`, `"9"`}}},
		{"parent not controller", `<rasd:Parent>3</rasd:Parent>`, `<rasd:Parent>2</rasd:Parent>`, nil,
			[]want{{"HW006", `<rasd:Parent>2`, "ResourceType 4"}}},
		{"host resource unresolved", `ovf:/disk/vmdisk1`, `ovf:/disk/vmdisk7`, nil,
			[]want{{"HW007", `<rasd:HostResource>`, "vmdisk7"}}},
		{"host resource legacy", `ovf:/disk/vmdisk1`, `/disk/vmdisk1`, nil,
			[]want{{"HW008", `<rasd:HostResource>`, "ovf:/disk/"}}},
		{"resource type text", `<rasd:ResourceType>6</rasd:ResourceType>`, `<rasd:ResourceType>scsi</rasd:ResourceType>`, nil,
			[]want{{"HW009", `<rasd:ResourceType>scsi`, `"scsi"`}}},
		{"resource type reserved", `<rasd:ResourceType>6</rasd:ResourceType>`, `<rasd:ResourceType>35</rasd:ResourceType>`, nil,
			[]want{{"HW010", `<rasd:ResourceType>35`, "35"}}},
		{"legacy instance id", `<rasd:InstanceID>5</rasd:InstanceID>`, `<rasd:InstanceId>5</rasd:InstanceId>`, nil,
			[]want{{"HW011", `<rasd:InstanceId>`, "lower-case"}}},
		{"bad bound", `<Item ovf:configuration="large">`, `<Item ovf:bound="minimum">`, nil,
			[]want{{"HW012", `ovf:bound`, `"minimum"`}}},
		{"variant type disagrees", `<rasd:InstanceID>1</rasd:InstanceID><rasd:ResourceType>3</rasd:ResourceType><rasd:VirtualQuantity>4`, `<rasd:InstanceID>1</rasd:InstanceID><rasd:ResourceType>4</rasd:ResourceType><rasd:VirtualQuantity>4`, nil,
			[]want{{"HW013", `<rasd:ResourceType>4</rasd:ResourceType><rasd:VirtualQuantity>4`, "(line 40)"}}},
		{"memory units", `<rasd:AllocationUnits>byte * 2^20</rasd:AllocationUnits>`, `<rasd:AllocationUnits>MHz</rasd:AllocationUnits>`, nil,
			[]want{{"HW014", `<rasd:AllocationUnits>MHz`, `"MHz"`}}},
		{"content without id", `<VirtualSystem ovf:id="web">`, `<VirtualSystem>`, nil,
			[]want{{"ENV017", `<VirtualSystem>`, "no ovf:id"}}},
		{"section after content", `</Envelope>`, `<AnnotationSection><Info>x</Info><Annotation>y</Annotation></AnnotationSection></Envelope>`, nil,
			[]want{{"ENV014", `<AnnotationSection>`, "after the VirtualSystem"}}},
		{"two contents", `</Envelope>`, `<VirtualSystem ovf:id="db"><Info>x</Info></VirtualSystem></Envelope>`, nil,
			[]want{{"ENV016", `<VirtualSystem ovf:id="db">`, "second top-level"}, {"HW001", `<VirtualSystem ovf:id="db">`, `"db"`}}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			doc := good
			if tc.old != "" {
				if !strings.Contains(doc, tc.old) {
					t.Fatalf("%q not in the good descriptor", tc.old)
				}
				doc = strings.Replace(doc, tc.old, tc.new, 1)
			}
			env, fs := envelope.Parse([]byte(doc), "appliance.ovf")
			fs = append(fs, Check(env, tc.files)...)
			assertFindings(t, doc, fs, tc.wants)
		})
	}
}

// TestStructure covers Envelope-level structure the table above cannot
// express by one replacement.
func TestStructure(t *testing.T) {
	cases := []struct {
		name  string
		doc   string
		wants []want
	}{
		{"no references", "<Envelope xmlns=\"http://schemas.dmtf.org/ovf/envelope/1\" xmlns:ovf=\"http://schemas.dmtf.org/ovf/envelope/1\">\n  <VirtualSystem ovf:id=\"a\"><Info>x</Info></VirtualSystem>\n</Envelope>",
			[]want{{"ENV013", "<Envelope", "no References"}, {"HW001", "<VirtualSystem", `"a"`}}},
		{"references second", "<Envelope xmlns=\"http://schemas.dmtf.org/ovf/envelope/1\" xmlns:ovf=\"http://schemas.dmtf.org/ovf/envelope/1\">\n  <AnnotationSection/>\n  <References/>\n  <VirtualSystem ovf:id=\"a\"/>\n</Envelope>",
			[]want{{"ENV013", "<References/>", "not the first"}}},
		{"no content", "<Envelope xmlns=\"http://schemas.dmtf.org/ovf/envelope/1\"><References/></Envelope>",
			[]want{{"ENV015", "<Envelope", "no VirtualSystem"}}},
		{"sibling ids", "<Envelope xmlns=\"http://schemas.dmtf.org/ovf/envelope/1\" xmlns:ovf=\"http://schemas.dmtf.org/ovf/envelope/1\"><References/>\n<VirtualSystemCollection ovf:id=\"c\">\n<VirtualSystem ovf:id=\"a\"/>\n<VirtualSystem ovf:id=\"a\"/>\n<VirtualSystemCollection ovf:id=\"d\"><VirtualSystem ovf:id=\"c\"/></VirtualSystemCollection>\n</VirtualSystemCollection></Envelope>",
			[]want{{"ENV018", "<VirtualSystem ovf:id=\"a\"/>\n<VirtualSystemCollection", "line 3"}, {"ENV019", "<VirtualSystem ovf:id=\"c\"/>", "line 2"}}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			env, fs := envelope.Parse([]byte(tc.doc), "appliance.ovf")
			fs = append(fs, Check(env, nil)...)
			assertFindings(t, tc.doc, fs, tc.wants)
		})
	}
}

// TestVariantsAreNotDuplicates checks that Items sharing an InstanceID for
// different configurations, and range markers, are accepted.
func TestVariantsAreNotDuplicates(t *testing.T) {
	doc := strings.Replace(good, `</VirtualHardwareSection>`,
		`<Item ovf:bound="min"><rasd:AllocationUnits>byte * 2^20</rasd:AllocationUnits><rasd:ElementName>1 GB</rasd:ElementName><rasd:InstanceID>2</rasd:InstanceID><rasd:ResourceType>4</rasd:ResourceType><rasd:VirtualQuantity>1024</rasd:VirtualQuantity></Item>
      <Item ovf:configuration="small large"><rasd:AllocationUnits>byte * 2^20</rasd:AllocationUnits><rasd:ElementName>4 GB</rasd:ElementName><rasd:InstanceID>2</rasd:InstanceID><rasd:ResourceType>4</rasd:ResourceType><rasd:VirtualQuantity>4096</rasd:VirtualQuantity></Item>
    </VirtualHardwareSection>`, 1)
	env, fs := envelope.Parse([]byte(doc), "appliance.ovf")
	fs = append(fs, Check(env, nil)...)
	if len(fs) != 0 {
		t.Fatalf("want no findings, got:\n%s", dump(fs))
	}
}
