package engine_test

import (
	"github.com/ovacheck/ovacheck/engine"
	"github.com/ovacheck/ovacheck/engine/policy"
)

// init lets the case loader of package engine apply the policy: member of
// a case (the POL examples in testdata/rules) as the command line's
// --policy flag does; engine's internal tests cannot import engine/policy.
func init() {
	engine.CasePolicyOptions = func(doc []byte, targets []string) ([]engine.Option, error) {
		p, err := policy.Load(doc)
		if err != nil {
			return nil, err
		}
		return p.Options(targets), nil
	}
}
