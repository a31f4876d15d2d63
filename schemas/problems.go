package schemas

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"math/big"
	"slices"
	"strings"

	"github.com/santhosh-tekuri/jsonschema/v5"

	"github.com/ovacheck/ovacheck/schemas/policycheck"
)

// Problem is one way a document breaks a schema, at the innermost place
// the schema could name. It is defined in package policycheck, which the
// wasm builds use to check policies without this package's JSON Schema
// library, so that both report the same type.
type Problem = policycheck.Problem

// Problems checks the JSON document doc against the named schema and
// returns its leaf problems, up to MaxProblems, ordered as the schema
// found them with an object's properties taken by name (see
// sortProperties); none means the document conforms. When a value fails
// both its type and another keyword at the same place (a oneOf of a
// string or a list, say), only the other keyword is kept: it is the branch
// the author meant. The error is for a schema that cannot be used, a doc
// that is not JSON, or policycheck.ErrNumber for a number the library
// cannot compare. For the policy schema, policycheck.Problems gives the
// same answers without the library.
func Problems(schema string, doc []byte) ([]Problem, error) {
	compileOnce.Do(compileAll)
	if compileErr != nil {
		return nil, fmt.Errorf("schemas: %w", compileErr)
	}
	s, ok := compiled[schema]
	if !ok {
		return nil, fmt.Errorf("schemas: no schema %q", schema)
	}
	var v any
	dec := json.NewDecoder(bytes.NewReader(doc))
	dec.UseNumber()
	if err := dec.Decode(&v); err != nil {
		return nil, fmt.Errorf("not JSON: %w", err)
	}
	err := validate(s, v)
	if err == nil {
		return nil, nil
	}
	var ve *jsonschema.ValidationError
	if !errors.As(err, &ve) {
		return nil, err
	}
	sortProperties(ve)
	var leaves []Problem
	collectLeaves(ve, v, &leaves)
	return policycheck.DropTypeAlternatives(leaves), nil
}

// MaxProblems caps the problems Problems returns (see policycheck).
const MaxProblems = policycheck.MaxProblems

// collectLeaves appends the errors of ve that have no causes, up to
// MaxProblems. doc is the document validated.
func collectLeaves(ve *jsonschema.ValidationError, doc any, out *[]Problem) {
	if len(*out) >= MaxProblems {
		return
	}
	if len(ve.Causes) == 0 {
		kw := ve.AbsoluteKeywordLocation
		if i := strings.IndexByte(kw, '#'); i >= 0 {
			kw = kw[i:]
		}
		msg := ve.Message
		if strings.HasSuffix(kw, "/additionalProperties") {
			msg = additionalPropertiesMessage(ve, doc)
		}
		*out = append(*out, Problem{Pointer: strings.TrimPrefix(ve.InstanceLocation, "#"), Keyword: kw, Message: msg})
		return
	}
	for _, c := range ve.Causes {
		collectLeaves(c, doc, out)
	}
}

// validate runs the library on v. The library reads numbers with
// big.Rat.SetString and panics with a nil pointer when that refuses one
// (an exponent beyond a million, say 1e-1000001, where the schema has an
// integer type, a minimum or a const): that panic becomes
// policycheck.ErrNumber, and any other is left alone.
func validate(s *jsonschema.Schema, v any) (err error) {
	defer func() {
		if r := recover(); r != nil {
			if !hasUnreadableNumber(v) {
				panic(r)
			}
			err = policycheck.ErrNumber
		}
	}()
	return s.Validate(v)
}

// hasUnreadableNumber reports whether v holds a number big.Rat refuses.
func hasUnreadableNumber(v any) bool {
	switch v := v.(type) {
	case json.Number:
		_, ok := new(big.Rat).SetString(string(v))
		return !ok
	case []any:
		return slices.ContainsFunc(v, hasUnreadableNumber)
	case map[string]any:
		for _, e := range v {
			if hasUnreadableNumber(e) {
				return true
			}
		}
	}
	return false
}
