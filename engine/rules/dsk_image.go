package rules

import "github.com/ovacheck/ovacheck/engine/report"

// Rules about what disk images say about themselves and how that agrees
// with the descriptor (DSK020-DSK069). Raised by package disk.
var (
	DskHeaderMalformed = register(Rule{ID: "DSK020", Title: "disk image header is malformed",
		Severity: report.Error})
	DskTruncated = register(Rule{ID: "DSK021", Title: "disk image is shorter than its own headers say",
		Severity: report.Error})
	DskVHDChecksum = register(Rule{ID: "DSK022", Title: "checksum of a VHD footer does not match",
		Severity: report.Error})
	DskExternalFile = register(Rule{ID: "DSK023", Title: "disk image depends on a file outside the package",
		Severity: report.Error, Spec: "DSP0243 1.1.0 9.1"})
	DskEncrypted = register(Rule{ID: "DSK024", Title: "disk image is encrypted",
		Severity: report.Error})
	DskStreamVersion = register(Rule{ID: "DSK025", Title: "stream-optimized VMDK header version is not 3",
		Severity: report.Error})
	DskStreamFlags = register(Rule{ID: "DSK026", Title: "stream-optimized VMDK lacks compressed grains, markers or deflate",
		Severity: report.Error})
	DskStreamGeometry = register(Rule{ID: "DSK027", Title: "stream-optimized VMDK grain size or grain table size is unusual",
		Severity: report.Warning})
	DskStreamNoFooter = register(Rule{ID: "DSK028", Title: "stream-optimized VMDK has the layout qemu-img writes: grain directory at the start, no footer",
		Severity: report.Info})
	DskStreamNoEOS = register(Rule{ID: "DSK029", Title: "stream-optimized VMDK promises a footer but does not end with one",
		Severity: report.Error})
	DskStreamMarkers = register(Rule{ID: "DSK030", Title: "stream-optimized VMDK marker is invalid",
		Severity: report.Error})
	DskGrainDirectory = register(Rule{ID: "DSK031", Title: "grain directory or table points outside the image",
		Severity: report.Error})
	DskCorruptGrain = register(Rule{ID: "DSK032", Title: "compressed grain does not inflate",
		Severity: report.Error})
	DskGrainBeyondCapacity = register(Rule{ID: "DSK033", Title: "grain lies beyond the disk's capacity",
		Severity: report.Error})
	DskDataAfterEOS = register(Rule{ID: "DSK034", Title: "data after the end-of-stream marker",
		Severity: report.Warning})
	DskGzipIncomplete = register(Rule{ID: "DSK035", Title: "gzip member is damaged or incomplete",
		Severity: report.Error, Spec: "DSP0243 1.1.0 7.1"})
	DskGzipUndeclared = register(Rule{ID: "DSK036", Title: "disk member is gzip-compressed but its File does not say so",
		Severity: report.Error, Spec: "DSP0243 1.1.0 7.1"})
	DskGzipNotGzip = register(Rule{ID: "DSK037", Title: "gzip compression declared but the member is not gzip",
		Severity: report.Error, Spec: "DSP0243 1.1.0 7.1"})
	DskImageLarger = register(Rule{ID: "DSK038", Title: "disk image is larger than the Disk's capacity",
		Severity: report.Error, Spec: "DSP0243 1.1.0 9.1"})
	DskImageSmaller = register(Rule{ID: "DSK039", Title: "disk image is smaller than the Disk's capacity",
		Severity: report.Warning, Spec: "DSP0243 1.1.0 9.1"})
	DskFormatMismatch = register(Rule{ID: "DSK040", Title: "ovf:format does not name the format the image is in",
		Severity: report.Error, Spec: "DSP0243 1.1.0 9.1"})
	DskPopulatedSize = register(Rule{ID: "DSK041", Title: "ovf:populatedSize does not fit the image",
		Severity: report.Warning, Spec: "DSP0243 1.1.0 9.1"})
	DskRawSize = register(Rule{ID: "DSK042", Title: "raw disk image size is not a multiple of 512",
		Severity: report.Warning})
	DskUnclean = register(Rule{ID: "DSK043", Title: "disk image was not closed cleanly",
		Severity: report.Warning})
	DskDeepStopped = register(Rule{ID: "DSK044", Title: "deep disk check stopped at a limit",
		Severity: report.Info})
)
