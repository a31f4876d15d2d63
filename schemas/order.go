package schemas

import (
	"net/url"
	"slices"
	"strings"

	"github.com/santhosh-tekuri/jsonschema/v5"

	"github.com/ovacheck/ovacheck/schemas/policycheck"
)

// The library checks an object's properties by ranging over a Go map, and
// lists the names "additionalProperties": false rejects from a map too, so
// the order of its problems changed from run to run (and, past
// MaxProblems, which of them were kept). Problems fixes both orders, as
// policycheck, which the wasm builds use instead, does: properties by
// name, rejected names sorted as quoted.

// sortProperties sorts, in ve and in each of its causes, the causes that
// come from one property of ve's schema (keyword location ve's, then
// "/properties/NAME") by NAME as escaped in the pointer (the policy
// schema's names need no escaping), leaving the others where they are.
// The library groups them: after required, before additionalProperties.
func sortProperties(ve *jsonschema.ValidationError) {
	var at []int
	var props []*jsonschema.ValidationError
	for i, c := range ve.Causes {
		if _, ok := propertyOf(ve, c); ok {
			at = append(at, i)
			props = append(props, c)
		}
	}
	slices.SortStableFunc(props, func(a, b *jsonschema.ValidationError) int {
		na, _ := propertyOf(ve, a)
		nb, _ := propertyOf(ve, b)
		return strings.Compare(na, nb)
	})
	for i, c := range props {
		ve.Causes[at[i]] = c
	}
	for _, c := range ve.Causes {
		sortProperties(c)
	}
}

// propertyOf returns the name (as escaped in a JSON pointer) of the
// property of ve's schema that cause c comes from, if it comes from one.
func propertyOf(ve, c *jsonschema.ValidationError) (string, bool) {
	rest, ok := strings.CutPrefix(c.KeywordLocation, ve.KeywordLocation+"/properties/")
	if !ok {
		return "", false
	}
	name, _, _ := strings.Cut(rest, "/")
	return name, true
}

// additionalPropertiesMessage gives the library's message for a failure
// of "additionalProperties": false, which lists the names it rejects in
// map order, with the names in policycheck's order. They cannot be read
// back from the message (the library quotes a name ending in a backslash
// as 'a\', which reads as an escaped quote), so they are worked out
// again: the keys of the object at the failure's instance location that
// the schema neither names in "properties" nor matches in
// "patternProperties", as the library finds them. A failure whose schema
// or object is not found keeps the library's message.
func additionalPropertiesMessage(ve *jsonschema.ValidationError, doc any) string {
	s := locations[strings.TrimSuffix(ve.AbsoluteKeywordLocation, "/additionalProperties")]
	obj, ok := valueAt(doc, ve.InstanceLocation).(map[string]any)
	if s == nil || !ok || s.AdditionalProperties != false {
		return ve.Message
	}
	var names []string
	for name := range obj {
		if _, ok := s.Properties[name]; !ok && !matchesPattern(s, name) {
			names = append(names, name)
		}
	}
	if len(names) == 0 {
		return ve.Message
	}
	return policycheck.AdditionalPropertiesMessage(names)
}

func matchesPattern(s *jsonschema.Schema, name string) bool {
	for re := range s.PatternProperties {
		if re.MatchString(name) {
			return true
		}
	}
	return false
}

// valueAt returns the value at an instance location of the library (a
// JSON pointer whose tokens are also URL path-escaped), or nil.
func valueAt(v any, loc string) any {
	toks := strings.Split(loc, "/")
	for i, tok := range toks {
		tok, err := url.PathUnescape(tok)
		if err != nil {
			return nil
		}
		toks[i] = strings.ReplaceAll(tok, "/", "~1") // a pointer token again
	}
	return policycheck.ValueAt(v, strings.Join(toks, "/"))
}

// locations maps the location of every schema and subschema compiled to
// it, for additionalPropertiesMessage. compileAll fills it.
var locations = map[string]*jsonschema.Schema{}

// index adds s and the schemas under it to locations.
func index(s *jsonschema.Schema) {
	if s == nil || locations[s.Location] != nil {
		return
	}
	locations[s.Location] = s
	subs := []*jsonschema.Schema{s.Ref, s.RecursiveRef, s.DynamicRef, s.Not, s.If, s.Then, s.Else,
		s.PropertyNames, s.UnevaluatedProperties, s.Items2020, s.Contains, s.UnevaluatedItems, s.ContentSchema}
	subs = slices.Concat(subs, s.AllOf, s.AnyOf, s.OneOf, s.PrefixItems)
	for _, m := range []map[string]*jsonschema.Schema{s.Properties, s.DependentSchemas} {
		for _, sub := range m {
			subs = append(subs, sub)
		}
	}
	for _, sub := range s.PatternProperties {
		subs = append(subs, sub)
	}
	for _, dep := range s.Dependencies {
		if sub, ok := dep.(*jsonschema.Schema); ok {
			subs = append(subs, sub)
		}
	}
	for _, x := range []any{s.AdditionalProperties, s.AdditionalItems, s.Items} {
		switch x := x.(type) {
		case *jsonschema.Schema:
			subs = append(subs, x)
		case []*jsonschema.Schema:
			subs = append(subs, x...)
		}
	}
	for _, sub := range subs {
		index(sub)
	}
}
