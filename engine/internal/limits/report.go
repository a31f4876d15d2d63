package limits

// Caps on what a report repeats from the package. The package itself may be
// as large as the other limits allow (a 32 MiB annotation, 200,000 Disks);
// the report quotes it only up to these sizes and records each cut in the
// report's "cuts" (what was kept and the full size), so a JSON, HTML or
// text report stays around a megabyte whatever the package holds. The sizes
// below are measured on the 561 descriptors of the reference corpus
// (/work/shared/corpus: vendors' appliances, govmomi's, COT's, VirtualBox's
// and the other consumers' fixtures).
const (
	// MaxReportLicence caps one EULA's text. The longest real licence is
	// 94,599 bytes (the EulaSection of VMware's vCenter Server Appliance
	// 9.1 descriptor; VMware's Operations 9.1 appliances carry 93,700), so
	// 256 KiB leaves room for a longer one.
	MaxReportLicence = 256 << 10

	// MaxReportText caps an annotation or a description (of a property or
	// a network). Real ones stay under 1 KiB (the longest property
	// description is 830 bytes, in vCenter 6.5's descriptor; the longest
	// annotation 647 bytes, except govmomi's synthetic "UnOS2-big" test
	// descriptor, built with a 4 MB annotation to be big).
	MaxReportText = 16 << 10

	// MaxReportValue caps a property's default value. The longest real one
	// is 21,567 bytes (a base64 value in the Photon/Kubernetes OVA of
	// govmomi's wcp-third-party fixtures).
	MaxReportValue = 64 << 10

	// MaxReportName caps one-line fields: ids, names, keys, labels, types,
	// product, vendor and version strings, hrefs, formats, the OS
	// description, system types and NIC fields. Real ones are under 130
	// bytes (the longest is a 129-byte FullVersion in COT's iosv.ovf).
	MaxReportName = 1 << 10

	// MaxReportListItems caps each list of the package summary: virtual
	// systems, disks, networks, licences, products, the properties of one
	// product, deployment options, and a system's disks, NICs and system
	// types. The longest real lists are 82 properties (vCenter 9.1) and 32
	// Disks (vCenter 9.1).
	MaxReportListItems = 1000

	// MaxReportSummaryBytes caps the package summary as a whole, counted as
	// its JSON encoding would be (escapes included): once the next item of
	// a list would go past it, that list stops there. vCenter 9.1's summary,
	// the largest real one, is about 130 KB.
	MaxReportSummaryBytes = 1 << 20

	// MaxReportFiles caps the rows of the file table. A 2 TB disk in 1 GB
	// chunks has about 2,000 members; the table also lists the files a
	// manifest names that the package lacks, and a 4 MiB manifest names
	// tens of thousands.
	MaxReportFiles = 5000

	// MaxReportFileTableBytes caps the file table as its JSON encoding would
	// be: a row is about 200 bytes with one digest and 450 with SHA-512 and
	// a disk probe, so 2,000 chunks fit.
	MaxReportFileTableBytes = 1 << 20

	// MaxReportFindings caps the findings of a report, beyond the cap per
	// rule (MaxFindingsPerRule): when the rules that fired would together
	// keep more, each keeps fewer, down to MinFindingsPerRule, and the rest
	// of each is summarised in one note. A real package has tens of
	// findings; 302 rules with 200 each would be 60,000, tens of megabytes.
	MaxReportFindings = 2000

	// MinFindingsPerRule is what each rule that fired keeps however many
	// rules fired, so every problem stays in the report with examples.
	MinFindingsPerRule = 5

	// MaxReportProtects caps the members a signature is listed as
	// protecting (one per manifest entry).
	MaxReportProtects = MaxReportFiles
)
