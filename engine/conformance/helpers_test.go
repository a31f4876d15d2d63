package conformance

import (
	"strconv"
	"strings"
	"testing"

	"github.com/ovacheck/ovacheck/engine/envelope"
	"github.com/ovacheck/ovacheck/engine/report"
)

// base is a small valid OVF 1.x descriptor with places to fill: env
// (Envelope-level sections), vs (sections of the VirtualSystem before its
// hardware), hw (Items before the standard ones), prod (sections after
// the hardware) and strs (after the VirtualSystem). Marking a line with
// <!--HERE--> tells the test where the finding must be.
const base = `<?xml version="1.0" encoding="UTF-8"?>
<Envelope xmlns="http://schemas.dmtf.org/ovf/envelope/1" xmlns:ovf="http://schemas.dmtf.org/ovf/envelope/1" xmlns:rasd="http://schemas.dmtf.org/wbem/wscim/1/cim-schema/2/CIM_ResourceAllocationSettingData" xmlns:vssd="http://schemas.dmtf.org/wbem/wscim/1/cim-schema/2/CIM_VirtualSystemSettingData" xmlns:vmw="http://www.vmware.com/schema/ovf" xmlns:acme="http://acme.example/ovf">
<References>
<File ovf:id="file1" ovf:href="disk1.vmdk"/>
</References>
<DiskSection>
<Info>Disks</Info>
<Disk ovf:diskId="vmdisk1" ovf:fileRef="file1" ovf:capacity="1" ovf:capacityAllocationUnits="byte * 2^30" ovf:format="http://www.vmware.com/interfaces/specifications/vmdk.html#streamOptimized"/>
</DiskSection>
<NetworkSection>
<Info>Networks</Info>
<Network ovf:name="VM Network"><Description>The network</Description></Network>
</NetworkSection>
{{env}}
<VirtualSystem ovf:id="vm">
<Info>A virtual machine</Info>
<Name>vm</Name>
{{vs}}
<OperatingSystemSection ovf:id="101"><Info>The guest</Info></OperatingSystemSection>
<VirtualHardwareSection{{hwattr}}>
<Info>Hardware</Info>
<System><vssd:ElementName>Virtual Hardware Family</vssd:ElementName><vssd:InstanceID>0</vssd:InstanceID><vssd:VirtualSystemType>vmx-13</vssd:VirtualSystemType></System>
{{hw}}
<Item><rasd:ElementName>CPU</rasd:ElementName><rasd:InstanceID>1</rasd:InstanceID><rasd:ResourceType>3</rasd:ResourceType><rasd:VirtualQuantity>2</rasd:VirtualQuantity></Item>
<Item><rasd:AllocationUnits>byte * 2^20</rasd:AllocationUnits><rasd:ElementName>Memory</rasd:ElementName><rasd:InstanceID>2</rasd:InstanceID><rasd:ResourceType>4</rasd:ResourceType><rasd:VirtualQuantity>1024</rasd:VirtualQuantity></Item>
<Item><rasd:Address>0</rasd:Address><rasd:ElementName>SCSI</rasd:ElementName><rasd:InstanceID>3</rasd:InstanceID><rasd:ResourceSubType>lsilogic</rasd:ResourceSubType><rasd:ResourceType>6</rasd:ResourceType></Item>
<Item><rasd:AddressOnParent>0</rasd:AddressOnParent><rasd:ElementName>Disk</rasd:ElementName><rasd:HostResource>ovf:/disk/vmdisk1</rasd:HostResource><rasd:InstanceID>4</rasd:InstanceID><rasd:Parent>3</rasd:Parent><rasd:ResourceType>17</rasd:ResourceType></Item>
<Item><rasd:AddressOnParent>7</rasd:AddressOnParent><rasd:Connection>VM Network</rasd:Connection><rasd:ElementName>NIC</rasd:ElementName><rasd:InstanceID>5</rasd:InstanceID><rasd:ResourceSubType>VmxNet3</rasd:ResourceSubType><rasd:ResourceType>10</rasd:ResourceType></Item>
</VirtualHardwareSection>
{{prod}}
</VirtualSystem>
{{strs}}
</Envelope>
`

// parts fills base.
type parts struct{ env, vs, hwattr, hw, prod, strs string }

