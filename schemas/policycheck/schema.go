package policycheck

import (
	"encoding/json"
	"fmt"
	"maps"
	"math/big"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"
)

// This file is policy.schema.json as code. Each function checks one of
// the schema's (sub)schemas, in the order the library evaluates keywords:
// type first, and nothing else when it fails; then const and enum;
// required; each property, by name; additionalProperties; for arrays
// minItems, maxItems, then the items in order; for strings maxLength, then
// pattern; for numbers minimum, then maximum; $ref and oneOf last. The
// keywords are the schema's JSON pointers and the messages the library's
// wording.

// The schema's patterns, compiled on first use rather than at start-up.
var patterns = sync.OnceValue(func() map[string]*regexp.Regexp {
	m := map[string]*regexp.Regexp{}
	for _, p := range []string{selectorPattern, fingerprintPattern, targetPattern} {
		m[p] = regexp.MustCompile(p)
	}
	return m
})

const (
	selectorPattern    = `^-?(all|(PKG|MF|SIG|REF|ENV|DSK|NET|HW|PRD|CMP|POL)([0-9]{3}|[0-9]{0,2}\*))$`
	fingerprintPattern = `^([0-9A-Fa-f]{64}|[0-9A-Fa-f]{2}([: ][0-9A-Fa-f]{2}){31})$`
	targetPattern      = `^[a-z0-9][a-z0-9._-]{0,63}$`

	// maxSafeInteger is maxDiskBytes' maximum, 2^53-1.
	maxSafeInteger = 9007199254740991
)

var (
	digests    = []string{"sha1", "sha256", "sha512"}
	severities = []string{"off", "info", "warning", "error"}
)

// checker gathers the leaf problems of a document, up to MaxProblems.
type checker struct {
	leaves []Problem
	// rats holds the numbers read so far: reading 1e-1000000 takes tens
	// of milliseconds.
	rats map[json.Number]*big.Rat
}

// add records a problem at ptr from the keyword at the schema pointer kw.
func (c *checker) add(ptr, kw, msg string) {
	if len(c.leaves) < MaxProblems {
		c.leaves = append(c.leaves, Problem{Pointer: ptr, Keyword: "#" + kw, Message: msg})
	}
}

func (c *checker) full() bool { return len(c.leaves) >= MaxProblems }

// document checks the root schema.
func (c *checker) document(v any) {
	obj, ok := c.object("", "", v)
	if !ok {
		return
	}
	for _, name := range slices.Sorted(maps.Keys(obj)) {
		if c.full() {
			return
		}
		val, ptr, kw := obj[name], "/"+name, "/properties/"+name
		switch name {
		case "$schema":
			typed[string](c, ptr, kw, "string", val)
		case "name":
			if s, ok := typed[string](c, ptr, kw, "string", val); ok {
				c.maxLength(ptr, kw, s, 200)
			}
		case "version":
			if !c.equalsNumber(val, 1) {
				c.add(ptr, kw+"/const", `value must be "1"`)
			}
		case "rules":
			if items, ok := c.array(ptr, kw, val, -1, 500); ok {
				for i, item := range items {
					c.ruleSetting(ptr+"/"+strconv.Itoa(i), item)
				}
			}
		case "requireSignature":
			typed[bool](c, ptr, kw, "boolean", val)
		case "pinnedSigners":
			if items, ok := c.array(ptr, kw, val, 1, 100); ok {
				for i, item := range items {
					c.patterned(ptr+"/"+strconv.Itoa(i), "/definitions/fingerprint", item, fingerprintPattern)
				}
			}
		case "minimumDigest":
			c.enum(ptr, kw, val, digests)
		case "requiredTargets":
			if items, ok := c.array(ptr, kw, val, -1, 50); ok {
				for i, item := range items {
					c.patterned(ptr+"/"+strconv.Itoa(i), kw+"/items", item, targetPattern)
				}
			}
		case "maxDiskBytes":
			c.integer(ptr, kw, val, 1, maxSafeInteger)
		}
	}
	c.additional("", "", obj, "$schema", "version", "name", "rules", "requireSignature",
		"pinnedSigners", "minimumDigest", "requiredTargets", "maxDiskBytes")
}

