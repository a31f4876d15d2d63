package limits

const (
	// MaxXMLAttributes caps the attributes in the whole descriptor, counted
	// before parsing as the number of '=' bytes (an upper bound). encoding/xml
	// holds every attribute of a start tag in memory at once, so a 32 MiB
	// tag of short attributes would cost about ten times its size; real
	// descriptors with hundreds of properties have a few tens of thousands.
	MaxXMLAttributes = 1 << 20

	// MaxQuotedValue caps how much of a value from the descriptor (an href,
	// an id, a unit string) a finding quotes, so that a hostile attribute of
	// megabytes is not copied into every report and page that shows it.
	MaxQuotedValue = 200

	// MaxFindingsPerDescriptor caps the findings Parse and CrossCheck
	// return for one descriptor; the rest are summarised in one finding.
	// A descriptor with 200,000 Items each breaking three rules would
	// otherwise produce a report of hundreds of megabytes.
	MaxFindingsPerDescriptor = 2000

	// MaxItemVariants caps how many Items sharing one InstanceID each new
	// Item is compared with. Real descriptors have one variant per
	// deployment option (a handful); without a cap, 200,000 Items with one
	// InstanceID and distinct ovf:configuration values would take 10^10
	// comparisons.
	MaxItemVariants = 64
)
