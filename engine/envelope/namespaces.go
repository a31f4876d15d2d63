package envelope

import (
	"encoding/xml"
	"strings"
)

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

// settingsClasses are the CIM classes whose properties an Item's children
// are: RASD for Item, SASD for StorageItem, EPASD for EthernetPortItem.
var settingsClasses = []string{
	"CIM_ResourceAllocationSettingData",
	"CIM_StorageAllocationSettingData",
	"CIM_EthernetPortAllocationSettingData",
}

// isSettingsNS reports whether ns is a CIM settings-data namespace an item's
// children may use, and whether it is a non-standard spelling: the ".xsd"
// suffix VirtualBox 2.0 exports (and the tools that copied them) write, or
// any other URI whose last segment names one of the classes (DSP0243 2.1.1's
// own example has a typo in the middle of the URI).
func isSettingsNS(ns string) (ok, nonStandard bool) {
	switch ns {
	case NSRASD, NSSASD, NSEPASD:
		return true, false
	}
	last := strings.TrimSuffix(ns[strings.LastIndexByte(ns, '/')+1:], ".xsd")
	for _, class := range settingsClasses {
		if last == class {
			return true, true
		}
	}
	return false, false
}

// undeclaredPrefix reports whether a resolved namespace is really a prefix
// encoding/xml could not resolve: it leaves the prefix itself in Space, and
// a namespace name is a URI, which always has a colon.
func undeclaredPrefix(space string) bool {
	return space != "" && !strings.Contains(space, ":")
}

// optionalContext reports whether an element opened at depth (0 is the
// Envelope) is a place where an undeclared prefix leaves the rest of the
// descriptor readable to consumers that skip what they do not need
// (issue 11 item 7): a Strings bundle directly in the Envelope, or an
// element outside the OVF namespace marked ovf:required="false".
func optionalContext(t xml.StartElement, depth int) bool {
	if depth == 1 && t.Name.Local == "Strings" {
		return true
	}
	if depth == 0 || isEnvelopeNS(t.Name.Space) {
		return false
	}
	for _, a := range t.Attr {
		if a.Name.Local == "required" && isEnvelopeNS(a.Name.Space) {
			v := strings.TrimSpace(a.Value)
			return v == "false" || v == "0"
		}
	}
	return false
}
