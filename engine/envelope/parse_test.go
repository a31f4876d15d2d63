package envelope

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ovacheck/ovacheck/engine/report"
)

// posOf returns the 1-based line and column of the first occurrence of
// needle in doc, so that cases name the place a finding must point at by
// its text.
func posOf(t *testing.T, doc, needle string) (int, int) {
	t.Helper()
	i := strings.Index(doc, needle)
	if i < 0 {
		t.Fatalf("needle %q not in document", needle)
	}
	line := 1 + strings.Count(doc[:i], "\n")
	col := i - strings.LastIndex(doc[:i], "\n")
	return line, col
}

// want is an expected finding: its rule, the text it must point at (empty:
// the member only) and words its message must contain.
type want struct {
	rule, at, msg string
}

func assertFindings(t *testing.T, doc string, got []report.Finding, wants []want) {
	t.Helper()
	for _, w := range wants {
		found := false
		for _, f := range got {
			if f.Rule != w.rule || !strings.Contains(f.Message, w.msg) {
				continue
			}
			if f.Location.Member != "appliance.ovf" {
				t.Errorf("%s: member %q, want appliance.ovf", w.rule, f.Location.Member)
			}
			if w.at != "" {
				line, col := posOf(t, doc, w.at)
				if f.Location.Line != line || f.Location.Column != col {
					continue
				}
			}
			found = true
			break
		}
		if !found {
			t.Errorf("no %s finding at %q with %q; got:\n%s", w.rule, w.at, w.msg, dump(got))
		}
	}
}

func dump(fs []report.Finding) string {
	var b strings.Builder
	for _, f := range fs {
		fmt.Fprintf(&b, "  %s %s %d:%d %s\n", f.Rule, f.Severity, f.Location.Line, f.Location.Column, f.Message)
	}
	return b.String()
}

func errorsOf(fs []report.Finding) []report.Finding {
	var out []report.Finding
	for _, f := range fs {
		if f.Severity == report.Error {
			out = append(out, f)
		}
	}
	return out
}

