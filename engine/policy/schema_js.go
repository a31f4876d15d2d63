//go:build js

package policy

import "github.com/ovacheck/ovacheck/schemas/policycheck"

// schemaProblems checks data against policy.schema.json with policycheck,
// which gives the problems package schemas' library gives (its tests
// compare them) without linking the library into the browser's engine and
// the Worker: the library compiles its meta-schemas at start-up, about
// 190 ms of the engine's in a browser, and adds about 114 KB of brotli.
func schemaProblems(data []byte) ([]policycheck.Problem, error) {
	return policycheck.Problems(data)
}
