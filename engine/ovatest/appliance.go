package ovatest

import (
	"crypto/sha1"
	"crypto/sha256"
	"crypto/sha512"
	"encoding/hex"
	"fmt"
	"hash"
	"html"
	"strings"
)

// Appliance describes a small, sound OVF 1.x package as ovftool exports
// it: one virtual system with CPUs, memory, a SCSI controller, one disk
// per image and a VMXNET3 adapter, a SHA-256 manifest listing the
// descriptor first. The zero value is usable.
type Appliance struct {
	// Name is the base name of the descriptor, manifest and disks
	// (default "appliance").
	Name string
	// Disks are the disk images, in order; default one stream-optimized
	// VMDK of 16 MiB capacity. Each disk's capacity is DiskCapacity.
	Disks        [][]byte
	DiskCapacity int64
	// Algorithm is the manifest's digest algorithm: "sha1", "sha256"
	// (default) or "sha512"; "none" leaves the manifest out.
	Algorithm string
	// Product, Vendor and Annotation go into a ProductSection and an
	// AnnotationSection (escaped as XML text).
	Product, Vendor, Annotation string
	// DiskNames overrides the disk member names.
	DiskNames []string
}

func (a *Appliance) defaults() {
	if a.Name == "" {
		a.Name = "appliance"
	}
	if a.DiskCapacity == 0 {
		a.DiskCapacity = 16 << 20
	}
	if a.Disks == nil {
		a.Disks = [][]byte{StreamOptimizedVMDK(a.DiskCapacity, []byte("ovatest appliance disk"))}
	}
	if a.Algorithm == "" {
		a.Algorithm = "sha256"
	}
}

// DiskName returns the member name of disk i.
func (a Appliance) DiskName(i int) string {
	a.defaults()
	if i < len(a.DiskNames) {
		return a.DiskNames[i]
	}
	return fmt.Sprintf("%s-disk%d.vmdk", a.Name, i+1)
}

// Members returns the package's members in the order DSP0243 5.3 gives:
// descriptor, manifest, disks.
func (a Appliance) Members() []Member {
	a.defaults()
	ovf := Member{Name: a.Name + ".ovf", Data: []byte(a.Descriptor())}
	var disks []Member
	for i, d := range a.Disks {
		disks = append(disks, Member{Name: a.DiskName(i), Data: d})
	}
	out := []Member{ovf}
	if a.Algorithm != "none" {
		out = append(out, Member{Name: a.Name + ".mf", Data: Manifest(a.Algorithm, append([]Member{ovf}, disks...)...)})
	}
	return append(out, disks...)
}

// Manifest returns a manifest in the form DSP0243 gives (ALG(name)= hex)
// listing members in order.
func Manifest(alg string, members ...Member) []byte {
	var b strings.Builder
	for _, m := range members {
		var h hash.Hash
		switch alg {
		case "sha1":
			h = sha1.New()
		case "sha512":
			h = sha512.New()
		default:
			h = sha256.New()
		}
		h.Write(m.Data)
		fmt.Fprintf(&b, "%s(%s)= %s\n", strings.ToUpper(alg), m.Name, hex.EncodeToString(h.Sum(nil)))
	}
	return []byte(b.String())
}

