package settings

import (
	"crypto/x509"
	"errors"
	"fmt"
	"net/url"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/ovacheck/ovacheck/engine/compat"
	"github.com/ovacheck/ovacheck/engine/policy"
	"github.com/ovacheck/ovacheck/engine/report"
	"github.com/ovacheck/ovacheck/engine/signature"
)

// Error is what Parse returns: the key at fault and a sentence a user can
// act on. A policy that is not valid wraps its *policy.Error, whose
// problems carry the JSON pointer of each field.
type Error struct {
	Key     string
	Message string
	Err     error
}

func (e *Error) Error() string { return e.Message }
func (e *Error) Unwrap() error { return e.Err }

func fail(key, format string, args ...any) *Error {
	return &Error{Key: key, Message: fmt.Sprintf(format, args...)}
}

// Parse reads the options in v, whose keys are those of the table in
// keys.go (or their aliases, in any case). An empty value of a text key
// counts as not given; a flag key given with an empty value is on, as an
// HTML boolean attribute is. Targets may repeat and be comma-separated;
// any other key given twice with different values is refused, as is an
// unknown key, a value that is not one of the key's, and two options that
// contradict each other.
func Parse(v url.Values) (Settings, error) { return ParseOnly(v, AllKeys) }

// ParseOnly is Parse for a front end that takes only the accepted keys: a
// known key outside them is refused with the list of those it takes.
func ParseOnly(v url.Values, accepted []string) (Settings, error) {
	given, err := canonical(v, accepted)
	if err != nil {
		return Settings{}, err
	}
	s := Settings{Profile: "compat", FailOn: report.Error}
	set := map[string]bool{} // the options that are on
	for _, key := range AllKeys {
		vals, ok := given[key]
		if !ok {
			continue
		}
		if key == KeyTargets {
			if s.Targets, err = parseTargets(vals); err != nil {
				return Settings{}, err
			}
			set[key] = len(s.Targets) > 0
			continue
		}
		val, err := single(key, vals)
		if err != nil {
			return Settings{}, err
		}
		if isFlag(key) {
			on, err := parseBool(key, val)
			if err != nil {
				return Settings{}, err
			}
			set[key] = on
			switch key {
			case KeyWholeFile:
				s.WholeFile = on
			case KeyDeep:
				s.Deep = on
			case KeyDescriptorOnly:
				s.DescriptorOnly = on
			case KeyStructureOnly:
				s.StructureOnly = on
			}
			continue
		}
		if val == "" {
			continue
		}
		set[key] = true
		if err := s.setText(key, val); err != nil {
			return Settings{}, err
		}
	}
	for _, c := range conflicts {
		if set[c.a] && set[c.b] {
			return Settings{}, fail(c.b, "%s and %s cannot be given together: %s", c.a, c.b, c.why)
		}
	}
	return s, nil
}

// canonical maps v's keys onto the table's and refuses any other.
func canonical(v url.Values, accepted []string) (map[string][]string, error) {
	raw := make([]string, 0, len(v))
	for k := range v {
		raw = append(raw, k)
	}
	sort.Strings(raw)
	given := map[string][]string{}
	for _, k := range raw {
		key := strings.ToLower(strings.TrimSpace(k))
		if a, ok := aliases[key]; ok {
			key = a
		}
		switch {
		case !slices.Contains(AllKeys, key):
			return nil, fail(key, "unknown option %q%s: the options are %s", clip(k), didYouMean(key, accepted), strings.Join(accepted, ", "))
		case !slices.Contains(accepted, key):
			return nil, fail(key, "option %q is not taken here: the options here are %s", key, strings.Join(accepted, ", "))
		}
		given[key] = append(given[key], v[k]...)
	}
	return given, nil
}

// single returns the one value of a key that takes one: repeats of the
// same value are one, empty values are dropped unless all are empty.
func single(key string, vals []string) (string, error) {
	var out []string
	for _, s := range vals {
		s = strings.TrimSpace(s)
		if !slices.Contains(out, s) {
			out = append(out, s)
		}
	}
	if len(out) > 1 {
		out = slices.DeleteFunc(out, func(s string) bool { return s == "" })
	}
	switch len(out) {
	case 0:
		return "", nil
	case 1:
		return out[0], nil
	}
	return "", fail(key, "%s is given twice, as %q and %q: give it once", key, clip(out[0]), clip(out[1]))
}

func isFlag(key string) bool {
	switch key {
	case KeyWholeFile, KeyDeep, KeyDescriptorOnly, KeyStructureOnly:
		return true
	}
	return false
}

func parseBool(key, val string) (bool, error) {
	switch strings.ToLower(val) {
	case "", "true", "1", "yes", "on":
		return true, nil
	case "false", "0", "no", "off":
		return false, nil
	}
	return false, fail(key, "%s is on or off (true or false), not %q", key, clip(val))
}