// good is a small, correct OVF 1.x descriptor written for these tests.
const good = `<?xml version="1.0" encoding="UTF-8"?>
<Envelope xmlns="http://schemas.dmtf.org/ovf/envelope/1" xmlns:ovf="http://schemas.dmtf.org/ovf/envelope/1" xmlns:rasd="http://schemas.dmtf.org/wbem/wscim/1/cim-schema/2/CIM_ResourceAllocationSettingData" xmlns:vssd="http://schemas.dmtf.org/wbem/wscim/1/cim-schema/2/CIM_VirtualSystemSettingData" xmlns:vmw="http://www.vmware.com/schema/ovf">
  <References>
    <File ovf:id="file1" ovf:href="web-disk1.vmdk" ovf:size="4096"/>
  </References>
  <DiskSection>
    <Info>Virtual disks</Info>
    <Disk ovf:diskId="vmdisk1" ovf:fileRef="file1" ovf:capacity="16" ovf:capacityAllocationUnits="byte * 2^30" ovf:format="http://www.vmware.com/interfaces/specifications/vmdk.html#streamOptimized" ovf:populatedSize="1048576"/>
  </DiskSection>
  <NetworkSection>
    <Info>Networks</Info>
    <Network ovf:name="VM Network"><Description>The LAN</Description></Network>
  </NetworkSection>
  <DeploymentOptionSection>
    <Info>Sizes</Info>
    <Configuration ovf:id="small"><Label>Small</Label><Description>1 CPU</Description></Configuration>
    <Configuration ovf:id="large" ovf:default="true"><Label>Large</Label><Description>4 CPUs</Description></Configuration>
  </DeploymentOptionSection>
  <VirtualSystem ovf:id="web">
    <Info>A web server</Info>
    <Name>web</Name>
    <ProductSection ovf:class="com.example">
      <Info>Product</Info>
      <Product>Web</Product>
      <Vendor>Example</Vendor>
      <Version>1.0</Version>
      <Property ovf:key="hostname" ovf:type="string" ovf:userConfigurable="true" ovf:value="web1"><Label>Host name</Label></Property>
    </ProductSection>
    <EulaSection>
      <Info>Licence</Info>
      <License>Use it kindly.</License>
    </EulaSection>
    <OperatingSystemSection ovf:id="101" vmw:osType="debian11_64Guest">
      <Info>Guest OS</Info>
      <Description>Debian 11</Description>
    </OperatingSystemSection>
    <VirtualHardwareSection>
      <Info>Hardware</Info>
      <System><vssd:ElementName>Virtual Hardware Family</vssd:ElementName><vssd:InstanceID>0</vssd:InstanceID><vssd:VirtualSystemType>vmx-13</vssd:VirtualSystemType></System>
      <Item><rasd:ElementName>1 CPU</rasd:ElementName><rasd:InstanceID>1</rasd:InstanceID><rasd:ResourceType>3</rasd:ResourceType><rasd:VirtualQuantity>1</rasd:VirtualQuantity></Item>
      <Item ovf:configuration="large"><rasd:ElementName>4 CPUs</rasd:ElementName><rasd:InstanceID>1</rasd:InstanceID><rasd:ResourceType>3</rasd:ResourceType><rasd:VirtualQuantity>4</rasd:VirtualQuantity></Item>
      <Item><rasd:AllocationUnits>byte * 2^20</rasd:AllocationUnits><rasd:ElementName>2 GB</rasd:ElementName><rasd:InstanceID>2</rasd:InstanceID><rasd:ResourceType>4</rasd:ResourceType><rasd:VirtualQuantity>2048</rasd:VirtualQuantity></Item>
      <Item><rasd:ElementName>SCSI</rasd:ElementName><rasd:InstanceID>3</rasd:InstanceID><rasd:ResourceSubType>lsilogic</rasd:ResourceSubType><rasd:ResourceType>6</rasd:ResourceType></Item>
      <Item><rasd:AddressOnParent>0</rasd:AddressOnParent><rasd:ElementName>disk0</rasd:ElementName><rasd:HostResource>ovf:/disk/vmdisk1</rasd:HostResource><rasd:InstanceID>4</rasd:InstanceID><rasd:Parent>3</rasd:Parent><rasd:ResourceType>17</rasd:ResourceType></Item>
      <Item><rasd:Connection>VM Network</rasd:Connection><rasd:ElementName>eth0</rasd:ElementName><rasd:InstanceID>5</rasd:InstanceID><rasd:ResourceSubType>VmxNet3</rasd:ResourceSubType><rasd:ResourceType>10</rasd:ResourceType></Item>
    </VirtualHardwareSection>
  </VirtualSystem>
</Envelope>
`

// fakeFiles is a package's files by name.
type fakeFiles map[string]int64

func (m fakeFiles) Size(href string) (int64, bool) { s, ok := m[href]; return s, ok }

type archiveFiles struct{ fakeFiles }

func (archiveFiles) InArchive() bool { return true }

func TestGoodDescriptor(t *testing.T) {
	env, fs := Parse([]byte(good), "appliance.ovf")
	fs = append(fs, CrossCheck(env, "appliance.ovf", fakeFiles{"web-disk1.vmdk": 4096})...)
	if len(fs) != 0 {
		t.Fatalf("want no findings, got:\n%s", dump(fs))
	}
	if env.Version != Version1 {
		t.Errorf("version %q", env.Version)
	}
	line, col := posOf(t, good, `ovf:href="web-disk1.vmdk"`)
	if p := env.References[0].Node.AttrPos("href"); p.Line != line || p.Column != col {
		t.Errorf("href at %v, want %d:%d", p, line, col)
	}
	if d := env.DiskSection.Disks[0]; d.CapacityBytes != 16<<30 {
		t.Errorf("capacity %d", d.CapacityBytes)
	}
}

