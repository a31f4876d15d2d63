package conformance

import (
	"math"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/ovacheck/ovacheck/engine/internal/limits"
)

// Property types of DSP0243 Table 6, with the ranges of the integer ones.
var integerRanges = map[string][2]float64{
	"uint8": {0, math.MaxUint8}, "sint8": {math.MinInt8, math.MaxInt8},
	"uint16": {0, math.MaxUint16}, "sint16": {math.MinInt16, math.MaxInt16},
	"uint32": {0, math.MaxUint32}, "sint32": {math.MinInt32, math.MaxInt32},
	"uint64": {0, math.MaxUint64}, "sint64": {math.MinInt64, math.MaxInt64},
}

var standardTypes = map[string]bool{"string": true, "boolean": true, "real32": true, "real64": true}

// vmwareTypes are property types vSphere's vApp options define beyond
// DSP0243 (int, real, ip, ip:<network>, expression, password); vSphere and
// ovftool read them, other consumers ignore properties altogether.
func isVMwareType(t string) bool {
	switch t {
	case "int", "real", "ip", "expression", "password":
		return true
	}
	return strings.HasPrefix(t, "ip:")
}

func isStandardType(t string) bool {
	_, isInt := integerRanges[t]
	return isInt || standardTypes[t]
}

func isIntegerType(t string) bool {
	_, ok := integerRanges[t]
	return ok || t == "int"
}

func isRealType(t string) bool { return t == "real32" || t == "real64" || t == "real" }

// qualifier is one parsed qualifier: MinLen(8) gives {MinLen, "8", nil};
// ValueMap{"a","b"} gives {ValueMap, "", ["a" "b"]}.
type qualifier struct {
	name string
	arg  string
	list []string
	// braces is set for the {..} form.
	braces bool
}

// parseQualifiers splits an ovf:qualifiers value: qualifiers separated by
// commas or blanks, each a name with an optional (argument) or {list}. It
// returns false when the value does not follow that syntax.
func parseQualifiers(s string) ([]qualifier, bool) {
	var out []qualifier
	i := 0
	for {
		for i < len(s) && (s[i] == ',' || s[i] == ' ' || s[i] == '\t') {
			i++
		}
		if i >= len(s) {
			return out, true
		}
		start := i
		for i < len(s) && (isLetter(s[i]) || (i > start && s[i] >= '0' && s[i] <= '9')) {
			i++
		}
		if i == start {
			return nil, false
		}
		qu := qualifier{name: s[start:i]}
		if i < len(s) && (s[i] == '(' || s[i] == '{') {
			closer := byte(')')
			if s[i] == '{' {
				closer, qu.braces = '}', true
			}
			end, ok := closing(s, i+1, closer)
			if !ok {
				return nil, false
			}
			body := s[i+1 : end]
			if qu.braces {
				qu.list = splitList(body)
			} else {
				qu.arg = strings.TrimSpace(body)
			}
			i = end + 1
		}
		out = append(out, qu)
	}
}

