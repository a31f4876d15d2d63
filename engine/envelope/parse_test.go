package envelope

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ovacheck/ovacheck/engine/internal/descriptortest"
)

// The shared descriptor test helpers, under the names these tests use.
type fakeFiles = descriptortest.Files

// want is an expected finding: rule, the text it points at, words of its
// message.
type want = descriptortest.Want

const good = descriptortest.Good

var (
	posOf          = descriptortest.PosOf
	assertFindings = descriptortest.Assert
	dump           = descriptortest.Dump
	errorsOf       = descriptortest.Errors
)

func TestGoodDescriptor(t *testing.T) {
	env, fs := Parse([]byte(good), "appliance.ovf")
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