func TestSummary(t *testing.T) {
	env, _ := Parse([]byte(good), "appliance.ovf")
	p := env.Summary()
	if p.OvfVersion != "1.x" || p.Descriptor != "appliance.ovf" {
		t.Errorf("version %q descriptor %q", p.OvfVersion, p.Descriptor)
	}
	if len(p.VirtualSystems) != 1 {
		t.Fatalf("%d systems", len(p.VirtualSystems))
	}
	vs := p.VirtualSystems[0]
	// The default deployment option is "large": its CPU variant wins.
	if vs.CPUs != 4 || vs.MemoryBytes != 2<<30 || vs.OS != "Debian 11" || vs.OSID == nil || *vs.OSID != 101 {
		t.Errorf("system %+v", vs)
	}
	if len(vs.Disks) != 1 || vs.Disks[0] != "vmdisk1" {
		t.Errorf("disks %v", vs.Disks)
	}
	if len(vs.NICs) != 1 || vs.NICs[0].Network != "VM Network" || vs.NICs[0].Type != "VmxNet3" {
		t.Errorf("nics %+v", vs.NICs)
	}
	if len(p.Disks) != 1 || p.Disks[0].File != "web-disk1.vmdk" || p.Disks[0].CapacityBytes != 16<<30 {
		t.Errorf("disks %+v", p.Disks)
	}
	if len(p.Eulas) != 1 || p.Eulas[0].Text != "Use it kindly." || p.Eulas[0].VirtualSystem != "web" {
		t.Errorf("eulas %+v", p.Eulas)
	}
	if len(p.Products) != 1 || p.Products[0].Vendor != "Example" || len(p.Products[0].Properties) != 1 || p.Products[0].Properties[0].Default != "web1" {
		t.Errorf("products %+v", p.Products)
	}
	if len(p.DeploymentOptions) != 2 || !p.DeploymentOptions[1].Default {
		t.Errorf("options %+v", p.DeploymentOptions)
	}
	if len(p.Networks) != 1 || p.Networks[0].Description != "The LAN" {
		t.Errorf("networks %+v", p.Networks)
	}
}

