package limits

const (
	// MaxConfigurationsJudged caps how many deployment options the
	// conformance checks evaluate the effective hardware of. Real
	// descriptors have a handful (VCSA has about twenty); a hostile one with
	// 100,000 options and 100,000 Items would otherwise cost 10^10 steps.
	MaxConfigurationsJudged = 256

	// MaxValueMapEntries caps the entries of a ValueMap qualifier that are
	// read. Real ValueMaps list a few dozen choices (time zones run to a
	// few hundred); the cap keeps a megabyte qualifier from becoming a
	// megabyte map.
	MaxValueMapEntries = 4096
)
