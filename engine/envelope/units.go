package envelope

import (
	"math/big"
	"strings"
)

// Unit is a programmatic unit (DSP0004 Annex C) such as "byte * 2^20": a
// base unit and the factor that multiplies it.
type Unit struct {
	// Base is the base unit, e.g. "byte" or "hertz"; "" for a pure number.
	Base string
	// Multiplier is the factor, e.g. 1048576 for "byte * 2^20".
	Multiplier *big.Rat
	// Legacy is set for spellings outside DSP0004 that consumers accept:
	// "MegaBytes", "MB", "GigaBytes", "KB" and the like (powers of 1024),
	// and base units written with a capital or a plural ("Bytes").
	Legacy bool
}

// maxUnitExponent bounds the exponent of "base^exponent" so that a hostile
// unit string such as "byte * 2^999999999" cannot make the checker compute
// a number of gigabytes. 2^100 and 10^30 are far beyond any real size.
const (
	maxUnitExponent = 100
	maxUnitBase     = 1 << 20
	maxUnitTokens   = 32
)

// legacyByteUnits are the non-DSP0004 names VirtualBox and COT accept for
// memory and capacity, as powers of 1024.
var legacyByteUnits = map[string]uint{
	"bytes": 0, "kilobytes": 10, "kb": 10, "kib": 10, "megabytes": 20, "mb": 20, "mib": 20,
	"gigabytes": 30, "gb": 30, "gib": 30, "terabytes": 40, "tb": 40, "tib": 40,
}

// ParseUnits reads a programmatic unit string. It accepts the DSP0004
// grammar: an optional base unit, then any sequence of "* name", "/ name",
// "* number", "/ number" and "* base^exponent" (spaces anywhere between
// tokens), e.g. "byte", "byte * 2^20", "byte*2^30", "hertz * 10^6",
// "byte * 1024". It also accepts the legacy names of legacyByteUnits with
// Legacy set. It returns false for anything else, including an empty
// string and unit products it cannot reduce to one base unit.
func ParseUnits(s string) (Unit, bool) {
	toks, ok := unitTokens(s)
	if !ok || len(toks) == 0 {
		return Unit{}, false
	}
	u := Unit{Multiplier: big.NewRat(1, 1)}
	i := 0
	if isUnitName(toks[0]) {
		if !u.setBase(toks[0]) {
			return Unit{}, false
		}
		i = 1
	}
	for i < len(toks) {
		op := toks[i]
		if (op != "*" && op != "/") || i+1 >= len(toks) {
			return Unit{}, false
		}
		term := toks[i+1]
		i += 2
		var f *big.Rat
		switch {
		case isUnitName(term):
			// A second base unit ("byte * byte") or a unit in the
			// denominator ("byte / second") is not a size.
			if op != "*" || u.Base != "" || !u.setBase(term) {
				return Unit{}, false
			}
			continue
		case i+1 < len(toks) && toks[i] == "^":
			base, ok1 := new(big.Int).SetString(term, 10)
			exp, ok2 := parseExponent(toks[i+1])
			if !ok1 || !ok2 || base.Sign() <= 0 || base.Cmp(big.NewInt(maxUnitBase)) > 0 {
				return Unit{}, false
			}
			i += 2
			p := new(big.Int).Exp(base, big.NewInt(int64(abs(exp))), nil)
			f = new(big.Rat).SetInt(p)
			if exp < 0 {
				f.Inv(f)
			}
		default:
			r, ok := new(big.Rat).SetString(strings.TrimPrefix(term, "+"))
			if !ok || r.Sign() <= 0 || len(term) > 40 {
				return Unit{}, false
			}
			f = r
		}
		if op == "*" {
			u.Multiplier.Mul(u.Multiplier, f)
		} else {
			u.Multiplier.Quo(u.Multiplier, f)
		}
	}
	return u, true
}

// setBase records a base unit name, recognising the legacy byte names.
func (u *Unit) setBase(name string) bool {
	if name == "byte" {
		u.Base = "byte"
		return true
	}
	if shift, ok := legacyByteUnits[strings.ToLower(name)]; ok || strings.EqualFold(name, "byte") {
		u.Base = "byte"
		u.Legacy = true
		u.Multiplier.Mul(u.Multiplier, new(big.Rat).SetInt(new(big.Int).Lsh(big.NewInt(1), shift)))
		return true
	}
	u.Base = name
	return true
}

// Apply returns quantity times the multiplier when that is a whole number
// that fits in an int64.
func (u Unit) Apply(quantity int64) (int64, bool) {
	if u.Multiplier == nil {
		return quantity, true
	}
	r := new(big.Rat).Mul(new(big.Rat).SetInt64(quantity), u.Multiplier)
	if !r.IsInt() || !r.Num().IsInt64() {
		return 0, false
	}
	return r.Num().Int64(), true
}

func parseExponent(s string) (int, bool) {
	neg := false
	switch {
	case strings.HasPrefix(s, "-"):
		neg, s = true, s[1:]
	case strings.HasPrefix(s, "+"):
		s = s[1:]
	}
	if s == "" || len(s) > 3 {
		return 0, false
	}
	n := 0
	for _, c := range s {
		if c < '0' || c > '9' {
			return 0, false
		}
		n = n*10 + int(c-'0')
	}
	if n > maxUnitExponent {
		return 0, false
	}
	if neg {
		n = -n
	}
	return n, true
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}

func isUnitName(t string) bool {
	c := t[0]
	return c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')
}

// unitTokens splits s into names, numbers and the operators * / ^.
func unitTokens(s string) ([]string, bool) {
	var toks []string
	i := 0
	for i < len(s) {
		c := s[i]
		switch {
		case c == ' ' || c == '\t':
			i++
			continue
		case c == '*' || c == '/' || c == '^':
			toks = append(toks, s[i:i+1])
			i++
		case c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'):
			j := i + 1
			for j < len(s) && (s[j] == '_' || s[j] == '-' || (s[j] >= 'a' && s[j] <= 'z') || (s[j] >= 'A' && s[j] <= 'Z') || (s[j] >= '0' && s[j] <= '9')) {
				j++
			}
			toks = append(toks, s[i:j])
			i = j
		case c == '+' || c == '-' || c == '.' || (c >= '0' && c <= '9'):
			j := i + 1
			for j < len(s) && (s[j] == '.' || (s[j] >= '0' && s[j] <= '9')) {
				j++
			}
			toks = append(toks, s[i:j])
			i = j
		default:
			return nil, false
		}
		if len(toks) > maxUnitTokens {
			return nil, false
		}
	}
	return toks, true
}