// TestParseFindings covers the XML-level findings of Parse.
func TestParseFindings(t *testing.T) {
	cases := []struct {
		name  string
		doc   string
		wants []want
	}{
		{"malformed", "<Envelope xmlns=\"http://schemas.dmtf.org/ovf/envelope/1\">\n  <References>\n</Envelope>\n",
			[]want{{"ENV001", "</Envelope>", "References"}}},
		{"truncated", "<Envelope xmlns=\"http://schemas.dmtf.org/ovf/envelope/1\">\n  <References>",
			[]want{{"ENV001", "", "ends before <References>"}}},
		{"empty", "", []want{{"ENV001", "", "no XML element"}}},
		{"unknown entity", "<Envelope xmlns=\"http://schemas.dmtf.org/ovf/envelope/1\"><Name>&nbsp;</Name></Envelope>",
			[]want{{"ENV001", "", "entity"}}},
		{"invalid utf-8", "<Envelope xmlns=\"http://schemas.dmtf.org/ovf/envelope/1\">\n<Name>caf\xe9</Name></Envelope>",
			[]want{{"ENV001", "", "UTF-8"}}},
		{"doctype", "<?xml version=\"1.0\"?>\n<!DOCTYPE e [<!ENTITY x \"y\">]>\n<Envelope/>",
			[]want{{"ENV002", "<!DOCTYPE", "DOCTYPE"}}},
		{"html page", "<HTML>\n<BODY>Error 404</BODY>\n</HTML>\n",
			[]want{{"ENV005", "<HTML>", "saved web page"}}},
		{"other root", "<foo/>", []want{{"ENV005", "<foo/>", "<foo>"}}},
		{"utf-16 declared on ASCII", "<?xml version=\"1.0\" encoding=\"utf-16\"?><Envelope xmlns=\"http://schemas.dmtf.org/ovf/envelope/1\"/>",
			[]want{{"ENV003", "encoding=", "utf-16"}}},
		{"unsupported encoding", "<?xml version=\"1.0\" encoding=\"Shift_JIS\"?><Envelope>\x82\xa0</Envelope>",
			[]want{{"ENV004", "encoding=", "Shift_JIS"}}},
		{"unknown namespace", "<Envelope xmlns=\"http://schemas.dmtf.org/ovf/envelope/3\"/>",
			[]want{{"ENV006", "<Envelope", "envelope/3"}}},
		{"ovf 0.9", "<ovf:Envelope xmlns:ovf=\"http://www.vmware.com/schema/ovf/1/envelope\"/>",
			[]want{{"ENV007", "<ovf:Envelope", "0.9"}}},
		{"no namespace", "<Envelope xmlns:ovf=\"http://schemas.dmtf.org/ovf/envelope/1\">\n  <References><File href=\"a.vmdk\" ovf:id=\"f\"/></References>\n</Envelope>",
			[]want{{"ENV008", "<Envelope", "no namespace"}, {"ENV011", "href=", "href"}}},
		{"trailing slash", "<Envelope xmlns=\"http://schemas.dmtf.org/ovf/envelope/1/\"/>",
			[]want{{"ENV009", "<Envelope", "slash"}}},
		{"undeclared prefix", "<Envelope xmlns=\"http://schemas.dmtf.org/ovf/envelope/1\">\n  <vmw:Thing/>\n</Envelope>",
			[]want{{"ENV020", "<vmw:Thing", "vmw"}}},
		{"xsd suffix", "<Envelope xmlns=\"http://schemas.dmtf.org/ovf/envelope/2\" xmlns:sasd=\"http://schemas.dmtf.org/wbem/wscim/1/cim-schema/2/CIM_StorageAllocationSettingData.xsd\"><VirtualSystem><VirtualHardwareSection><StorageItem>\n<sasd:InstanceID>1</sasd:InstanceID></StorageItem></VirtualHardwareSection></VirtualSystem></Envelope>",
			[]want{{"ENV010", "<sasd:InstanceID>", ".xsd"}}},
		{"content after root", "<Envelope xmlns=\"http://schemas.dmtf.org/ovf/envelope/1\"/>\n<Envelope/>",
			[]want{{"ENV001", "<Envelope/>", "after the end"}}},
		{"too deep", "<Envelope xmlns=\"http://schemas.dmtf.org/ovf/envelope/1\">" + strings.Repeat("<a>", 100) + strings.Repeat("</a>", 100) + "</Envelope>",
			[]want{{"ENV012", "", "nested deeper"}}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			env, fs := Parse([]byte(tc.doc), "appliance.ovf")
			if env == nil {
				t.Fatal("nil envelope")
			}
			assertFindings(t, tc.doc, fs, tc.wants)
		})
	}
}

// TestBOM checks that a UTF-8 byte-order mark is accepted and that
// positions are counted after it.
func TestBOM(t *testing.T) {
	env, fs := Parse([]byte("\xef\xbb\xbf"+good), "appliance.ovf")
	if len(fs) != 0 {
		t.Fatalf("findings:\n%s", dump(fs))
	}
	line, col := posOf(t, good, "<Envelope")
	if env.Pos.Line != line || env.Pos.Column != col {
		t.Errorf("Envelope at %v, want %d:%d", env.Pos, line, col)
	}
}

// TestUTF16WithBOM checks that a real UTF-16 descriptor is read.
func TestUTF16WithBOM(t *testing.T) {
	doc := strings.Replace(good, `encoding="UTF-8"`, `encoding="UTF-16"`, 1)
	b := []byte{0xff, 0xfe}
	for _, r := range doc {
		b = append(b, byte(r), byte(r>>8))
	}
	env, fs := Parse(b, "appliance.ovf")
	if len(errorsOf(fs)) != 0 || env.Content == nil || env.Content.ID != "web" {
		t.Fatalf("findings:\n%s", dump(fs))
	}
}

