package disk

import (
	"strings"

	"github.com/ovacheck/ovacheck/engine/report"
	"github.com/ovacheck/ovacheck/engine/rules"
)

// DescriptorDisk is what the descriptor says about one disk: its Disk
// element and the File it references.
type DescriptorDisk struct {
	// ID is the Disk's ovf:diskId.
	ID string
	// CapacityBytes is ovf:capacity with ovf:capacityAllocationUnits
	// applied, or 0 when unknown (e.g. a ${property} reference).
	CapacityBytes int64
	// Format is the ovf:format URI, or "".
	Format string
	// PopulatedSize is ovf:populatedSize in bytes, or 0 when absent.
	PopulatedSize int64
	// FileSize is the stored size of the File (the member's size), or 0.
	FileSize int64
	// DescriptorMember, Line and Column locate the Disk element.
	DescriptorMember string
	Line, Column     int
}

func (d DescriptorDisk) pos() report.Location {
	return report.At(d.DescriptorMember, d.Line, d.Column)
}

// CheckAgainst holds a probed image (of member) against its Disk element:
// the virtual size against ovf:capacity, the bytes' format against
// ovf:format, and ovf:populatedSize against the image. Findings about the
// bytes name member; findings about an attribute name the Disk element and
// relate member.
func CheckAgainst(img *report.DiskImage, d DescriptorDisk, member string) []report.Finding {
	if img == nil {
		return nil
	}
	var out []report.Finding
	if f, ok := checkCapacity(img, d, member); ok {
		out = append(out, f)
	}
	if f, ok := checkFormatURI(img, d, member); ok {
		out = append(out, f)
	}
	if f, ok := checkPopulated(img, d, member); ok {
		out = append(out, f)
	}
	return out
}

// checkCapacity compares the image's virtual size with the capacity. An
// image may be up to one sector larger than an odd capacity: qemu-img and
// VMware round a capacity up to whole sectors.
func checkCapacity(img *report.DiskImage, d DescriptorDisk, member string) (report.Finding, bool) {
	v, c := img.VirtualSize, d.CapacityBytes
	if v <= 0 || c <= 0 || v == c || (v > c && v == roundSector(c)) {
		return report.Finding{}, false
	}
	if v > c {
		f := rules.DskImageLarger.New(report.InMember(member),
			"%s image holds %d bytes (%s) but Disk %q has ovf:capacity of %d bytes (%s): a consumer that creates the disk at the capacity cuts off the rest",
			img.Format, v, human(v), d.ID, c, human(c)).WithRelated(d.pos())
		if d.FileSize > 0 && c == d.FileSize {
			return f.WithHint("The capacity equals the size of the file: the producer wrote the file size where the disk's capacity belongs (Oracle OLVM exports did this). Set ovf:capacity to the image's virtual size."), true
		}
		return f.WithHint("Set ovf:capacity to the image's virtual size (qemu-img info shows it), or check that the disk is the one the descriptor was written for."), true
	}
	return rules.DskImageSmaller.New(report.InMember(member),
		"%s image holds %d bytes (%s) but Disk %q has ovf:capacity of %d bytes (%s): consumers create the larger disk and the guest sees space its image never had",
		img.Format, v, human(v), d.ID, c, human(c)).WithRelated(d.pos()).
		WithHint("Make ovf:capacity equal to the image's virtual size, unless the guest is meant to grow into the extra space."), true
}

// expectation is what a format URI says the bytes are.
type expectation struct {
	format    string
	subformat string // "" accepts any subformat
	name      string
}

// formatURIs maps the ovf:format URIs seen in real packages (ovf-rules §8.1)
// to the format of the bytes. Keys are lower-case.
var formatURIs = map[string]expectation{
	"http://www.vmware.com/interfaces/specifications/vmdk.html#streamoptimized":               {FormatVMDK, SubformatStream, "stream-optimized VMDK"},
	"http://www.vmware.com/specifications/vmdk.html#streamoptimized":                          {FormatVMDK, SubformatStream, "stream-optimized VMDK"},
	"http://www.vmware.com/technical-resources/interfaces/vmdk_access.html#streamoptimized":   {FormatVMDK, SubformatStream, "stream-optimized VMDK"},
	"http://www.vmware.com/interfaces/specifications/vmdk.html#sparse":                        {FormatVMDK, "monolithicSparse", "monolithic sparse VMDK"},
	"http://www.vmware.com/specifications/vmdk.html#sparse":                                   {FormatVMDK, "monolithicSparse", "monolithic sparse VMDK"},
	"http://www.vmware.com/technical-resources/interfaces/vmdk_access.html#monolithic_sparse": {FormatVMDK, "monolithicSparse", "monolithic sparse VMDK"},
	"http://www.vmware.com/interfaces/specifications/vmdk.html#compressed":                    {FormatVMDK, SubformatStream, "compressed (stream-optimized) VMDK"},
	"http://www.vmware.com/specifications/vmdk.html#compressed":                               {FormatVMDK, SubformatStream, "compressed (stream-optimized) VMDK"},
	"http://www.vmware.com/technical-resources/interfaces/vmdk_access.html#monolithic_flat":   {FormatVMDK, "monolithicFlat", "monolithic flat VMDK"},
	"http://go.microsoft.com/fwlink/?linkid=137171":                                           {FormatVHD, "", "VHD"},
	"http://technet.microsoft.com/en-us/library/bb676673.aspx":                                {FormatVHD, "", "VHD"},
	"http://technet.microsoft.com/en-us/virtualserver/bb676673.aspx":                          {FormatVHD, "", "VHD"},
	"http://www.ecma-international.org/publications/standards/ecma-119.htm":                   {FormatISO, "", "ISO 9660 image"},
	"http://www.gnome.org/~markmc/qcow-image-format.html":                                     {FormatQCOW2, "", "QCOW2"},
	"http://people.gnome.org/~markmc/qcow-image-format.html":                                  {FormatQCOW2, "", "QCOW2"},
	"https://people.gnome.org/~markmc/qcow-image-format.html":                                 {FormatQCOW2, "", "QCOW2"},
}

