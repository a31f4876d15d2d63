// Package samples builds the small OVA packages the validator page offers
// as built-in samples and the browser tests check: a sound package, a
// damaged one (one disk byte flipped after the manifest was written) and
// variants that carry hostile text. They are made with the project's own
// builder, engine/ovatest, at build time; none is committed.
package samples

import (
	"archive/tar"
	"crypto/sha1"
	"crypto/sha256"
	"crypto/sha512"
	"encoding/hex"
	"fmt"
	"hash"
	"html"

	"github.com/ovacheck/ovacheck/engine/ovatest"
)

// Spec describes a sample package. The zero value (with defaults filled
// in by Build) is the sound sample.
type Spec struct {
	// Base names the descriptor, manifest and disk ("<Base>.ovf", ...).
	Base string
	// Product, Vendor and Annotation are copied into the descriptor
	// (escaped as XML text).
	Product    string
	Vendor     string
	Annotation string
	// DiskName is the disk member's name; default "<Base>-disk1.vmdk".
	DiskName string
	// FlipDiskByte flips one bit of the disk after the manifest was
	// computed, so its SHA-256 no longer matches.
	FlipDiskByte bool
	// DescriptorNotFirst puts the manifest before the descriptor.
	DescriptorNotFirst bool
	// Algorithm is the manifest's digest: "SHA1", "SHA256" (default) or
	// "SHA512".
	Algorithm string
	// Signer, when set, signs the manifest: the package gets a
	// "<Base>.cert" with the signature and the signer's certificate.
	Signer *ovatest.Issued
}

// NewSigner returns a code-signing certificate from a fresh test CA, named
// commonName.
func NewSigner(commonName string) *ovatest.Issued {
	return ovatest.NewCA().Issue(ovatest.CertOptions{CommonName: commonName, CodeSigning: true})
}

// Sound returns the sound sample: descriptor, manifest and one disk, every
// digest right.
func Sound() []byte { return Build(Spec{}) }

// Damaged returns the sound sample with one bit of its disk flipped.
func Damaged() []byte { return Build(Spec{FlipDiskByte: true}) }

// Build returns the OVA that s describes.
func Build(s Spec) []byte {
	if s.Base == "" {
		s.Base = "appliance"
	}
	if s.Product == "" {
		s.Product = "Example Appliance"
	}
	if s.Vendor == "" {
		s.Vendor = "Example Corp"
	}
	if s.Annotation == "" {
		s.Annotation = "A small appliance built by ovacheck's sample builder."
	}
	if s.DiskName == "" {
		s.DiskName = s.Base + "-disk1.vmdk"
	}
	if s.Algorithm == "" {
		s.Algorithm = "SHA256"
	}
	disk := ovatest.StreamOptimizedVMDK(diskCapacity, diskContent())
	ovf := []byte(descriptor(s, int64(len(disk))))
	mf := []byte(fmt.Sprintf("%s(%s.ovf)= %s\n%s(%s)= %s\n", s.Algorithm, s.Base, digestHex(s.Algorithm, ovf),
		s.Algorithm, s.DiskName, digestHex(s.Algorithm, disk)))
	if s.FlipDiskByte {
		// One bit inside the first grain's compressed data: the image
		// still looks well-formed, only its digest tells.
		disk[firstGrainData+8] ^= 0x01
	}
	members := []ovatest.Member{
		{Name: s.Base + ".ovf", Data: ovf},
		{Name: s.Base + ".mf", Data: mf},
	}
	if s.Signer != nil {
		sig := ovatest.Sign(mf, s.Signer.Key, "SHA256")
		members = append(members, ovatest.Member{Name: s.Base + ".cert",
			Data: ovatest.CertFile(s.Base+".mf", "SHA256", sig, false, s.Signer.PEM)})
	}
	members = append(members, ovatest.Member{Name: s.DiskName, Data: disk})
	if s.DescriptorNotFirst {
		members[0], members[1] = members[1], members[0]
	}
	return ovatest.OVA(tar.FormatUSTAR, members...)
}

// diskCapacity is the sample disk's virtual size: 64 MiB.
const diskCapacity = 64 << 20

// firstGrainData is the offset of the first grain's compressed bytes in a
// VMDK from ovatest: 128 sectors of header and descriptor, then the grain's
// 12-byte marker.
const firstGrainData = 128*512 + 12

// diskContent is what the sample disk holds at its start: 256 KiB of text,
// so that the image has real grains.
func diskContent() []byte {
	var b []byte
	for i := 0; len(b) < 256<<10; i++ {
		b = fmt.Appendf(b, "ovacheck sample disk, line %d\n", i)
	}
	return b
}

func digestHex(alg string, b []byte) string {
	var h hash.Hash
	switch alg {
	case "SHA1":
		h = sha1.New()
	case "SHA512":
		h = sha512.New()
	default:
		h = sha256.New()
	}
	h.Write(b)
	return hex.EncodeToString(h.Sum(nil))
}

