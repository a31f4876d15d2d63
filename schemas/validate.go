package schemas

import (
	"bytes"
	"encoding/json"
	"fmt"
	"sync"

	"github.com/santhosh-tekuri/jsonschema/v5"
)

// The schemas are compiled once, on first use; absolute URLs keep the
// compiler from touching the file system or network (it has neither in a
// browser or Worker).
var (
	compileOnce sync.Once
	compiled    map[string]*jsonschema.Schema
	compileErr  error
)

const baseURL = "https://ovacheck.dev/schemas/"

func compileAll() {
	c := jsonschema.NewCompiler()
	c.Draft = jsonschema.Draft7
	entries, err := FS.ReadDir(".")
	if err != nil {
		compileErr = err
		return
	}
	for _, e := range entries {
		b, err := FS.ReadFile(e.Name())
		if err != nil {
			compileErr = err
			return
		}
		if err := c.AddResource(baseURL+e.Name(), bytes.NewReader(b)); err != nil {
			compileErr = err
			return
		}
	}
	compiled = map[string]*jsonschema.Schema{}
	for _, e := range entries {
		s, err := c.Compile(baseURL + e.Name())
		if err != nil {
			compileErr = err
			return
		}
		compiled[e.Name()] = s
		index(s)
	}
}

// Validate checks the JSON document doc against the named schema (e.g.
// Report). The error, when the document does not conform, names each
// offending field by its JSON pointer.
func Validate(schema string, doc []byte) error {
	compileOnce.Do(compileAll)
	if compileErr != nil {
		return fmt.Errorf("schemas: %w", compileErr)
	}
	s, ok := compiled[schema]
	if !ok {
		return fmt.Errorf("schemas: no schema %q", schema)
	}
	var v any
	dec := json.NewDecoder(bytes.NewReader(doc))
	dec.UseNumber()
	if err := dec.Decode(&v); err != nil {
		return fmt.Errorf("not JSON: %w", err)
	}
	return s.Validate(v)
}
