package pkgname

// Match says how a name was found in an Index.
type Match int

const (
	// None: no member has the name.
	None Match = iota
	// Exact: a member has the name as written or as its path (Href).
	Exact
	// Loose: a member lands at the same path once extracted (Extracted),
	// but its name differs, e.g. the member "./x" for the href "x".
	Loose
)

// Index finds members by name. The first member with a name wins, as the
// duplicate rules report the others.
type Index struct {
	exact map[string]int
	loose map[string]int
}

// NewIndex indexes member names; Find returns positions in names.
func NewIndex(names []string) *Index {
	ix := &Index{}
	for i, n := range names {
		ix.Add(n, i)
	}
	return ix
}

// Add indexes one more member name at position i, unless a member of that
// name (or, for loose matches, of that extracted path) is indexed already.
func (ix *Index) Add(name string, i int) {
	if ix.exact == nil {
		ix.exact, ix.loose = map[string]int{}, map[string]int{}
	}
	if _, dup := ix.exact[name]; !dup {
		ix.exact[name] = i
	}
	key := Extracted(name)
	if _, dup := ix.loose[key]; !dup {
		ix.loose[key] = i
	}
}

// Has reports whether a member is called exactly name (no href rules).
func (ix *Index) Has(name string) (int, bool) {
	i, ok := ix.exact[name]
	return i, ok
}

// Find returns the position of the member an href (or a manifest entry)
// names, and how it matched: Exact for the name as written or its Href
// path, else Loose for a member whose Extracted name is one of the href's
// HrefPaths; -1 and None when no member matches.
func (ix *Index) Find(href string) (int, Match) {
	if i, ok := ix.exact[href]; ok {
		return i, Exact
	}
	if i, ok := ix.exact[Href(href)]; ok {
		return i, Exact
	}
	for _, p := range HrefPaths(href) {
		if i, ok := ix.loose[p]; ok {
			return i, Loose
		}
	}
	return -1, None
}
