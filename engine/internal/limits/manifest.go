package limits

const (
	// MaxManifestLine caps the length of one manifest line that is parsed
	// as an entry. An entry is an algorithm name, a file name of at most
	// MaxNameLength bytes, punctuation and at most 128 hex digits, so a
	// longer line cannot be a valid entry and is reported without being
	// taken apart.
	MaxManifestLine = MaxNameLength + 256

	// MaxQuotedLine caps how much of a manifest line a finding quotes.
	// Real entries are under 200 bytes; a hostile line of megabytes would
	// otherwise be copied into every report and page that shows it.
	MaxQuotedLine = 240
)