// lookupFormatURI finds the expectation for a URI, ignoring case and any
// fragment variant of the VHD spec page.
func lookupFormatURI(uri string) (expectation, bool) {
	u := strings.ToLower(strings.TrimSpace(uri))
	if e, ok := formatURIs[u]; ok {
		return e, true
	}
	if base, _, cut := strings.Cut(u, "#"); cut && strings.Contains(base, "bb676673.aspx") {
		return formatURIs["http://technet.microsoft.com/en-us/library/bb676673.aspx"], true
	}
	return expectation{}, false
}

// checkFormatURI reports an ovf:format that names another format than the
// bytes are in. Unknown URIs are left to the descriptor rules.
func checkFormatURI(img *report.DiskImage, d DescriptorDisk, member string) (report.Finding, bool) {
	want, ok := lookupFormatURI(d.Format)
	if !ok || img.Format == "" {
		return report.Finding{}, false
	}
	if img.Format == want.format && (want.subformat == "" || img.Subformat == want.subformat) {
		return report.Finding{}, false
	}
	got := img.Format
	if img.Subformat != "" {
		got += " (" + img.Subformat + ")"
	}
	f := rules.DskFormatMismatch.New(d.pos(),
		"Disk %q has ovf:format %q, a %s, but %s is %s", d.ID, d.Format, want.name, member, got).
		WithRelated(report.InMember(member))
	switch {
	case want.subformat == SubformatStream && img.Format == FormatVMDK:
		return f.WithHint("vSphere and ovftool import only stream-optimized VMDKs from an OVF; convert the disk (ovftool, vmdk-convert, or qemu-img convert -O vmdk -o subformat=streamOptimized) and regenerate the manifest."), true
	case want.subformat == "monolithicSparse" && img.Subformat == SubformatStream:
		return f.WithHint("Set ovf:format to http://www.vmware.com/interfaces/specifications/vmdk.html#streamOptimized."), true
	}
	return f.WithHint("Make ovf:format name the format the file is in, or convert the file to the format named."), true
}

// checkPopulated judges ovf:populatedSize against the image: it may be an
// estimate, but not more than the image can hold, and not far from what the
// image has allocated when that is known.
func checkPopulated(img *report.DiskImage, d DescriptorDisk, member string) (report.Finding, bool) {
	p := d.PopulatedSize
	// More than the capacity is DSK011's, a descriptor rule.
	if p <= 0 || (d.CapacityBytes > 0 && p > d.CapacityBytes) {
		return report.Finding{}, false
	}
	if img.VirtualSize > 0 && p > roundSector(img.VirtualSize)+1<<20 {
		return rules.DskPopulatedSize.New(d.pos(),
			"Disk %q has ovf:populatedSize %d (%s), more than the %s bytes the image in %s can hold", d.ID, p, human(p), human(img.VirtualSize), member).
			WithRelated(report.InMember(member)).
			WithHint("Set ovf:populatedSize to the bytes the guest has written (the image's allocated size), or remove it."), true
	}
	a := img.AllocatedSize
	if a > 0 && a != img.VirtualSize && (p > 4*a+1<<20 || 4*p+1<<20 < a) {
		return rules.DskPopulatedSize.New(d.pos(),
			"Disk %q has ovf:populatedSize %d (%s) but the image in %s has %d bytes (%s) allocated", d.ID, p, human(p), member, a, human(a)).
			WithRelated(report.InMember(member)).
			WithHint("Consumers use ovf:populatedSize to reserve space; set it to the image's allocated size."), true
	}
	return report.Finding{}, false
}

// human renders a byte count in binary units, e.g. "2.0 GiB".
func human(n int64) string {
	const unit = 1024
	if n < unit {
		return itoa(n) + " B"
	}
	div, exp := int64(unit), 0
	for m := n / unit; m >= unit && exp < 5; m /= unit {
		div *= unit
		exp++
	}
	whole := n / div
	tenth := (n % div) * 10 / div
	return itoa(whole) + "." + itoa(tenth) + " " + string("KMGTPE"[exp]) + "iB"
}