func isLetter(b byte) bool { return b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z' || b == '_' }

// closing finds the closer of a bracket opened before i, skipping quoted
// strings.
func closing(s string, i int, closer byte) (int, bool) {
	inQuote := false
	for ; i < len(s); i++ {
		switch {
		case s[i] == '"':
			inQuote = !inQuote
		case s[i] == '\\' && inQuote:
			i++
		case s[i] == closer && !inQuote:
			return i, true
		}
	}
	return 0, false
}

// splitList reads a ValueMap body: comma-separated entries, quoted or not.
func splitList(body string) []string {
	var out []string
	var cur strings.Builder
	inQuote := false
	flush := func() {
		v := strings.TrimSpace(cur.String())
		v = strings.TrimSuffix(strings.TrimPrefix(v, `"`), `"`)
		if len(out) < limits.MaxValueMapEntries {
			out = append(out, v)
		}
		cur.Reset()
	}
	for i := 0; i < len(body); i++ {
		b := body[i]
		switch {
		case b == '"':
			inQuote = !inQuote
			cur.WriteByte(b)
		case b == ',' && !inQuote:
			flush()
		default:
			cur.WriteByte(b)
		}
	}
	flush()
	return out
}

// vmwareQualifiers are the qualifiers vSphere's vApp options define for
// string and expression properties (network-derived values).
var vmwareQualifiers = map[string]bool{"Ip": true, "VimIp": true, "AutoIp": true, "Net": true, "Netmask": true,
	"Gateway": true, "DomainName": true, "HostPrefix": true, "Dns": true, "Subnet": true, "SearchPath": true,
	"HttpProxy": true}

// qualifierAllowed reports whether a DSP0243 qualifier applies to a type:
// MinLen, MaxLen and ValueMap to strings; ValueMap, MinValue and MaxValue
// to numbers (MinValue and MaxValue are OVF 1.1 additions that VMware
// writes for integers and reals alike).
func qualifierAllowed(name, typ string) bool {
	switch name {
	case "MinLen", "MaxLen":
		return typ == "string"
	case "ValueMap":
		return typ == "string" || isIntegerType(typ)
	case "MinValue", "MaxValue":
		return isIntegerType(typ) || isRealType(typ)
	}
	return false
}

// valueProblem says why v is not a value of property type typ, or returns
// "" when it is. boolSpelling is set for booleans written in another case
// or as 0/1, which xs:boolean or vSphere tolerate differently.
func valueProblem(typ, v string) (problem string, boolSpelling bool) {
	switch {
	case typ == "boolean":
		switch v {
		case "true", "false":
			return "", false
		case "True", "False", "TRUE", "FALSE", "1", "0":
			return "", true
		}
		return "is not a boolean", false
	case isIntegerType(typ):
		r, ok := integerRanges[typ]
		if !ok {
			r = integerRanges["sint32"]
		}
		if strings.HasPrefix(typ, "uint") && strings.HasPrefix(v, "-") {
			return "is negative, but the type is unsigned", false
		}
		n, err := strconv.ParseFloat(v, 64)
		if err != nil || strings.ContainsAny(v, ".eE") || strings.HasPrefix(v, "+") || strings.ContainsAny(v, "xX") {
			return "is not an integer", false
		}
		if n < r[0] || n > r[1] {
			return "is out of the range of " + typ, false
		}
	case isRealType(typ):
		if _, err := strconv.ParseFloat(v, 64); err != nil {
			return "is not a number", false
		}
	}
	return "", false
}

// qualifierProblem says which qualifier v breaks, or "".
func qualifierProblem(qs []qualifier, typ, v string) string {
	for _, qu := range qs {
		switch qu.name {
		case "MinLen", "MaxLen":
			n, err := strconv.Atoi(qu.arg)
			if err != nil || typ != "string" {
				continue
			}
			l := utf8.RuneCountInString(v)
			if (qu.name == "MinLen" && l < n) || (qu.name == "MaxLen" && l > n) {
				return "is " + strconv.Itoa(l) + " characters long, against " + qu.name + "(" + qu.arg + ")"
			}
		case "MinValue", "MaxValue":
			lim, err1 := strconv.ParseFloat(qu.arg, 64)
			x, err2 := strconv.ParseFloat(v, 64)
			if err1 != nil || err2 != nil {
				continue
			}
			if (qu.name == "MinValue" && x < lim) || (qu.name == "MaxValue" && x > lim) {
				return "breaks " + qu.name + "(" + qu.arg + ")"
			}
		case "ValueMap":
			if len(qu.list) == 0 || inValueMap(qu.list, v) {
				continue
			}
			return "is not one of the ValueMap choices"
		}
	}
	return ""
}

// inValueMap reports whether v is listed, or lies in a "a..b" range entry.
func inValueMap(list []string, v string) bool {
	for _, e := range list {
		if e == v {
			return true
		}
		if lo, hi, ok := strings.Cut(e, ".."); ok {
			x, err := strconv.ParseFloat(v, 64)
			if err != nil {
				continue
			}
			l, err1 := strconv.ParseFloat(lo, 64)
			h, err2 := strconv.ParseFloat(hi, 64)
			if (lo == "" || (err1 == nil && x >= l)) && (hi == "" || (err2 == nil && x <= h)) {
				return true
			}
		}
	}
	return false
}
