package limits

// Caps for policy documents (package policy), which reach the engine from
// users and, through the Worker API, from anyone.
const (
	// MaxPolicySize caps a policy document's bytes. The schema allows at
	// most 500 rule settings and 100 pinned fingerprints; a document that
	// uses all of them with long selector lists is about 40 KiB, and real
	// policies are a few hundred bytes.
	MaxPolicySize = 64 << 10
)
