package conformance

import (
	"strings"
	"testing"
)

// base09 is a small sound OVF 0.9 descriptor as VMware's 0.9 writers made
// them: unqualified children, Section and Content named by xsi:type, RASD
// in 0.9's order with InstanceId and BusNumber, a System without
// ElementName or InstanceId. Places to fill: env (Envelope-level sections),
// vs (sections of the VirtualSystem), hw (Items before the standard ones)
// and prod (sections after the hardware).
const base09 = `<?xml version="1.0" encoding="UTF-8"?>
<ovf:Envelope xmlns:ovf="http://www.vmware.com/schema/ovf/1/envelope" xmlns:rasd="http://schemas.dmtf.org/wbem/wscim/1/cim-schema/2/CIM_ResourceAllocationSettingData" xmlns:vssd="http://schemas.dmtf.org/wbem/wscim/1/cim-schema/2/CIM_VirtualSystemSettingData" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" ovf:version="0.9">
<References>
<File ovf:href="disk1.vmdk" ovf:id="file1" ovf:size="1024"/>
</References>
<Section xsi:type="ovf:NetworkSection_Type">
<Info>Networks</Info>
<Network ovf:name="VM Network"><Description>The network</Description></Network>
</Section>
<Section xsi:type="ovf:DiskSection_Type">
<Info>Disks</Info>
<Disk ovf:capacity="1073741824" ovf:diskId="vmdisk1" ovf:fileRef="file1" ovf:format="http://www.vmware.com/specifications/vmdk.html#sparse"/>
</Section>
{{env}}
<Content ovf:id="vm" xsi:type="ovf:VirtualSystem_Type">
<Info>A virtual machine</Info>
{{vs}}
<Section ovf:id="101" xsi:type="ovf:OperatingSystemSection_Type"><Info>The guest</Info></Section>
<Section xsi:type="ovf:VirtualHardwareSection_Type">
<Info>Hardware</Info>
<System><vssd:VirtualSystemType>vmx-04</vssd:VirtualSystemType></System>
{{hw}}
<Item><rasd:Caption>1 virtual CPU</rasd:Caption><rasd:InstanceId>1</rasd:InstanceId><rasd:ResourceType>3</rasd:ResourceType><rasd:VirtualQuantity>1</rasd:VirtualQuantity></Item>
<Item><rasd:Caption>256 MB of memory</rasd:Caption><rasd:InstanceId>2</rasd:InstanceId><rasd:ResourceType>4</rasd:ResourceType><rasd:AllocationUnits>MegaBytes</rasd:AllocationUnits><rasd:VirtualQuantity>256</rasd:VirtualQuantity></Item>
<Item><rasd:Caption>SCSI Controller 0</rasd:Caption><rasd:InstanceId>3</rasd:InstanceId><rasd:ResourceType>6</rasd:ResourceType><rasd:ResourceSubType>lsilogic</rasd:ResourceSubType><rasd:BusNumber>0</rasd:BusNumber></Item>
<Item><rasd:Caption>Harddisk 1</rasd:Caption><rasd:InstanceId>4</rasd:InstanceId><rasd:ResourceType>17</rasd:ResourceType><rasd:HostResource>/disk/vmdisk1</rasd:HostResource><rasd:Parent>3</rasd:Parent><rasd:AddressOnParent>0</rasd:AddressOnParent></Item>
<Item><rasd:Caption>Ethernet adapter</rasd:Caption><rasd:InstanceId>5</rasd:InstanceId><rasd:ResourceType>10</rasd:ResourceType><rasd:ResourceSubType>PCNet32</rasd:ResourceSubType><rasd:AutomaticAllocation>true</rasd:AutomaticAllocation><rasd:Connection>VM Network</rasd:Connection><rasd:AddressOnParent>1</rasd:AddressOnParent></Item>
</Section>
{{prod}}
</Content>
</ovf:Envelope>
`

type parts09 struct{ env, vs, hw, prod string }

func (p parts09) doc() string {
	return strings.NewReplacer("{{env}}", p.env, "{{vs}}", p.vs, "{{hw}}", p.hw, "{{prod}}", p.prod).Replace(base09)
}

// TestBase09IsClean: the 0.9 template breaks no conformance rule, so each
// case's finding comes from what it changes; in particular 0.9's own
// conventions (unqualified elements, InstanceId, BusNumber, no
// ElementName, 0.9's RASD order) give nothing.
func TestBase09IsClean(t *testing.T) {
	if fs := run(t, parts09{}.doc()); len(fs) > 0 {
		t.Fatalf("0.9 base descriptor gives findings:%s", describe(fs))
	}
}

const eula09 = `<Section xsi:type="ovf:EulaSection_Type"><Info>Licence</Info><License>You may use this.</License></Section>`

