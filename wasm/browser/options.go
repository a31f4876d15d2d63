//go:build js && wasm

package main

import (
	"crypto/x509"
	"strings"
	"syscall/js"

	"github.com/ovacheck/ovacheck/engine"
	"github.com/ovacheck/ovacheck/engine/policy"
	"github.com/ovacheck/ovacheck/engine/report"
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
				o.engine = append(o.engine, engine.WithExpectedDigest(alg, strings.ToLower(strings.TrimSpace(h.String()))))
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
	}
	if roots := v.Get("trustRoots"); roots.Type() == js.TypeString && strings.TrimSpace(roots.String()) != "" {
		pool := x509.NewCertPool()
		if !pool.AppendCertsFromPEM([]byte(roots.String())) {
			return o, "The trust roots hold no PEM certificate (-----BEGIN CERTIFICATE-----)."
		}
		o.engine = append(o.engine, engine.WithTrustRoots(pool))
	}
	var applied policies
	if pin := v.Get("signerPin"); pin.Type() == js.TypeString && strings.TrimSpace(pin.String()) != "" {
		norm, err := signature.NormalizePin(pin.String())
		if err != nil {
			return o, "The pinned signer fingerprint is not a SHA-256 fingerprint (64 hex digits)."
		}
		o.engine = append(o.engine, engine.WithSignerPin(norm))
		// The pin also requires a signature: an unsigned package fails.
		pinned, err := policy.Load([]byte(`{"version": 1, "name": "pinned signer", "pinnedSigners": ["` + norm + `"]}`))
		if err != nil {
			return o, "The pinned signer fingerprint could not be used: " + err.Error()
		}
		applied = append(applied, pinned)
	}
	if doc := v.Get("policy"); doc.Type() == js.TypeString && strings.TrimSpace(doc.String()) != "" {
		p, err := policy.Load([]byte(doc.String()))
		if err != nil {
			return o, "The policy is not valid: " + err.Error()
		}
		applied = append(applied, p)
		// Options adds the policy's required targets to those named.
		for _, opt := range p.Options(targets) {
			o.engine = append(o.engine, opt)
		}
	}
	if len(applied) > 0 {
		o.engine = append(o.engine, engine.WithPolicy(applied))
	}
	return o, ""
}

// policies applies several policies in turn (the pinned signer and the
// vendor's policy document).
type policies []*policy.Policy

// Apply applies each policy to r.
func (ps policies) Apply(r *report.Report) {
	for _, p := range ps {
		p.Apply(r)
	}
}
