// Package descriptortest holds what the descriptor tests of packages
// envelope and conformance share: a correct descriptor to break one way at
// a time, a package's files, and assertions that a finding points at the
// text it is about.
package descriptortest

import (
	"fmt"
	"strings"
	"testing"

	"github.com/ovacheck/ovacheck/engine/report"
)

// PosOf returns the 1-based line and column of the first occurrence of
// needle in doc, so that cases name the place a finding must point at by
// its text.
func PosOf(t *testing.T, doc, needle string) (int, int) {
	t.Helper()
	i := strings.Index(doc, needle)
	if i < 0 {
		t.Fatalf("needle %q not in document", needle)
	}
	line := 1 + strings.Count(doc[:i], "\n")
	col := i - strings.LastIndex(doc[:i], "\n")
	return line, col
}

// Want is an expected finding: its rule, the text it must point at (empty:
// the member only) and words its message must contain. It is an array so
// that tests write it unkeyed, {"REF001", "<File", "no ovf:id"}, from
// any package.
type Want [3]string

// Assert fails t unless every wanted finding is among got, in the member
// appliance.ovf, at the place its At text is written in doc.
func Assert(t *testing.T, doc string, got []report.Finding, wants []Want) {
	t.Helper()
	for _, w := range wants {
		found := false
		for _, f := range got {
			if f.Rule != w[0] || !strings.Contains(f.Message, w[2]) {
				continue
			}
			if f.Location.Member != "appliance.ovf" {
				t.Errorf("%s: member %q, want appliance.ovf", w[0], f.Location.Member)
			}
			if w[1] != "" {
				line, col := PosOf(t, doc, w[1])
				if f.Location.Line != line || f.Location.Column != col {
					continue
				}
			}
			found = true
			break
		}
		if !found {
			t.Errorf("no %s finding at %q with %q; got:\n%s", w[0], w[1], w[2], Dump(got))
		}
	}
}

// Dump lists findings one per line for a failure message.
func Dump(fs []report.Finding) string {
	var b strings.Builder
	for _, f := range fs {
		fmt.Fprintf(&b, "  %s %s %d:%d %s\n", f.Rule, f.Severity, f.Location.Line, f.Location.Column, f.Message)
	}
	return b.String()
}

// Errors returns the findings of severity error.
func Errors(fs []report.Finding) []report.Finding {
	var out []report.Finding
	for _, f := range fs {
		if f.Severity == report.Error {
			out = append(out, f)
		}
	}
	return out
}

// Good is a small, correct OVF 1.x descriptor written for the descriptor
// tests: it gives no finding with Files{"web-disk1.vmdk": 4096}.
const Good = `<?xml version="1.0" encoding="UTF-8"?>
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

// Files is a package's files by name with their sizes.
type Files map[string]int64

// Size returns the size of the file href names.
func (m Files) Size(href string) (int64, bool) { s, ok := m[href]; return s, ok }
