package schemas

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"strings"

	"github.com/santhosh-tekuri/jsonschema/v5"
)

// Problem is one way a document breaks a schema, at the innermost place
// the schema could name.
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

// Problems checks the JSON document doc against the named schema and
// returns every leaf problem, ordered as the schema found them; none means
// the document conforms. When a value fails both its type and another
// keyword at the same place (a oneOf of a string or a list, say), only the
// other keyword is kept: it is the branch the author meant. The error is
// for a schema that cannot be used or a doc that is not JSON.
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
	err := s.Validate(v)
	if err == nil {
		return nil, nil
	}
	var ve *jsonschema.ValidationError
	if !errors.As(err, &ve) {
		return nil, err
	}
	var leaves []Problem
	collectLeaves(ve, &leaves)
	return dropTypeAlternatives(leaves), nil
}

// MaxProblems caps the problems Problems returns. A person fixes a
// document a few problems at a time, and a hostile document of thousands
// of bad items would otherwise cost time quadratic in their number.
const MaxProblems = 100

// collectLeaves appends the errors of ve that have no causes, up to
// MaxProblems.
func collectLeaves(ve *jsonschema.ValidationError, out *[]Problem) {
	if len(*out) >= MaxProblems {
		return
	}
	if len(ve.Causes) == 0 {
		kw := ve.AbsoluteKeywordLocation
		if i := strings.IndexByte(kw, '#'); i >= 0 {
			kw = kw[i:]
		}
		*out = append(*out, Problem{Pointer: strings.TrimPrefix(ve.InstanceLocation, "#"), Keyword: kw, Message: ve.Message})
		return
	}
	for _, c := range ve.Causes {
		collectLeaves(c, out)
	}
}

// dropTypeAlternatives removes a type mismatch at a pointer that has
// another problem at or inside it, and exact duplicates.
func dropTypeAlternatives(ps []Problem) []Problem {
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