// setText validates and stores the value of a key that takes text.
func (s *Settings) setText(key, val string) error {
	switch key {
	case KeyProfile:
		p := strings.ToLower(val)
		if !slices.Contains(profiles, p) {
			return fail(key, "profile %q is not compat or strict%s", clip(val), didYouMean(p, profiles))
		}
		s.Profile = p
	case KeyFailOn:
		f := strings.ToLower(val)
		if !slices.Contains(failOns, f) {
			return fail(key, "fail-on takes error or warning, not %q%s", clip(val), didYouMean(f, failOns))
		}
		s.FailOn = report.Error
		if f == "warning" {
			s.FailOn = report.Warning
		}
	case KeySHA256, KeySHA512:
		hex, err := parseDigest(key, val)
		if err != nil {
			return err
		}
		if s.Expected == nil {
			s.Expected = map[string]string{}
		}
		s.Expected[key] = hex
	case KeySignerSHA256:
		pin, err := signature.NormalizePin(val)
		if err != nil {
			return fail(key, "signer-sha256 %q is not a SHA-256 fingerprint: 64 hex digits, colons allowed", clip(val))
		}
		s.SignerPin = pin
	case KeyTrustRoots:
		pool := x509.NewCertPool()
		if !pool.AppendCertsFromPEM([]byte(val)) {
			return fail(key, "the trust roots hold no PEM certificate (-----BEGIN CERTIFICATE-----)")
		}
		s.TrustRoots = pool
	case KeyPolicy:
		p, err := policy.Load([]byte(val))
		if err != nil {
			e := &Error{Key: key, Message: "the policy is not valid: " + err.Error(), Err: err}
			var pe *policy.Error
			if errors.As(err, &pe) {
				e.Message = "the policy is not valid: " + strings.TrimPrefix(pe.Error(), "invalid policy: ")
			}
			return e
		}
		s.Policy = p
	case KeyAt:
		t, ok := parseTime(val)
		if !ok {
			return fail(key, "at %q is neither RFC 3339 (2026-05-01T12:00:00Z) nor YYYY-MM-DD", clip(val))
		}
		s.At = t
	}
	return nil
}

// parseDigest checks a published whole-file digest: hex of the length of
// key's algorithm.
func parseDigest(key, val string) (string, error) {
	hex := strings.ToLower(val)
	want := hexDigits[key]
	name := strings.ToUpper(key[:3]) + "-" + key[3:]
	for _, c := range hex {
		if !strings.ContainsRune("0123456789abcdef", c) {
			return "", fail(key, "%s %q is not hex: a %s is %d hex digits", key, clip(val), name, want)
		}
	}
	if len(hex) != want {
		for other, n := range hexDigits {
			if other != key && n == len(hex) {
				return "", fail(key, "%s has %d hex digits, the length of a %s: give it as %s", key, len(hex),
					strings.ToUpper(other[:3])+"-"+other[3:], other)
			}
		}
		return "", fail(key, "%s has %d hex digits: a %s is %d", key, len(hex), name, want)
	}
	return hex, nil
}

// parseTargets reads target names, comma-separated and repeatable, each
// once, and refuses one the engine does not judge.
func parseTargets(vals []string) ([]string, error) {
	known := compat.Targets()
	var out []string
	for _, list := range vals {
		for _, t := range strings.Split(list, ",") {
			name := strings.ToLower(strings.TrimSpace(t))
			if name == "" {
				continue
			}
			if !slices.Contains(known, name) {
				return nil, fail(KeyTargets, "unknown target %q%s: the targets are %s", clip(strings.TrimSpace(t)),
					didYouMean(name, known), strings.Join(known, ", "))
			}
			if !slices.Contains(out, name) {
				out = append(out, name)
			}
		}
	}
	return out, nil
}

func parseTime(s string) (time.Time, bool) {
	for _, layout := range []string{time.RFC3339, "2006-01-02"} {
		if t, err := time.Parse(layout, s); err == nil {
			return t, true
		}
	}
	return time.Time{}, false
}

// clip shortens a value quoted back to the user: a query parameter may be
// long, and the message is about its start.
func clip(s string) string {
	const max = 40
	if r := []rune(s); len(r) > max {
		return string(r[:max]) + "…"
	}
	return s
}

// didYouMean names the choice nearest to s when it is a likely misspelling
// (at most two edits, and fewer than half of s), else "".
func didYouMean(s string, choices []string) string {
	best, bestD := "", 3
	for _, c := range choices {
		if d := distance(s, c); d < bestD && 2*d < len(c) {
			best, bestD = c, d
		}
	}
	if best == "" {
		return ""
	}
	return " (did you mean " + best + "?)"
}

// distance is the edit distance of a and b, with a swap of two
// neighbouring letters one edit ("strcit" is one from "strict").
func distance(a, b string) int {
	x, y := []rune(a), []rune(b)
	d := make([][]int, len(x)+1)
	for i := range d {
		d[i] = make([]int, len(y)+1)
		d[i][0] = i
	}
	for j := range d[0] {
		d[0][j] = j
	}
	for i := 1; i <= len(x); i++ {
		for j := 1; j <= len(y); j++ {
			cost := 1
			if x[i-1] == y[j-1] {
				cost = 0
			}
			d[i][j] = min(d[i-1][j]+1, d[i][j-1]+1, d[i-1][j-1]+cost)
			if i > 1 && j > 1 && x[i-1] == y[j-2] && x[i-2] == y[j-1] {
				d[i][j] = min(d[i][j], d[i-2][j-2]+1)
			}
		}
	}
	return d[len(x)][len(y)]
}
