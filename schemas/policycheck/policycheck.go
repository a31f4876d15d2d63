// Package policycheck checks a policy document against
// schemas/policy.schema.json with code written for that one schema rather
// than with a JSON Schema library. The wasm builds (the browser's engine
// and the Worker) use it so that they need not link one:
// github.com/santhosh-tekuri/jsonschema compiles its meta-schemas in an
// init function, which took about 190 ms of the engine's start-up in a
// browser, and it added about 114 KB of brotli to the download.
//
// Problems reports what package schemas' Problems reports for the policy
// schema: the same problems, in the same order, in the library's words.
// The tests of package schemas compare the two, on examples and by
// fuzzing (FuzzPolicyValidatorAgrees), so a change to policy.schema.json
// needs the same change in schema.go.
package policycheck

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"
)

// Problem is one way a document breaks a schema, at the innermost place
// the schema could name. Package schemas reports the same type.
type Problem struct {
	// Pointer is the JSON pointer (RFC 6901) of the offending value, "" for
	// the document as a whole, e.g. "/rules/2/select".
	Pointer string
	// Keyword is the schema keyword that failed, as a fragment of the
	// schema's URL, e.g. "#/definitions/selector/pattern".
	Keyword string
	// Message says what is wrong, in the schema library's words.
	Message string
}

func (p Problem) String() string {
	if p.Pointer == "" {
		return "(document): " + p.Message
	}
	return p.Pointer + ": " + p.Message
}

// MaxProblems caps the problems a check returns. A person fixes a document
// a few problems at a time, and a hostile document of thousands of bad
// items would otherwise cost time quadratic in their number.
const MaxProblems = 100

// ErrNumber is the error for a document holding a number the check cannot
// compare (one math/big cannot read: an exponent, or a count of decimals,
// beyond a million), where the schema compares numbers.
var ErrNumber = errors.New("schemas: a number's exponent or count of decimals is too large to check")

// Problems checks the JSON document doc against policy.schema.json and
// returns the first MaxProblems leaf problems, less the type mismatches
// that DropTypeAlternatives drops; none means the document conforms. The
// error is for a doc that is not JSON, or ErrNumber.
func Problems(doc []byte) ([]Problem, error) {
	var v any
	dec := json.NewDecoder(bytes.NewReader(doc))
	dec.UseNumber()
	if err := dec.Decode(&v); err != nil {
		return nil, fmt.Errorf("not JSON: %w", err)
	}
	var c checker
	if !c.numbersReadable(v) {
		return nil, ErrNumber
	}
	c.document(v)
	return DropTypeAlternatives(c.leaves), nil
}

// DropTypeAlternatives removes a type mismatch at a pointer that has
// another problem at or inside it, and exact duplicates. When a value
// fails both its type and another keyword at the same place (a oneOf of a
// string or a list, say), the other keyword is the branch the author
// meant.
func DropTypeAlternatives(ps []Problem) []Problem {
	explained := func(ptr string) bool {
		for _, q := range ps {
			if !isTypeProblem(q) && (q.Pointer == ptr || strings.HasPrefix(q.Pointer, ptr+"/")) {
				return true
			}
		}
		return false
	}
	seen := map[Problem]bool{}
	var out []Problem
	for _, p := range ps {
		if (isTypeProblem(p) && explained(p.Pointer)) || seen[p] {
			continue
		}
		seen[p] = true
		out = append(out, p)
	}
	return out
}

func isTypeProblem(p Problem) bool { return strings.HasSuffix(p.Keyword, "/type") }

// ValueAt returns the value at the JSON pointer (RFC 6901) ptr in v, a
// document decoded into maps and slices, or nil when there is none.
func ValueAt(v any, ptr string) any {
	if ptr == "" {
		return v
	}
	for _, tok := range strings.Split(strings.TrimPrefix(ptr, "/"), "/") {
		tok = strings.ReplaceAll(strings.ReplaceAll(tok, "~1", "/"), "~0", "~")
		switch c := v.(type) {
		case map[string]any:
			v = c[tok]
		case []any:
			i, err := strconv.Atoi(tok)
			if err != nil || i < 0 || i >= len(c) {
				return nil
			}
			v = c[i]
		default:
			return nil
		}
	}
	return v
}
