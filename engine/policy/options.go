package policy

import (
	"slices"
	"strings"

	"github.com/ovacheck/ovacheck/engine"
)

// Options returns the engine options that apply p to a check whose targets
// were limited to targets (none: every target is judged): engine.WithPolicy
// and, when targets were named, engine.WithTargets with p's required
// targets added, so that they are judged too. Put them after any
// engine.WithTargets option: the last one wins. A nil p gives none.
//
// The command line's --policy flag is one call:
//
//	p, err := policy.LoadFile(path); ...; opts = append(opts, p.Options(targets)...)
func (p *Policy) Options(targets []string) []engine.Option {
	if p == nil {
		return nil
	}
	opts := []engine.Option{engine.WithPolicy(p)}
	if len(targets) > 0 {
		all := slices.Clone(targets)
		for _, t := range p.RequiredTargets {
			if !slices.ContainsFunc(all, func(s string) bool { return strings.EqualFold(s, t) }) {
				all = append(all, t)
			}
		}
		opts = append(opts, engine.WithTargets(all...))
	}
	return opts
}
