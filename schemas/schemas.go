// Package schemas embeds the JSON Schemas of ovacheck's formats: the report
// (report.schema.json) and the organisation policy (policy.schema.json),
// and checks documents against them with a JSON Schema library. Package
// policycheck checks policies without the library, for the wasm builds.
package schemas

import "embed"

// FS holds every *.schema.json file of this folder.
//
//go:embed *.schema.json
var FS embed.FS

// Report is the schema of report version 1.
const Report = "report.schema.json"