// Descriptor returns the appliance's OVF descriptor.
func (a Appliance) Descriptor() string {
	a.defaults()
	x := html.EscapeString
	var refs, disks, items strings.Builder
	for i, d := range a.Disks {
		fmt.Fprintf(&refs, "    <File ovf:id=\"file%d\" ovf:href=\"%s\" ovf:size=\"%d\"/>\n", i+1, x(a.DiskName(i)), len(d))
		fmt.Fprintf(&disks, "    <Disk ovf:diskId=\"vmdisk%d\" ovf:fileRef=\"file%d\" ovf:capacity=\"%d\" ovf:format=\"http://www.vmware.com/interfaces/specifications/vmdk.html#streamOptimized\"/>\n",
			i+1, i+1, a.DiskCapacity)
		fmt.Fprintf(&items, `      <Item>
        <rasd:AddressOnParent>%d</rasd:AddressOnParent>
        <rasd:ElementName>Hard Disk %d</rasd:ElementName>
        <rasd:HostResource>ovf:/disk/vmdisk%d</rasd:HostResource>
        <rasd:InstanceID>%d</rasd:InstanceID>
        <rasd:Parent>3</rasd:Parent>
        <rasd:ResourceType>17</rasd:ResourceType>
      </Item>
`, i, i+1, i+1, 10+i)
	}
	var product, annotation string
	if a.Product != "" || a.Vendor != "" {
		product = fmt.Sprintf("    <ProductSection>\n      <Info>Information about the installed software</Info>\n      <Product>%s</Product>\n      <Vendor>%s</Vendor>\n      <Version>1.0</Version>\n    </ProductSection>\n",
			x(a.Product), x(a.Vendor))
	}
	if a.Annotation != "" {
		annotation = fmt.Sprintf("    <AnnotationSection>\n      <Info>A human-readable annotation</Info>\n      <Annotation>%s</Annotation>\n    </AnnotationSection>\n", x(a.Annotation))
	}
	return fmt.Sprintf(`<?xml version="1.0" encoding="UTF-8"?>
<Envelope xmlns="http://schemas.dmtf.org/ovf/envelope/1" xmlns:ovf="http://schemas.dmtf.org/ovf/envelope/1" xmlns:rasd="http://schemas.dmtf.org/wbem/wscim/1/cim-schema/2/CIM_ResourceAllocationSettingData" xmlns:vssd="http://schemas.dmtf.org/wbem/wscim/1/cim-schema/2/CIM_VirtualSystemSettingData">
  <References>
%s  </References>
  <DiskSection>
    <Info>Virtual disk information</Info>
%s  </DiskSection>
  <NetworkSection>
    <Info>The list of logical networks</Info>
    <Network ovf:name="VM Network">
      <Description>The VM Network network</Description>
    </Network>
  </NetworkSection>
  <VirtualSystem ovf:id="%s">
    <Info>A virtual machine</Info>
    <Name>%s</Name>
%s%s    <OperatingSystemSection ovf:id="101">
      <Info>The kind of installed guest operating system</Info>
    </OperatingSystemSection>
    <VirtualHardwareSection>
      <Info>Virtual hardware requirements</Info>
      <System>
        <vssd:ElementName>Virtual Hardware Family</vssd:ElementName>
        <vssd:InstanceID>0</vssd:InstanceID>
        <vssd:VirtualSystemIdentifier>%s</vssd:VirtualSystemIdentifier>
        <vssd:VirtualSystemType>vmx-13</vssd:VirtualSystemType>
      </System>
      <Item>
        <rasd:AllocationUnits>hertz * 10^6</rasd:AllocationUnits>
        <rasd:ElementName>2 virtual CPU(s)</rasd:ElementName>
        <rasd:InstanceID>1</rasd:InstanceID>
        <rasd:ResourceType>3</rasd:ResourceType>
        <rasd:VirtualQuantity>2</rasd:VirtualQuantity>
      </Item>
      <Item>
        <rasd:AllocationUnits>byte * 2^20</rasd:AllocationUnits>
        <rasd:ElementName>2048MB of memory</rasd:ElementName>
        <rasd:InstanceID>2</rasd:InstanceID>
        <rasd:ResourceType>4</rasd:ResourceType>
        <rasd:VirtualQuantity>2048</rasd:VirtualQuantity>
      </Item>
      <Item>
        <rasd:Address>0</rasd:Address>
        <rasd:ElementName>SCSI Controller 0</rasd:ElementName>
        <rasd:InstanceID>3</rasd:InstanceID>
        <rasd:ResourceSubType>lsilogic</rasd:ResourceSubType>
        <rasd:ResourceType>6</rasd:ResourceType>
      </Item>
%s      <Item>
        <rasd:AddressOnParent>7</rasd:AddressOnParent>
        <rasd:AutomaticAllocation>true</rasd:AutomaticAllocation>
        <rasd:Connection>VM Network</rasd:Connection>
        <rasd:ElementName>Network adapter 1</rasd:ElementName>
        <rasd:InstanceID>5</rasd:InstanceID>
        <rasd:ResourceSubType>VmxNet3</rasd:ResourceSubType>
        <rasd:ResourceType>10</rasd:ResourceType>
      </Item>
    </VirtualHardwareSection>
  </VirtualSystem>
</Envelope>
`, refs.String(), disks.String(), x(a.Name), x(a.Name), product, annotation, x(a.Name), items.String())
}

// Signed returns the appliance's members with a certificate file signed by
// iss with alg ("SHA256", ...), placed right after the manifest and padded
// to CertSize bytes as ovftool 4.x writes it.
func (a Appliance) Signed(iss *Issued, alg string) []Member {
	a.defaults()
	ms := a.Members()
	mf := ms[1]
	cert := Member{Name: a.Name + ".cert",
		Data: CertFile(mf.Name, strings.ToUpper(alg), Sign(mf.Data, iss.Key, alg), true, iss.PEM)}
	return append(ms[:2:2], append([]Member{cert}, ms[2:]...)...)
}
