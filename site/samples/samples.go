// Package samples builds the small OVA packages the validator page offers
// as built-in samples and the browser tests check: a sound package, a
// damaged one (one disk byte flipped after the manifest was written) and
// variants that carry hostile text. They are made with the project's own
// builder, engine/ovatest, at build time; none is committed.
package samples

import (
	"archive/tar"
	"fmt"
	"slices"
	"strings"

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
	a := ovatest.Appliance{
		Name: s.Base, Product: s.Product, Vendor: s.Vendor, Annotation: s.Annotation,
		DiskNames:    []string{s.DiskName},
		DiskCapacity: diskCapacity,
		Disks:        [][]byte{ovatest.StreamOptimizedVMDK(diskCapacity, diskContent())},
		Algorithm:    strings.ToLower(s.Algorithm),
	}
	members := a.Members()
	if s.Signer != nil {
		members = a.Signed(s.Signer, "SHA256")
	}
	if s.FlipDiskByte {
		// One bit inside the first grain's compressed data: the image
		// still looks well-formed, only its digest tells.
		disk := &members[len(members)-1]
		disk.Data = slices.Clone(disk.Data)
		disk.Data[firstGrainData+8] ^= 0x01
	}
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
