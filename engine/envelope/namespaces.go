package envelope

import "strings"

// Namespace URIs of the OVF envelope and of the CIM settings-data classes
// its hardware items are written in (DSP0243 Table 1, DSP8023 headers).
const (
	NSEnvelope09 = "http://www.vmware.com/schema/ovf/1/envelope"
	NSEnvelope1  = "http://schemas.dmtf.org/ovf/envelope/1"
	NSEnvelope2  = "http://schemas.dmtf.org/ovf/envelope/2"

	NSRASD  = "http://schemas.dmtf.org/wbem/wscim/1/cim-schema/2/CIM_ResourceAllocationSettingData"
	NSVSSD  = "http://schemas.dmtf.org/wbem/wscim/1/cim-schema/2/CIM_VirtualSystemSettingData"
	NSSASD  = "http://schemas.dmtf.org/wbem/wscim/1/cim-schema/2/CIM_StorageAllocationSettingData"
	NSEPASD = "http://schemas.dmtf.org/wbem/wscim/1/cim-schema/2/CIM_EthernetPortAllocationSettingData"

	// NSVMware is VMware's extension namespace (vmw:osType, vmw:Config).
	NSVMware = "http://www.vmware.com/schema/ovf"

	nsXSI = "http://www.w3.org/2001/XMLSchema-instance"
	nsXML = "http://www.w3.org/XML/1998/namespace"
)

// Version names the OVF generation a descriptor is written in.
const (
	Version09      = "0.9"
	Version1       = "1.x"
	Version2       = "2.x"
	VersionUnknown = "unknown"
)

// versionOf maps the document element's namespace URI to an OVF version.
// trailingSlash reports that the URI only matched after removing one
// trailing "/" (a spelling some generators use that no schema declares).
func versionOf(ns string) (version string, trailingSlash bool) {
	switch ns {
	case NSEnvelope09:
		return Version09, false
	case NSEnvelope1:
		return Version1, false
	case NSEnvelope2:
		return Version2, false
	}
	if trimmed, ok := strings.CutSuffix(ns, "/"); ok {
		if v, _ := versionOf(trimmed); v != VersionUnknown {
			return v, true
		}
	}
	return VersionUnknown, false
}

// isEnvelopeNS reports whether ns is one of the OVF envelope namespaces,
// with or without a trailing slash.
func isEnvelopeNS(ns string) bool {
	v, _ := versionOf(ns)
	return v != VersionUnknown
}

// itemNamespaces maps an item element's local name to the CIM namespace its
// children should be in, and the VirtualBox ".xsd"-suffixed spelling seen in
// VirtualBox 2.0 exports and the tools that copied them.
var itemNamespaces = map[string]string{
	"Item":             NSRASD,
	"StorageItem":      NSSASD,
	"EthernetPortItem": NSEPASD,
}

// isSettingsNS reports whether ns is a CIM settings-data namespace an item's
// children may use, and whether it is the non-standard ".xsd" spelling.
func isSettingsNS(ns string) (ok, xsdSuffix bool) {
	switch ns {
	case NSRASD, NSSASD, NSEPASD:
		return true, false
	case NSSASD + ".xsd", NSEPASD + ".xsd", NSRASD + ".xsd":
		return true, true
	}
	return false, false
}

// undeclaredPrefix reports whether a resolved namespace is really a prefix
// encoding/xml could not resolve: it leaves the prefix itself in Space, and
// a namespace name is a URI, which always has a colon.
func undeclaredPrefix(space string) bool {
	return space != "" && !strings.Contains(space, ":")
}
