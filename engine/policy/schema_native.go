//go:build !js

package policy

import (
	"github.com/ovacheck/ovacheck/schemas"
	"github.com/ovacheck/ovacheck/schemas/policycheck"
)

// schemaProblems checks data against policy.schema.json with the JSON
// Schema library of package schemas. The wasm builds use policycheck
// instead (schema_js.go), which gives the same problems.
func schemaProblems(data []byte) ([]policycheck.Problem, error) {
	return schemas.Problems(schemas.Policy, data)
}
