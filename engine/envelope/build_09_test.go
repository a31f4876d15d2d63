package envelope

import (
	"strings"
	"testing"
)

// doc09 is a small OVF 0.9 descriptor in VMware's style: the ovf prefix on
// the Envelope only, every child element unqualified, sections and the
// virtual system named by xsi:type. {{disks}} and {{vs}} replace the
// DiskSection's start tag and the Content's.
const doc09 = `<?xml version="1.0" encoding="UTF-8"?>
<ovf:Envelope xmlns:ovf="http://www.vmware.com/schema/ovf/1/envelope" xmlns:rasd="http://schemas.dmtf.org/wbem/wscim/1/cim-schema/2/CIM_ResourceAllocationSettingData" xmlns:vssd="http://schemas.dmtf.org/wbem/wscim/1/cim-schema/2/CIM_VirtualSystemSettingData" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" ovf:version="0.9">
<References>
<File ovf:href="disk1.vmdk" ovf:id="file1" ovf:size="1024"/>
</References>
{{disks}}
<Info>Disks</Info>
<Disk ovf:capacity="1073741824" ovf:diskId="disk1" ovf:fileRef="file1" ovf:format="http://www.vmware.com/specifications/vmdk.html#sparse"/>
</Section>
{{vs}}
<Info>A virtual machine</Info>
<Section xsi:type="ovf:VirtualHardwareSection_Type">
<Info>Hardware</Info>
<Item>
<rasd:Caption>Harddisk 1</rasd:Caption>
<rasd:InstanceId>1</rasd:InstanceId>
<rasd:ResourceType>17</rasd:ResourceType>
<rasd:HostResource>/disk/disk1</rasd:HostResource>
</Item>
</Section>
</Content>
</ovf:Envelope>
`

func build09(disks, vs string) string {
	if disks == "" {
		disks = `<Section xsi:type="ovf:DiskSection_Type">`
	}
	if vs == "" {
		vs = `<Content ovf:id="vm" xsi:type="ovf:VirtualSystem_Type">`
	}
	return strings.NewReplacer("{{disks}}", disks, "{{vs}}", vs).Replace(doc09)
}

// TestOVF09Model: a sound 0.9 descriptor gives the model of its 1.x twin,
// without ENV011 for its unqualified elements.
func TestOVF09Model(t *testing.T) {
	for name, doc := range map[string]string{
		"ovf prefix":                     build09("", ""),
		"default namespace":              strings.Replace(build09(`<Section xsi:type="DiskSection_Type">`, ""), `<ovf:Envelope xmlns:ovf=`, `<ovf:Envelope xmlns="http://www.vmware.com/schema/ovf/1/envelope" xmlns:ovf=`, 1),
		"prefix declared on the element": build09(`<Section xmlns:o="http://www.vmware.com/schema/ovf/1/envelope" xsi:type="o:DiskSection_Type">`, ""),
	} {
		t.Run(name, func(t *testing.T) {
			env, fs := Parse([]byte(doc), "appliance.ovf")
			if env.Version != Version09 {
				t.Fatalf("version %q", env.Version)
			}
			if env.DiskSection == nil || len(env.DiskSection.Disks) != 1 {
				t.Fatalf("the DiskSection was not read:%s", dump(fs))
			}
			if env.Content == nil || env.Content.Kind != "VirtualSystem" || len(env.Content.Hardware) != 1 || len(env.Content.Hardware[0].Items) != 1 {
				t.Fatalf("the VirtualSystem and its hardware were not read:%s", dump(fs))
			}
			if !env.Retyped(env.DiskSection.Node) || env.DiskSection.Node.Name.Local != "DiskSection" {
				t.Errorf("DiskSection node is %q, retyped %v", env.DiskSection.Node.Name.Local, env.Retyped(env.DiskSection.Node))
			}
			for _, f := range fs {
				if f.Rule == "ENV011" || f.Rule == "ENV060" || f.Severity == "error" {
					t.Errorf("unexpected %s %s: %s", f.Rule, f.Severity, f.Message)
				}
			}
		})
	}
}

