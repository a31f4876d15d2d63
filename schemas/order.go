package schemas

import (
	"slices"
	"strings"

	"github.com/santhosh-tekuri/jsonschema/v5"
)

// The library checks an object's properties by ranging over a Go map, and
// lists the names "additionalProperties": false rejects from a map too, so
// the order of its problems changed from run to run (and, past
// MaxProblems, which of them were kept). Problems fixes both orders, as
// policycheck, which the wasm builds use instead, does: properties by
// name, rejected names sorted as quoted.

// sortProperties sorts, in ve and in each of its causes, the causes that
// come from one property of the schema ("properties/NAME" under the
// cause's own location) by the property's name, leaving the others where
// they are. The library groups them: after required, before
// additionalProperties.
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

// sortUnknown sorts the quoted names of the library's message
// "additionalProperties 'b', 'a' not allowed". A message of another shape
// is returned as it is.
func sortUnknown(msg string) string {
	const prefix, suffix = "additionalProperties ", " not allowed"
	list, ok := strings.CutPrefix(msg, prefix)
	if !ok {
		return msg
	}
	list, ok = strings.CutSuffix(list, suffix)
	if !ok {
		return msg
	}
	var names []string
	for list != "" {
		// The library's quote escapes ' and \ inside a name, so a name
		// ends at the first ' not after a backslash.
		if list[0] != '\'' {
			return msg
		}
		end := -1
		for i := 1; i < len(list); i++ {
			if list[i] == '\\' {
				i++
			} else if list[i] == '\'' {
				end = i
				break
			}
		}
		if end < 0 {
			return msg
		}
		names = append(names, list[:end+1])
		list = list[end+1:]
		if list != "" {
			if list, ok = strings.CutPrefix(list, ", "); !ok {
				return msg
			}
		}
	}
	slices.Sort(names)
	return prefix + strings.Join(names, ", ") + suffix
}
