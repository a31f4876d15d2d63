package limits

const (
	// MaxTarHeaders caps the header blocks the tar index reads, counting
	// the extended headers (PAX, GNU long names) and GNU sparse extension
	// blocks that belong to members as well as the members' own headers. A
	// real package needs at most three blocks per member; without this cap
	// a file of nothing but chained extended headers would be walked to
	// its end one block at a time.
	MaxTarHeaders = 4 * MaxMembers

	// MaxTrailerScan caps how many bytes after the end-of-archive blocks
	// are read to look for non-zero data. tar pads archives to its record
	// size (10,240 bytes by default, rarely more than 1 MiB with a large
	// blocking factor); beyond that the remaining length is reported
	// without reading it, so a package with gigabytes appended is not read
	// twice.
	MaxTrailerScan = 1 << 20
)
