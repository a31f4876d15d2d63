package digest

import "slices"

// Set is the digests of one byte range, lower-case hex by algorithm.
type Set map[Algorithm]string

// Strings returns the set keyed by the algorithms' lower-case names, the
// form of the report's JSON and of the RangeDigester API; nil for an
// empty set.
func (s Set) Strings() map[string]string {
	if len(s) == 0 {
		return nil
	}
	out := make(map[string]string, len(s))
	for a, d := range s {
		out[a.String()] = d
	}
	return out
}

// FromStrings reads digests keyed by algorithm names (Parse); entries
// under a name that is not an algorithm are dropped.
func FromStrings(m map[string]string) Set {
	out := make(Set, len(m))
	for name, d := range m {
		if a, ok := Parse(name); ok {
			out[a] = d
		}
	}
	return out
}

// Names returns the lower-case names of algs, in order.
func Names(algs []Algorithm) []string {
	out := make([]string, len(algs))
	for i, a := range algs {
		out[i] = a.String()
	}
	return out
}

// ParseAll parses names (Parse) and drops the ones that are not
// algorithms and repeats, keeping the order.
func ParseAll(names []string) []Algorithm {
	var out []Algorithm
	for _, n := range names {
		if a, ok := Parse(n); ok && !slices.Contains(out, a) {
			out = append(out, a)
		}
	}
	return out
}
