package settings

// The keys every front end maps its input onto. The command line's flags
// carry these names (--target and --trust are the flags of targets and
// trust-roots, and the command line reads the files --trust and --policy
// name); the widget's attributes too; the API's query parameters are a
// subset (APIKeys); the page maps its fields in wasm/browser.
const (
	KeyProfile        = "profile"         // compat | strict (default compat)
	KeyTargets        = "targets"         // comma-separated target names, repeatable
	KeySHA256         = "sha256"          // the whole file's published SHA-256, 64 hex digits
	KeySHA512         = "sha512"          // the whole file's published SHA-512, 128 hex digits
	KeyWholeFile      = "whole-file"      // bool: hash the whole file even without a published digest
	KeySignerSHA256   = "signer-sha256"   // the signer certificate's SHA-256 fingerprint
	KeyTrustRoots     = "trust-roots"     // PEM text of root certificates
	KeyPolicy         = "policy"          // policy JSON text
	KeyAt             = "at"              // RFC 3339 or YYYY-MM-DD
	KeyDeep           = "deep"            // bool
	KeyDescriptorOnly = "descriptor-only" // bool
	KeyStructureOnly  = "structure-only"  // bool
	KeyFailOn         = "fail-on"         // error | warning (default error)
)

// AllKeys are every key Parse knows, in the order of the table.
var AllKeys = []string{KeyProfile, KeyTargets, KeySHA256, KeySHA512, KeyWholeFile, KeySignerSHA256,
	KeyTrustRoots, KeyPolicy, KeyAt, KeyDeep, KeyDescriptorOnly, KeyStructureOnly, KeyFailOn}

// aliases are other spellings of a key: the command line's --target and
// --trust, and the singular a user types as often as the plural.
var aliases = map[string]string{"target": KeyTargets, "trust": KeyTrustRoots}

// APIKeys are the keys POST /api/v1/validate takes as query parameters
// (the policy may also come as a multipart part or a header). Trust roots
// are PEM text, too long for a query; descriptor-only and structure-only
// are decided by what is sent.
var APIKeys = []string{KeyProfile, KeyTargets, KeySHA256, KeySHA512, KeySignerSHA256, KeyPolicy,
	KeyAt, KeyDeep, KeyFailOn}

// APIURLKeys are the keys POST /api/v1/validate-url takes: it reads the
// structure only, so nothing that needs every byte.
var APIURLKeys = []string{KeyProfile, KeyTargets, KeySignerSHA256, KeyAt, KeyFailOn}

// digestAlgorithms are the whole-file digests a user may give, with the
// length of each in hex digits.
var digestAlgorithms = []string{KeySHA256, KeySHA512}

var hexDigits = map[string]int{KeySHA256: 64, KeySHA512: 128}

// profiles and failOns are the values of profile and fail-on.
var (
	profiles = []string{"compat", "strict"}
	failOns  = []string{"error", "warning"}
)

// conflicts are pairs of options that cannot both hold, with why.
var conflicts = []struct {
	a, b string
	why  string
}{
	{KeyDescriptorOnly, KeyStructureOnly, "descriptor-only checks a descriptor alone, so there is no archive for structure-only to stop reading"},
	{KeyDescriptorOnly, KeyDeep, "descriptor-only reads no disk, so there is nothing for deep to inflate"},
	{KeyStructureOnly, KeyDeep, "structure-only stops before any disk is read, and deep inflates every disk"},
	{KeyStructureOnly, KeySHA256, "structure-only skips the bytes a whole-file SHA-256 needs"},
	{KeyStructureOnly, KeySHA512, "structure-only skips the bytes a whole-file SHA-512 needs"},
	{KeyStructureOnly, KeyWholeFile, "structure-only skips the bytes a whole-file digest needs"},
}