func xmlText(s string) string { return html.EscapeString(s) }

func descriptor(s Spec, diskSize int64) string {
	return fmt.Sprintf(`<?xml version="1.0" encoding="UTF-8"?>
<Envelope xmlns="http://schemas.dmtf.org/ovf/envelope/1" xmlns:ovf="http://schemas.dmtf.org/ovf/envelope/1" xmlns:rasd="http://schemas.dmtf.org/wbem/wscim/1/cim-schema/2/CIM_ResourceAllocationSettingData" xmlns:vssd="http://schemas.dmtf.org/wbem/wscim/1/cim-schema/2/CIM_VirtualSystemSettingData" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
  <References>
    <File ovf:href="%s" ovf:id="file1" ovf:size="%d"/>
  </References>
  <DiskSection>
    <Info>Virtual disk information</Info>
    <Disk ovf:capacity="%d" ovf:capacityAllocationUnits="byte" ovf:diskId="vmdisk1" ovf:fileRef="file1" ovf:format="http://www.vmware.com/interfaces/specifications/vmdk.html#streamOptimized"/>
  </DiskSection>
  <NetworkSection>
    <Info>The list of logical networks</Info>
    <Network ovf:name="VM Network">
      <Description>The VM Network network</Description>
    </Network>
  </NetworkSection>
  <VirtualSystem ovf:id="%s">
    <Info>A virtual machine</Info>
    <Name>%s</Name>
    <AnnotationSection>
      <Info>A human-readable annotation</Info>
      <Annotation>%s</Annotation>
    </AnnotationSection>
    <ProductSection>
      <Info>Information about the installed software</Info>
      <Product>%s</Product>
      <Vendor>%s</Vendor>
      <Version>1.0</Version>
      <FullVersion>1.0.0</FullVersion>
    </ProductSection>
    <EulaSection>
      <Info>End User License Agreement</Info>
      <License>Example licence.

You may use this sample to try ovacheck. It comes with no warranty.</License>
    </EulaSection>
    <OperatingSystemSection ovf:id="101">
      <Info>The kind of installed guest operating system</Info>
      <Description>Other Linux (64-bit)</Description>
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
        <rasd:Description>Number of Virtual CPUs</rasd:Description>
        <rasd:ElementName>2 virtual CPU(s)</rasd:ElementName>
        <rasd:InstanceID>1</rasd:InstanceID>
        <rasd:ResourceType>3</rasd:ResourceType>
        <rasd:VirtualQuantity>2</rasd:VirtualQuantity>
      </Item>
      <Item>
        <rasd:AllocationUnits>byte * 2^20</rasd:AllocationUnits>
        <rasd:Description>Memory Size</rasd:Description>
        <rasd:ElementName>2048MB of memory</rasd:ElementName>
        <rasd:InstanceID>2</rasd:InstanceID>
        <rasd:ResourceType>4</rasd:ResourceType>
        <rasd:VirtualQuantity>2048</rasd:VirtualQuantity>
      </Item>
      <Item>
        <rasd:Address>0</rasd:Address>
        <rasd:Description>SCSI Controller</rasd:Description>
        <rasd:ElementName>SCSI Controller 0</rasd:ElementName>
        <rasd:InstanceID>3</rasd:InstanceID>
        <rasd:ResourceSubType>lsilogic</rasd:ResourceSubType>
        <rasd:ResourceType>6</rasd:ResourceType>
      </Item>
      <Item>
        <rasd:AddressOnParent>0</rasd:AddressOnParent>
        <rasd:ElementName>Hard Disk 1</rasd:ElementName>
        <rasd:HostResource>ovf:/disk/vmdisk1</rasd:HostResource>
        <rasd:InstanceID>4</rasd:InstanceID>
        <rasd:Parent>3</rasd:Parent>
        <rasd:ResourceType>17</rasd:ResourceType>
      </Item>
      <Item>
        <rasd:AddressOnParent>7</rasd:AddressOnParent>
        <rasd:AutomaticAllocation>true</rasd:AutomaticAllocation>
        <rasd:Connection>VM Network</rasd:Connection>
        <rasd:Description>VmxNet3 ethernet adapter on "VM Network"</rasd:Description>
        <rasd:ElementName>Network adapter 1</rasd:ElementName>
        <rasd:InstanceID>5</rasd:InstanceID>
        <rasd:ResourceSubType>VmxNet3</rasd:ResourceSubType>
        <rasd:ResourceType>10</rasd:ResourceType>
      </Item>
    </VirtualHardwareSection>
  </VirtualSystem>
</Envelope>
`, xmlText(s.DiskName), diskSize, diskCapacity, xmlText(s.Base), xmlText(s.Product),
		xmlText(s.Annotation), xmlText(s.Product), xmlText(s.Vendor), xmlText(s.Base))
}
