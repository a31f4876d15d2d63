package envelope

import "strings"

// knownDiskFormats are the ovf:format URIs real producers write (none is
// mandated by DSP0243). Compared case-insensitively.
var knownDiskFormats = map[string]string{
	"http://www.vmware.com/interfaces/specifications/vmdk.html#streamoptimized":               "VMDK stream-optimized",
	"http://www.vmware.com/specifications/vmdk.html#streamoptimized":                          "VMDK stream-optimized",
	"http://www.vmware.com/interfaces/specifications/vmdk.html#sparse":                        "VMDK sparse",
	"http://www.vmware.com/specifications/vmdk.html#sparse":                                   "VMDK sparse",
	"http://www.vmware.com/interfaces/specifications/vmdk.html#compressed":                    "VMDK compressed",
	"http://www.vmware.com/specifications/vmdk.html#compressed":                               "VMDK compressed",
	"http://www.vmware.com/interfaces/specifications/vmdk.html#monolithicflat":                "VMDK flat",
	"http://www.vmware.com/technical-resources/interfaces/vmdk_access.html#streamoptimized":   "VMDK stream-optimized",
	"http://www.vmware.com/technical-resources/interfaces/vmdk_access.html#monolithic_flat":   "VMDK flat",
	"http://www.vmware.com/technical-resources/interfaces/vmdk_access.html#monolithic_sparse": "VMDK sparse",
	"http://go.microsoft.com/fwlink/?linkid=137171":                                           "VHD",
	"http://technet.microsoft.com/en-us/library/bb676673.aspx":                                "VHD",
	"http://technet.microsoft.com/en-us/virtualserver/bb676673.aspx":                          "VHD",
	"http://www.microsoft.com/technet/virtualserver/downloads/vhdspec.mspx":                   "VHD",
	"http://www.ecma-international.org/publications/standards/ecma-119.htm":                   "ISO 9660",
	"http://www.gnome.org/~markmc/qcow-image-format.html":                                     "QCOW2",
	"http://people.gnome.org/~markmc/qcow-image-format.html":                                  "QCOW2",
	"http://www.gnome.org/~markmc/qcow-image-format-version-1.html":                           "QCOW",
}

// DiskFormatName returns a short name for a known ovf:format URI ("VMDK
// stream-optimized", "VHD", ...) and whether it is known.
func DiskFormatName(uri string) (string, bool) {
	u := strings.ToLower(strings.TrimSpace(uri))
	if name, ok := knownDiskFormats[u]; ok {
		return name, true
	}
	// Some producers append a subformat after a known page; others use
	// the VHD page with an anchor.
	if i := strings.IndexByte(u, '#'); i >= 0 {
		if name, ok := knownDiskFormats[u[:i]]; ok {
			return name, true
		}
	}
	return "", false
}