// TestXXE proves that an external entity is neither resolved nor read: the
// secret file's content appears nowhere in the model or the findings.
func TestXXE(t *testing.T) {
	secret := "s3cr3t-" + t.Name()
	path := filepath.Join(t.TempDir(), "secret.txt")
	if err := os.WriteFile(path, []byte(secret), 0o600); err != nil {
		t.Fatal(err)
	}
	doc := "<?xml version=\"1.0\"?>\n<!DOCTYPE e [<!ENTITY x SYSTEM \"file://" + filepath.ToSlash(path) + "\">]>\n" +
		"<Envelope xmlns=\"http://schemas.dmtf.org/ovf/envelope/1\"><VirtualSystem ovf:id=\"vm\"><Name>&x;</Name></VirtualSystem></Envelope>"
	env, fs := Parse([]byte(doc), "appliance.ovf")
	assertFindings(t, doc, fs, []want{{"ENV002", "<!DOCTYPE", "refused"}})
	fs = append(fs, CrossCheck(env, "appliance.ovf", nil)...)
	if strings.Contains(fmt.Sprintf("%+v %+v", fs, env.Summary()), secret) {
		t.Fatal("the external entity's content was read")
	}
	if env.Root != nil {
		t.Error("nothing after the DOCTYPE should be modelled")
	}
}

// TestBillionLaughs checks that internal entity declarations are refused
// before any expansion.
func TestBillionLaughs(t *testing.T) {
	doc := `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;"><!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]><Envelope>&lol3;</Envelope>`
	_, fs := Parse([]byte(doc), "appliance.ovf")
	assertFindings(t, doc, fs, []want{{"ENV002", "<!DOCTYPE", ""}})
}

// TestOVF09 checks that generic OVF 0.9 sections typed by xsi:type are
// modelled.
func TestOVF09(t *testing.T) {
	doc := `<ovf:Envelope xmlns:ovf="http://www.vmware.com/schema/ovf/1/envelope" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:rasd="http://schemas.dmtf.org/wbem/wscim/1/cim-schema/2/CIM_ResourceAllocationSettingData">
  <ovf:References><ovf:File ovf:href="d.vmdk" ovf:id="file1"/></ovf:References>
  <ovf:Section xsi:type="ovf:DiskSection_Type"><ovf:Info>Disks</ovf:Info>
    <ovf:Disk ovf:capacity="1073741824" ovf:diskId="vmdisk1" ovf:fileRef="file1" ovf:format="http://www.vmware.com/specifications/vmdk.html#sparse"/>
  </ovf:Section>
  <ovf:Content ovf:id="old" xsi:type="ovf:VirtualSystem_Type"><ovf:Info>VM</ovf:Info>
    <ovf:Section xsi:type="ovf:VirtualHardwareSection_Type"><ovf:Info>HW</ovf:Info>
      <ovf:Item><rasd:InstanceId>1</rasd:InstanceId><rasd:ResourceType>4</rasd:ResourceType><rasd:AllocationUnits>MegaBytes</rasd:AllocationUnits><rasd:VirtualQuantity>512</rasd:VirtualQuantity></ovf:Item>
      <ovf:Item><rasd:InstanceId>2</rasd:InstanceId><rasd:ResourceType>17</rasd:ResourceType><rasd:HostResource>/disk/vmdisk1</rasd:HostResource></ovf:Item>
    </ovf:Section>
  </ovf:Content>
</ovf:Envelope>`
	env, fs := Parse([]byte(doc), "appliance.ovf")
	fs = append(fs, CrossCheck(env, "appliance.ovf", nil)...)
	if errs := errorsOf(fs); len(errs) != 0 {
		t.Fatalf("errors:\n%s", dump(errs))
	}
	if env.Version != Version09 || env.DiskSection == nil || env.Content == nil || len(env.Content.Hardware) != 1 {
		t.Fatalf("model %+v", env)
	}
	vs := env.Summary().VirtualSystems[0]
	if vs.MemoryBytes != 512<<20 || len(vs.Disks) != 1 {
		t.Errorf("summary %+v", vs)
	}
}
