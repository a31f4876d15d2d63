package main

import (
	"errors"
	"net/url"
	"sort"
	"strconv"

	"github.com/ovacheck/ovacheck/engine"
	"github.com/ovacheck/ovacheck/engine/settings"
)

// checkOptions are what the page or the widget asks of one check.
type checkOptions struct {
	engine   []engine.Option
	ruleBase string
	// expectedGiven says a whole-file checksum was given; targets are the
	// targets named (by the user or the policy), for the report's wording.
	expectedGiven bool
	targets       []string
}

// pageNames are the page's names for keys of engine/settings in the
// "options" object of a check message (site/static/app.js):
//
//	{expected: {sha256: hex} or {sha512: hex}, signerPin: hex,
//	 trustRoots: PEM text, wholeFile: bool, targets: [names], ...}
//
// The object may also use the keys of engine/settings themselves (the
// widget passes its attributes so: sha256, signer-sha256, targets,
// profile, policy, whole-file). ruleBase, the URL prefix of the rule
// pages, is the page's own.
var pageNames = map[string]string{
	"signerPin":  settings.KeySignerSHA256,
	"trustRoots": settings.KeyTrustRoots,
	"wholeFile":  settings.KeyWholeFile,
}

// optionsFrom reads the options object of a check message, decoded into
// Go values (strings, booleans, numbers, lists and objects), and parses it
// with engine/settings. The whole file's digest is computed unless the
// object says otherwise. A problem the user must fix comes back as the
// parser's error, which names the key at fault.
func optionsFrom(obj map[string]any) (checkOptions, *settings.Error) {
	o := checkOptions{ruleBase: "rules/"}
	v := url.Values{}
	keys := make([]string, 0, len(obj))
	for k := range obj {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		val := obj[k]
		switch k {
		case "ruleBase":
			if s, ok := val.(string); ok {
				o.ruleBase = s
			}
			continue
		case "expected":
			// {sha256: hex} or {sha512: hex}
			m, _ := val.(map[string]any)
			for alg, hex := range m {
				if err := add(v, alg, hex); err != nil {
					return o, err
				}
			}
			continue
		}
		if name, ok := pageNames[k]; ok {
			k = name
		}
		if err := add(v, k, val); err != nil {
			return o, err
		}
	}
	if _, ok := v[settings.KeyWholeFile]; !ok {
		v.Set(settings.KeyWholeFile, "true")
	}
	s, err := settings.Parse(v)
	var e *settings.Error
	if errors.As(err, &e) {
		return o, e
	} else if err != nil {
		return o, &settings.Error{Message: err.Error()}
	}
	o.engine = s.Options()
	o.expectedGiven = len(s.Expected) > 0
	o.targets = s.JudgedTargets()
	return o, nil
}

// add puts the value of key into v as text: a list as repeated values,
// a boolean as true or false; nil (undefined, null) is left out.
func add(v url.Values, key string, val any) *settings.Error {
	switch x := val.(type) {
	case nil:
	case string:
		v.Add(key, x)
	case bool:
		v.Add(key, strconv.FormatBool(x))
	case float64:
		v.Add(key, strconv.FormatFloat(x, 'f', -1, 64))
	case []any:
		for _, e := range x {
			if err := add(v, key, e); err != nil {
				return err
			}
		}
	default:
		return &settings.Error{Key: key, Message: "option " + strconv.Quote(key) + " is neither text, a list nor true or false"}
	}
	return nil
}
