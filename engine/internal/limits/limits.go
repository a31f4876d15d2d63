// Package limits holds every cap ovacheck puts on untrusted input, each with
// its reason. A package that exceeds a cap gets a finding, never a crash, a
// hang or unbounded memory.
package limits

const (
	// MaxDescriptorSize caps the .ovf read into memory. The largest real
	// descriptors seen (VCF appliances with hundreds of properties) are
	// under 2 MiB; vCenter refuses descriptors over 100 MiB... we stop far
	// earlier because the descriptor is parsed in a browser tab.
	MaxDescriptorSize = 32 << 20

	// MaxManifestSize caps the .mf read into memory: a line is under 200
	// bytes, so this allows tens of thousands of entries.
	MaxManifestSize = 4 << 20

	// MaxCertificateSize caps the .cert read into memory. ovftool pads its
	// certificate files to exactly 102,400 bytes; a chain of several PEM
	// certificates stays well under 1 MiB.
	MaxCertificateSize = 1 << 20

	// MaxMembers caps the number of tar members indexed. Real packages
	// have a handful; a chunked 2 TB disk in 1 GB chunks has about 2,000.
	MaxMembers = 10000

	// MaxNameLength caps a member name (PAX and GNU long names can be
	// arbitrarily long). PATH_MAX on Linux is 4096.
	MaxNameLength = 4096

	// MaxPAXHeaderSize caps a PAX extended header record block; this
	// matches archive/tar's own limit for special files.
	MaxPAXHeaderSize = 1 << 20

	// MaxFindingsPerRule caps repeated findings of one rule; the rest are
	// summarised in one finding, so a hostile package cannot produce a
	// report of unbounded size.
	MaxFindingsPerRule = 200
)
