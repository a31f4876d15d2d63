package limits

// Caps for the disk image probes (package disk). A probe reads headers,
// footers and metadata only; these caps keep what it reads small whatever
// the image claims about itself.
const (
	// MaxDiskProbeRead caps the bytes one default (non-deep) probe reads
	// from a member. The largest legitimate read is a grain directory plus
	// a sample of grain tables; 8 MiB covers a 2 TiB stream-optimized disk's
	// whole directory and still takes milliseconds in a browser.
	MaxDiskProbeRead = 8 << 20

	// MaxVMDKDescriptorSize caps the VMDK descriptor text read, embedded or
	// stand-alone. VMware embeds 10 KiB (20 sectors); a text descriptor of a
	// 2 TB twoGbMaxExtentSparse disk has about 1,000 extent lines, well
	// under 128 KiB.
	MaxVMDKDescriptorSize = 256 << 10

	// MaxVMDKGrainBytes caps the grain size a VMDK may declare. VMware and
	// qemu-img write 64 KiB grains (128 sectors); the format allows any
	// power of two above 4 KiB, and nothing real uses more than 1 MiB. The
	// deep check holds one grain in memory, so this is its memory bound.
	MaxVMDKGrainBytes = 1 << 20

	// MaxVMDKGrainDirectoryRead caps the grain directory read by a probe:
	// 4 bytes per 32 MiB of capacity, so 1 MiB covers 8 TiB.
	MaxVMDKGrainDirectoryRead = 1 << 20

	// MaxVMDKGrainTableRead caps the grain tables a probe reads to count
	// allocated grains (2 KiB per table, 32 MiB of capacity each): 4 MiB
	// covers 64 GiB of capacity; larger disks get no allocated size.
	MaxVMDKGrainTableRead = 4 << 20

	// MaxStreamMarkersSampled is how many stream-optimized markers a
	// default probe walks from the start; the deep check walks them all.
	MaxStreamMarkersSampled = 16

	// MaxVHDBATRead caps the VHD block allocation table read (4 bytes per
	// 2 MiB block): 1 MiB covers 512 GiB.
	MaxVHDBATRead = 1 << 20

	// MaxGzipHeaderField caps a gzip FNAME or FCOMMENT field (zero
	// terminated, otherwise unbounded). Real ones are file names.
	MaxGzipHeaderField = 64 << 10

	// MaxGzipSniff caps the bytes inflated from a gzip member to learn
	// what image it holds (an ISO's volume descriptor is at 32 KiB).
	MaxGzipSniff = 64 << 10

	// MaxDeepInflatedBytes caps what the deep check inflates from one gzip
	// member. Deflate can expand 1,032 to 1, so a small member could
	// otherwise keep the check busy for hours; 1 TiB is larger than any
	// disk seen in an OVA and the check says where it stopped.
	MaxDeepInflatedBytes = 1 << 40
)
