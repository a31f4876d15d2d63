package httprange

import "testing"

// FuzzContentRange holds the parser of a server's Content-Range header to
// what the fetcher relies on: a range it accepts starts at 0 or later, ends
// at or after its start, and lies within the total when one is given.
func FuzzContentRange(f *testing.F) {
	for _, s := range []string{"bytes 0-99/100", "bytes */100", "bytes 0-99/*", "bytes 5-4/10", "bytes +1-2/3", "bytes 0-99/50", "items 0-1/2", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		start, end, total, err := parseContentRange(s)
		if err != nil || start == -1 {
			return
		}
		if start < 0 || end < start || (total >= 0 && end >= total) {
			t.Fatalf("%q accepted as %d-%d/%d", s, start, end, total)
		}
	})
}