// TestOVF09NoType: without a usable xsi:type a 0.9 Section is no section
// and a Content no virtual system (ENV060, at the element).
func TestOVF09NoType(t *testing.T) {
	cases := []struct {
		name, disks, vs, msg string
		noDisks, noSystem    bool
	}{
		{"no xsi:type", `<Section>`, "", "has no xsi:type", true, false},
		{"type without the xsi namespace", `<Section type="ovf:DiskSection_Type">`, "", "not in the XML Schema instance namespace", true, false},
		{"undeclared prefix", `<Section xsi:type="o:DiskSection_Type">`, "", "prefix is not declared", true, false},
		{"prefix of the 1.x namespace", `<Section xmlns:o="http://schemas.dmtf.org/ovf/envelope/1" xsi:type="o:DiskSection_Type">`, "", "not the OVF 0.9 namespace", true, false},
		{"unprefixed without a default namespace", `<Section xsi:type="DiskSection_Type">`, "", "in no namespace", true, false},
		{"not a section type", `<Section xsi:type="ovf:VirtualSystem_Type">`, "", "names no section", true, false},
		{"no _Type suffix", `<Section xsi:type="ovf:DiskSection">`, "", "names no section", true, false},
		{"Content without xsi:type", "", `<Content ovf:id="vm">`, "has no xsi:type", false, true},
		{"Content typed as a section", "", `<Content ovf:id="vm" xsi:type="ovf:DiskSection_Type">`, "names no Content", false, true},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			doc := build09(tc.disks, tc.vs)
			env, fs := Parse([]byte(doc), "appliance.ovf")
			at := tc.disks
			if at == "" {
				at = tc.vs
			}
			assertFindings(t, doc, fs, []want{{"ENV060", at, tc.msg}})
			if tc.noDisks && env.DiskSection != nil {
				t.Error("an untyped Section was read as a DiskSection")
			}
			if tc.noSystem && env.Content != nil {
				t.Error("an untyped Content was read as a VirtualSystem")
			}
			for _, s := range env.Sections {
				if s.Name == "Section" {
					t.Error("an untyped Section is listed as a section")
				}
			}
		})
	}
}

// TestOVF09OptionalUnknownType: a section type 0.9 does not define, on a
// Section marked ovf:required="false", is skipped with ENV048, not refused.
func TestOVF09OptionalUnknownType(t *testing.T) {
	doc := strings.Replace(build09("", ""), "</References>", "</References>\n"+`<Section ovf:required="false" xsi:type="ovf:UnsupportedSectionFoo"><Info>x</Info></Section>`, 1)
	_, fs := Parse([]byte(doc), "appliance.ovf")
	assertFindings(t, doc, fs, []want{{"ENV048", `<Section ovf:required="false"`, "UnsupportedSectionFoo"}})
	for _, f := range fs {
		if f.Rule == "ENV060" {
			t.Errorf("unexpected ENV060: %s", f.Message)
		}
	}
}

// TestXSITypeScope: a prefix declared on a sibling is out of scope.
func TestXSITypeScope(t *testing.T) {
	doc := strings.Replace(build09(`<Section xsi:type="o:DiskSection_Type">`, ""),
		"<References>", `<References xmlns:o="http://www.vmware.com/schema/ovf/1/envelope">`, 1)
	env, fs := Parse([]byte(doc), "appliance.ovf")
	if env.DiskSection != nil {
		t.Fatalf("a prefix declared on References resolved in a sibling:%s", dump(fs))
	}
	assertFindings(t, doc, fs, []want{{"ENV060", `<Section xsi:type="o:`, "prefix is not declared"}})
}

// TestOVF09TypePrefix: a usable xsi:type spelled without the ovf prefix is
// read, and ENV061 says VirtualBox would not read it.
func TestOVF09TypePrefix(t *testing.T) {
	other := build09(`<Section xmlns:v="http://www.vmware.com/schema/ovf/1/envelope" xsi:type="v:DiskSection_Type">`, "")
	env, fs := Parse([]byte(other), "appliance.ovf")
	if env.DiskSection == nil {
		t.Fatalf("the DiskSection was not read:%s", dump(fs))
	}
	assertFindings(t, other, fs, []want{{"ENV061", `xsi:type="v:`, `"ovf:DiskSection_Type"`}})

	_, fs = Parse([]byte(build09("", "")), "appliance.ovf")
	for _, f := range fs {
		if f.Rule == "ENV061" {
			t.Errorf("ENV061 on ovf:-prefixed types: %s", f.Message)
		}
	}
}

// TestOVF09Property: 0.9's defaultValue and configurableByUser are the
// property's value and user flag.
func TestOVF09Property(t *testing.T) {
	doc := strings.Replace(build09("", ""), "<Info>A virtual machine</Info>", `<Info>A virtual machine</Info>
<Section xsi:type="ovf:ProductSection_Type"><Info>p</Info><Product>A</Product>
<Property ovf:key="ip" ovf:type="string" ovf:defaultValue="10.0.0.1"/>
<Property ovf:key="name" ovf:type="string" ovf:configurableByUser="true"/>
</Section>`, 1)
	env, fs := Parse([]byte(doc), "appliance.ovf")
	if env.Content == nil || len(env.Content.Products) != 1 || len(env.Content.Products[0].Properties) != 2 {
		t.Fatalf("the ProductSection was not read:%s", dump(fs))
	}
	ip, name := env.Content.Products[0].Properties[0], env.Content.Products[0].Properties[1]
	if !ip.HasValue || ip.Value != "10.0.0.1" {
		t.Errorf("defaultValue not read: %+v", ip)
	}
	if !name.UserConfigurable {
		t.Errorf("configurableByUser not read: %+v", name)
	}
}