// ruleSetting checks #/definitions/ruleSetting, an entry of "rules".
func (c *checker) ruleSetting(ptr string, v any) {
	const kw = "/definitions/ruleSetting"
	obj, ok := c.object(ptr, kw, v)
	if !ok {
		return
	}
	var missing []string
	for _, name := range []string{"select", "severity"} {
		if _, ok := obj[name]; !ok {
			missing = append(missing, quote(name))
		}
	}
	if len(missing) > 0 {
		c.add(ptr, kw+"/required", "missing properties: "+strings.Join(missing, ", "))
	}
	if sel, ok := obj["select"]; ok {
		c.selection(ptr+"/select", sel)
	}
	if sev, ok := obj["severity"]; ok {
		c.enum(ptr+"/severity", kw+"/properties/severity", sev, severities)
	}
	c.additional(ptr, kw, obj, "select", "severity")
}

// selection checks a ruleSetting's "select", a oneOf of a selector or a
// list of them. When both branches fail, the problems of each are kept,
// the selector's first.
func (c *checker) selection(ptr string, v any) {
	const kw = "/definitions/ruleSetting/properties/select/oneOf/1"
	if isSelector(v) || isSelectorList(v) {
		return
	}
	c.patterned(ptr, "/definitions/selector", v, selectorPattern)
	if items, ok := c.array(ptr, kw, v, 1, 100); ok {
		for i, item := range items {
			c.patterned(ptr+"/"+strconv.Itoa(i), "/definitions/selector", item, selectorPattern)
		}
	}
}

func isSelector(v any) bool {
	s, ok := v.(string)
	return ok && patterns()[selectorPattern].MatchString(s)
}

func isSelectorList(v any) bool {
	items, ok := v.([]any)
	if !ok || len(items) < 1 || len(items) > 100 {
		return false
	}
	for _, item := range items {
		if !isSelector(item) {
			return false
		}
	}
	return true
}

// typed checks the keyword "type" of the schema at kw, and returns v as T
// when it has the type.
func typed[T any](c *checker, ptr, kw, want string, v any) (T, bool) {
	t, ok := v.(T)
	if !ok {
		c.add(ptr, kw+"/type", fmt.Sprintf("expected %s, but got %s", want, jsonType(v)))
	}
	return t, ok
}

func (c *checker) object(ptr, kw string, v any) (map[string]any, bool) {
	return typed[map[string]any](c, ptr, kw, "object", v)
}

// array checks "type": "array" and the item counts (-1 for none).
func (c *checker) array(ptr, kw string, v any, minItems, maxItems int) ([]any, bool) {
	items, ok := typed[[]any](c, ptr, kw, "array", v)
	if !ok {
		return nil, false
	}
	if minItems >= 0 && len(items) < minItems {
		c.add(ptr, kw+"/minItems", fmt.Sprintf("minimum %d items required, but found %d items", minItems, len(items)))
	}
	if len(items) > maxItems {
		c.add(ptr, kw+"/maxItems", fmt.Sprintf("maximum %d items required, but found %d items", maxItems, len(items)))
	}
	return items, true
}

// patterned checks "type": "string" and a pattern.
func (c *checker) patterned(ptr, kw string, v any, pattern string) {
	s, ok := typed[string](c, ptr, kw, "string", v)
	if ok && !patterns()[pattern].MatchString(s) {
		c.add(ptr, kw+"/pattern", "does not match pattern "+quote(pattern))
	}
}

func (c *checker) maxLength(ptr, kw, s string, n int) {
	if l := utf8.RuneCountInString(s); l > n {
		c.add(ptr, kw+"/maxLength", fmt.Sprintf("length must be <= %d, but got %d", n, l))
	}
}

// enum checks an enum of strings.
func (c *checker) enum(ptr, kw string, v any, values []string) {
	if s, ok := v.(string); ok && slices.Contains(values, s) {
		return
	}
	shown := make([]string, len(values))
	for i, s := range values {
		shown[i] = strconv.Quote(s)
	}
	c.add(ptr, kw+"/enum", "value must be one of "+strings.Join(shown, ", "))
}

