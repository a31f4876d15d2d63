package policy

import (
	"fmt"
	"strings"

	"github.com/ovacheck/ovacheck/engine/rules"
)

// checkSelector returns why sel selects nothing, or "" when it is good.
// The schema has already checked its form.
func checkSelector(sel string) string {
	body := strings.TrimPrefix(sel, "-")
	if body == "all" {
		return ""
	}
	if prefix, ok := strings.CutSuffix(body, "*"); ok {
		for _, r := range rules.All() {
			if strings.HasPrefix(r.ID, prefix) {
				return ""
			}
		}
		return fmt.Sprintf("%q matches no rule", sel)
	}
	if _, ok := rules.Lookup(body); !ok {
		return fmt.Sprintf("%q is not a rule: no rule has the ID %s", sel, body)
	}
	return ""
}

// matches reports whether the selector body (without "-") selects id.
func matches(body, id string) bool {
	if body == "all" {
		return true
	}
	if prefix, ok := strings.CutSuffix(body, "*"); ok {
		return strings.HasPrefix(id, prefix)
	}
	return id == body
}

// selects reports whether a selector list selects id: read left to right,
// plain selectors add, "-" selectors remove, and a list starting with a
// "-" selector starts from every rule.
func selects(list []string, id string) bool {
	in := len(list) > 0 && strings.HasPrefix(list[0], "-")
	for _, sel := range list {
		if body, neg := strings.CutPrefix(sel, "-"); neg {
			if matches(body, id) {
				in = false
			}
		} else if matches(sel, id) {
			in = true
		}
	}
	return in
}
