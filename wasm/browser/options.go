//go:build js && wasm

package main

import (
	"crypto/x509"
	"slices"
	"strings"
	"syscall/js"

	"github.com/ovacheck/ovacheck/engine"
	"github.com/ovacheck/ovacheck/engine/policy"
	"github.com/ovacheck/ovacheck/engine/signature"
)

// checkOptions are what the page or the widget asks of one check, read
// from the "options" object of a check message:
//
//	{expected: {sha256: hex} or {sha512: hex}, signerPin: hex,
//	 policy: JSON text, targets: [names], wholeFile: bool (default true),
//	 ruleBase: URL prefix of the rule pages, profile: "compat" | "strict",
//	 trustRoots: PEM text of the root certificates to build chains to}
type checkOptions struct {
	engine   []engine.Option
	ruleBase string
	// expectedGiven says a whole-file checksum was given; targets are the
	// targets named (by the user or the policy), for the report's wording.
	expectedGiven bool
	targets       []string
}

// readOptions turns the message's options into engine options. A problem
// the user must fix (a malformed pin or policy) is returned as a message.
func readOptions(v js.Value) (checkOptions, string) {
	o := checkOptions{ruleBase: "rules/"}
	if !v.Truthy() {
		o.engine = append(o.engine, engine.WithWholeFileDigest(true))
		return o, ""
	}
	if rb := v.Get("ruleBase"); rb.Type() == js.TypeString {
		o.ruleBase = rb.String()
	}
	whole := true
	if w := v.Get("wholeFile"); w.Type() == js.TypeBoolean {
		whole = w.Bool()
	}
	o.engine = append(o.engine, engine.WithWholeFileDigest(whole))
	if p := v.Get("profile"); p.Type() == js.TypeString && p.String() != "" {
		o.engine = append(o.engine, engine.WithProfile(p.String()))
	}
	if exp := v.Get("expected"); exp.Truthy() {
		for _, alg := range []string{"sha256", "sha512"} {
			if h := exp.Get(alg); h.Type() == js.TypeString && strings.TrimSpace(h.String()) != "" {
				if !isHex(strings.TrimSpace(h.String()), hexLen[alg]) {
					return o, "The published " + strings.ToUpper(alg) + " is not " + itoa(hexLen[alg]) + " hex digits."
				}
				o.engine = append(o.engine, engine.WithExpectedDigest(alg, strings.ToLower(strings.TrimSpace(h.String()))))
				o.expectedGiven = true
			}
		}
	}
	var targets []string
	if ts := v.Get("targets"); ts.Truthy() {
		for i := 0; i < ts.Length(); i++ {
			if t := strings.TrimSpace(ts.Index(i).String()); t != "" {
				targets = append(targets, t)
			}
		}
	}
	if len(targets) > 0 {
		o.engine = append(o.engine, engine.WithTargets(targets...))
		o.targets = targets
	}
	if roots := v.Get("trustRoots"); roots.Type() == js.TypeString && strings.TrimSpace(roots.String()) != "" {
		pool := x509.NewCertPool()
		if !pool.AppendCertsFromPEM([]byte(roots.String())) {
			return o, "The trust roots hold no PEM certificate (-----BEGIN CERTIFICATE-----)."
		}
		o.engine = append(o.engine, engine.WithTrustRoots(pool))
	}
	if pin := v.Get("signerPin"); pin.Type() == js.TypeString && strings.TrimSpace(pin.String()) != "" {
		norm, err := signature.NormalizePin(pin.String())
		if err != nil {
			return o, "The pinned signer fingerprint is not a SHA-256 fingerprint (64 hex digits)."
		}
		o.engine = append(o.engine, engine.WithSignerPin(norm))
	}
	if doc := v.Get("policy"); doc.Type() == js.TypeString && strings.TrimSpace(doc.String()) != "" {
		p, err := policy.Load([]byte(doc.String()))
		if err != nil {
			return o, "The policy is not valid: " + err.Error()
		}
		// Options applies the policy and adds its required targets to
		// those named.
		o.engine = append(o.engine, p.Options(targets)...)
		for _, t := range p.RequiredTargets {
			if !slices.Contains(o.targets, t) {
				o.targets = append(o.targets, t)
			}
		}
	}
	return o, ""
}

// hexLen is the length in hex digits of each algorithm's digest.
var hexLen = map[string]int{"sha256": 64, "sha512": 128}

// isHex reports whether s is n hex digits.
func isHex(s string, n int) bool {
	if len(s) != n {
		return false
	}
	for _, c := range s {
		if !strings.ContainsRune("0123456789abcdefABCDEF", c) {
			return false
		}
	}
	return true
}
