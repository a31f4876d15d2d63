package conformance

// maxOSType is the highest CIM_OperatingSystem.OsType value defined up to
// CIM 2.52: 0 to 102 come from CIM 2.17.1 (the XenAdmin copy of the value
// map) and 103 to 120 (Windows Server 2008 R2 to Windows 10 64-bit, VMware
// ESXi, CentOS, Oracle Linux) from VirtualBox's ovfreader.h. The map is
// contiguous, so every value from 0 to maxOSType is defined.
const maxOSType = 120

// osTypes reports the defined values; a map so that callers read naturally.
var osTypes = func() map[int]bool {
	m := make(map[int]bool, maxOSType+1)
	for i := 0; i <= maxOSType; i++ {
		m[i] = true
	}
	return m
}()