// TestRules09 runs each rule's wrong and right OVF 0.9 descriptor: the
// descriptor rules judge 0.9 by 0.9's conventions.
func TestRules09(t *testing.T) {
	cases := []ruleCase{
		// Placement (DSP0243 1.0.0 Table 5; 0.9 also allows EulaSection
		// in the Envelope).
		{"ENV032", parts09{vs: `<Section xsi:type="ovf:DeploymentOptionSection_Type">` + H + `<Info>x</Info><Configuration ovf:id="a"><Label>a</Label><Description>a</Description></Configuration></Section>`}.doc(),
			parts09{env: eula09}.doc()},
		{"ENV032", parts09{env: `<Section xsi:type="ovf:VirtualHardwareSection_Type">` + H + `<Info>h</Info></Section>`}.doc(), parts09{vs: eula09}.doc()},
		// Info first, as in 1.x.
		{"ENV031", parts09{vs: `<Section xsi:type="ovf:AnnotationSection_Type">` + H + `<Annotation>a</Annotation></Section>`}.doc(),
			parts09{vs: `<Section xsi:type="ovf:AnnotationSection_Type"><Info>i</Info><Annotation>a</Annotation></Section>`}.doc()},
		// An element 0.9 does not define inside a known section; VMware
		// Studio's Full-version is 0.9's.
		{"ENV030", parts09{prod: `<Section xsi:type="ovf:ProductSection_Type"><Info>p</Info><Product>A</Product>` + "\n<Fullversion>1.0</Fullversion>" + H + `</Section>`}.doc(),
			parts09{prod: `<Section xsi:type="ovf:ProductSection_Type"><Info>p</Info><Product>A</Product><Version>1.0</Version><Full-version>1.0 beta</Full-version></Section>`}.doc()},
		// RASD: 0.9's names are known, others are not.
		{"HW034", parts09{hw: `<Item><rasd:Caption>USB</rasd:Caption><rasd:InstanceId>9</rasd:InstanceId><rasd:ResourceType>23</rasd:ResourceType>` + "\n<rasd:BusNumbr>0</rasd:BusNumbr>" + H + `</Item>`}.doc(),
			parts09{hw: `<Item><rasd:Caption>USB</rasd:Caption><rasd:InstanceId>9</rasd:InstanceId><rasd:ResourceType>23</rasd:ResourceType><rasd:Address>0</rasd:Address><rasd:BusNumber>0</rasd:BusNumber></Item>`}.doc()},
		// RASD order: 0.9's, not 1.x's alphabetical one.
		{"HW030", parts09{hw: `<Item><rasd:InstanceId>9</rasd:InstanceId>` + "\n<rasd:Caption>USB</rasd:Caption>" + H + `<rasd:ResourceType>23</rasd:ResourceType></Item>`}.doc(),
			parts09{hw: `<Item><rasd:Caption>USB</rasd:Caption><rasd:Description>USB controller</rasd:Description><rasd:InstanceId>9</rasd:InstanceId><rasd:ResourceType>23</rasd:ResourceType><rasd:Address>0</rasd:Address><rasd:BusNumber>0</rasd:BusNumber></Item>`}.doc()},
		// Properties: 0.9 names the default defaultValue and the user
		// flag configurableByUser.
		{"PRD013", parts09{prod: `<Section xsi:type="ovf:ProductSection_Type"><Info>p</Info><Product>A</Product>` + "\n" + `<Property ovf:key="ip" ovf:type="string"/>` + H + `</Section>`}.doc(),
			parts09{prod: `<Section xsi:type="ovf:ProductSection_Type"><Info>p</Info><Product>A</Product><Property ovf:key="ip" ovf:type="string" ovf:defaultValue="10.0.0.1"/><Property ovf:key="name" ovf:type="string" ovf:configurableByUser="true"/></Section>`}.doc()},
		// Identity: a 0.9 Envelope says ovf:version="0.9" if anything.
		{"ENV047", strings.Replace(parts09{}.doc(), `ovf:version="0.9">`, `ovf:version="1.0">`+H, 1), parts09{}.doc()},
		// Values are judged as in 1.x.
		{"HW033", parts09{hw: `<Item><rasd:Caption>x</rasd:Caption><rasd:InstanceId>9</rasd:InstanceId><rasd:ResourceType>23</rasd:ResourceType>` + "\n<rasd:AutomaticAllocation>yes</rasd:AutomaticAllocation>" + H + `</Item>`}.doc(),
			parts09{}.doc()},
	}
	for _, tc := range cases {
		t.Run(tc.rule, func(t *testing.T) {
			expectRule(t, tc.wrong, tc.rule)
			expectNoRule(t, tc.right, tc.rule)
		})
	}
}

// TestEulaPlacementByVersion: an EulaSection directly in the Envelope is
// 0.9's right (VMware Studio writes it there) and a misplacement in 1.x.
func TestEulaPlacementByVersion(t *testing.T) {
	expectNoRule(t, parts09{env: eula09}.doc(), "ENV032")
	expectRule(t, parts{env: "<EulaSection>" + H + "<Info>Licence</Info><License>You may use this.</License></EulaSection>"}.doc(), "ENV032")
}

// TestUntyped09 leaves a 0.9 Section without xsi:type to envelope's
// ENV060: conformance says nothing more about it (no ENV030).
func TestUntyped09(t *testing.T) {
	doc := parts09{vs: `<Section><Info>Licence</Info><License>You may use this.</License></Section>`}.doc()
	for _, rule := range []string{"ENV030", "ENV032", "ENV048"} {
		expectNoRule(t, doc, rule)
	}
}

// TestNot09Conventions1x: 0.9's spellings stay findings in an OVF 1.x
// descriptor.
func TestNot09Conventions1x(t *testing.T) {
	expectRule(t, parts{hw: `<Item><rasd:ElementName>USB</rasd:ElementName><rasd:InstanceID>9</rasd:InstanceID><rasd:ResourceType>23</rasd:ResourceType>` + "\n<rasd:BusNumber>0</rasd:BusNumber>" + H + `</Item>`}.doc(), "HW034")
	expectRule(t, parts{prod: prod("<Full-version>1.0</Full-version>" + H)}.doc(), "ENV030")
}