func (p parts) doc() string {
	r := strings.NewReplacer("{{env}}", p.env, "{{vs}}", p.vs, "{{hwattr}}", p.hwattr, "{{hw}}", p.hw, "{{prod}}", p.prod, "{{strs}}", p.strs)
	return r.Replace(base)
}

// collection is a descriptor whose top level is a VirtualSystemCollection
// holding body and two minimal systems, vm1 and vm2.
func collection(env, body string) string {
	return `<?xml version="1.0" encoding="UTF-8"?>
<Envelope xmlns="http://schemas.dmtf.org/ovf/envelope/1" xmlns:ovf="http://schemas.dmtf.org/ovf/envelope/1" xmlns:rasd="http://schemas.dmtf.org/wbem/wscim/1/cim-schema/2/CIM_ResourceAllocationSettingData" xmlns:vssd="http://schemas.dmtf.org/wbem/wscim/1/cim-schema/2/CIM_VirtualSystemSettingData">
<References/>
` + env + `
<VirtualSystemCollection ovf:id="app">
<Info>An application</Info>
` + body + `
` + system("vm1") + system("vm2") + `</VirtualSystemCollection>
</Envelope>
`
}

func system(id string) string {
	return `<VirtualSystem ovf:id="` + id + `">
<Info>A system</Info>
<VirtualHardwareSection>
<Info>Hardware</Info>
<System><vssd:ElementName>Family</vssd:ElementName><vssd:InstanceID>0</vssd:InstanceID><vssd:VirtualSystemType>vmx-13</vssd:VirtualSystemType></System>
<Item><rasd:ElementName>CPU</rasd:ElementName><rasd:InstanceID>1</rasd:InstanceID><rasd:ResourceType>3</rasd:ResourceType><rasd:VirtualQuantity>1</rasd:VirtualQuantity></Item>
<Item><rasd:AllocationUnits>byte * 2^20</rasd:AllocationUnits><rasd:ElementName>Memory</rasd:ElementName><rasd:InstanceID>2</rasd:InstanceID><rasd:ResourceType>4</rasd:ResourceType><rasd:VirtualQuantity>512</rasd:VirtualQuantity></Item>
</VirtualHardwareSection>
</VirtualSystem>
`
}

// run parses doc and returns Check's findings.
func run(t *testing.T, doc string) []report.Finding {
	t.Helper()
	env, _ := envelope.Parse([]byte(doc), "test.ovf")
	if env.Root == nil {
		t.Fatalf("test descriptor does not parse")
	}
	return Check(env, nil)
}

// markedLine returns the 1-based line holding <!--HERE-->, or 0.
func markedLine(doc string) int {
	for i, l := range strings.Split(doc, "\n") {
		if strings.Contains(l, "<!--HERE-->") {
			return i + 1
		}
	}
	return 0
}

// expectRule checks that rule fires on the marked line of doc (or
// anywhere, when no line is marked).
func expectRule(t *testing.T, doc, rule string) {
	t.Helper()
	fs := run(t, doc)
	line := markedLine(doc)
	for _, f := range fs {
		if f.Rule == rule && (line == 0 || f.Location.Line == line) {
			if f.Location.Member != "test.ovf" || f.Message == "" || f.Hint == "" {
				t.Errorf("%s: finding lacks member, message or hint: %+v", rule, f)
			}
			return
		}
	}
	t.Errorf("want %s at line %d; got %s", rule, line, describe(fs))
}

// expectNoRule checks that rule does not fire on doc.
func expectNoRule(t *testing.T, doc, rule string) {
	t.Helper()
	for _, f := range run(t, doc) {
		if f.Rule == rule {
			t.Errorf("unexpected %s at line %d: %s", rule, f.Location.Line, f.Message)
		}
	}
}

func describe(fs []report.Finding) string {
	var b strings.Builder
	for _, f := range fs {
		b.WriteString("\n  ")
		b.WriteString(f.Rule)
		b.WriteString(" ")
		b.WriteString(f.Message)
		b.WriteString(" @")
		b.WriteString(strconv.Itoa(f.Location.Line))
	}
	if b.Len() == 0 {
		return "no findings"
	}
	return b.String()
}
