package limits

// The descriptor caps below bound what one descriptor can cost: the parser
// keeps about 64 bytes per attribute and 150 per element whatever their
// size, so counts are capped, and everything else it keeps is text and
// values that are at most a few times the descriptor's own bytes. Together
// they hold the parse of a descriptor to at most 8 times its size plus a
// constant of tens of MiB (engine/envelope memory_test.go measures it).
// The largest real descriptors in the corpus (vCenter and VCF appliances)
// have about 3,300 elements and 900 attributes; a VMware test descriptor
// has a 4 MB annotation. Each cap is far beyond those, and each gives an
// ENV012 finding when hit.
const (
	// MaxXMLDepth caps element nesting in the descriptor. The deepest
	// legitimate nesting (collections of collections of systems with
	// vendor sections) is under 20; a billion-laughs style document of
	// nested elements stops here.
	MaxXMLDepth = 64

	// MaxXMLElements caps the elements in the descriptor, 30 times the
	// largest real one: each costs about 150 bytes in the tree and more in
	// the model, so 100,000 short elements (a 1 MB document) would
	// otherwise cost 30 times their size.
	MaxXMLElements = 100000

	// MaxXMLAttributes caps the attributes in the whole descriptor, 200
	// times the largest real one. They are counted before parsing (as the
	// '=' signs inside tags, an upper bound), because encoding/xml holds
	// every attribute of a start tag in memory at once: a million short
	// attributes in one tag would cost about 15 times their bytes.
	MaxXMLAttributes = 200000

	// MaxXMLText caps the character data of one element (an annotation, a
	// licence, a property description); what follows is not kept. The
	// longest real text seen is a VMware test annotation of 4 MB (govmomi
	// ovf/fixtures/external/UnOS2-big.ovf); licences are tens of KB.
	MaxXMLText = 8 << 20

	// MaxQuotedValue caps how much of a value from the descriptor (an href,
	// an id, a unit string) a finding quotes, so that a hostile attribute of
	// megabytes is not copied into every report and page that shows it.
	MaxQuotedValue = 200

	// MaxFindingsPerDescriptor caps the findings envelope.Parse and
	// conformance.Check each return for one descriptor; the rest are summarised in one finding.
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