// integer checks "type": "integer", which a number with a fraction of
// zero (1.0, 1e0) passes, and minimum and maximum. The library shows the
// bounds as float64s.
func (c *checker) integer(ptr, kw string, v any, minimum, maximum int64) {
	n, ok := v.(json.Number)
	var r *big.Rat
	if ok {
		r = c.rat(n)
	}
	if r == nil || !r.IsInt() {
		c.add(ptr, kw+"/type", "expected integer, but got "+jsonType(v))
		return
	}
	if r.Cmp(new(big.Rat).SetInt64(minimum)) < 0 {
		c.add(ptr, kw+"/minimum", fmt.Sprintf("must be >= %v but found %v", float64(minimum), n))
	}
	if r.Cmp(new(big.Rat).SetInt64(maximum)) > 0 {
		c.add(ptr, kw+"/maximum", fmt.Sprintf("must be <= %v but found %v", float64(maximum), n))
	}
}

// additional checks "additionalProperties": false.
func (c *checker) additional(ptr, kw string, obj map[string]any, known ...string) {
	var unknown []string
	for name := range obj {
		if !slices.Contains(known, name) {
			unknown = append(unknown, name)
		}
	}
	if len(unknown) > 0 {
		c.add(ptr, kw+"/additionalProperties", AdditionalPropertiesMessage(unknown))
	}
}

// AdditionalPropertiesMessage is the library's message for the names
// "additionalProperties": false rejects, with the names in a fixed order,
// sorted as quoted (the library lists them in map order).
func AdditionalPropertiesMessage(names []string) string {
	quoted := make([]string, len(names))
	for i, name := range names {
		quoted[i] = quote(name)
	}
	slices.Sort(quoted)
	return "additionalProperties " + strings.Join(quoted, ", ") + " not allowed"
}

// equalsNumber reports whether v is a JSON number equal to n, as "const"
// compares: 1, 1.0 and 1e0 are equal.
func (c *checker) equalsNumber(v any, n int64) bool {
	num, ok := v.(json.Number)
	if !ok {
		return false
	}
	r := c.rat(num)
	return r != nil && r.Cmp(new(big.Rat).SetInt64(n)) == 0
}

// rat reads a JSON number exactly, or returns nil for one math/big refuses
// (see ErrNumber).
func (c *checker) rat(n json.Number) *big.Rat {
	if r, ok := c.rats[n]; ok {
		return r
	}
	r, _ := new(big.Rat).SetString(string(n)) // nil when refused
	if c.rats == nil {
		c.rats = map[json.Number]*big.Rat{}
	}
	c.rats[n] = r
	return r
}

// numbersReadable reports whether the numbers the schema compares, the
// version and maxDiskBytes, are ones math/big reads. The library panics
// on one it cannot read, whatever the rest of the document holds, and
// package schemas makes that panic ErrNumber.
func (c *checker) numbersReadable(v any) bool {
	obj, ok := v.(map[string]any)
	if !ok {
		return true
	}
	for _, name := range []string{"version", "maxDiskBytes"} {
		if n, ok := obj[name].(json.Number); ok && c.rat(n) == nil {
			return false
		}
	}
	return true
}

// jsonType names the JSON type of a value decoded with UseNumber.
func jsonType(v any) string {
	switch v.(type) {
	case nil:
		return "null"
	case bool:
		return "boolean"
	case json.Number:
		return "number"
	case string:
		return "string"
	case []any:
		return "array"
	case map[string]any:
		return "object"
	}
	return fmt.Sprintf("%T", v)
}

// quote single-quotes s as the library does in its messages. (A name
// ending in a backslash comes out as 'a\', as the library's does.)
func quote(s string) string {
	s = strconv.Quote(s)
	s = strings.ReplaceAll(s, `\"`, `"`)
	s = strings.ReplaceAll(s, `'`, `\'`)
	return "'" + s[1:len(s)-1] + "'"
}
