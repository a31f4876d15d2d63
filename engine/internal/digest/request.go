package digest

import "context"

// Request asks for the digests of Size bytes at Offset of a source (the
// engine exports it as engine.DigestRequest). Member names the member, for
// progress reporting only.
type Request struct {
	Member     string
	Offset     int64
	Size       int64
	Algorithms []string // "sha1", "sha256", "sha512"
}

// RangeDigester is a reader that hashes its own bytes (the engine exports
// it as engine.RangeDigester, where its contract is described). It
// returns, for each request in order, a map from algorithm name to
// lower-case hex digest.
type RangeDigester interface {
	DigestRanges(ctx context.Context, reqs []Request, progress func(n int64)) ([]map[string]string, error)
}
