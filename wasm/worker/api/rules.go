package api

import (
	"net/http"

	"github.com/ovacheck/ovacheck/engine/rules"
)

// ruleJSON is one rule as the API lists it.
type ruleJSON struct {
	ID     string `json:"id"`
	Title  string `json:"title"`
	Family string `json:"family"`
	// Severity is the compat profile's, with no target named.
	Severity string `json:"severity"`
	// Strict is the severity in the strict profile when it differs.
	Strict string `json:"strict,omitempty"`
	Spec   string `json:"spec,omitempty"`
	// Doc is the rule's markdown document, in GET /api/v1/rules/{id} only.
	Doc string `json:"doc,omitempty"`
}

func toJSON(r *rules.Rule) ruleJSON {
	compat, strict := r.Listed()
	out := ruleJSON{ID: r.ID, Title: r.Title, Family: r.Family(), Severity: string(compat), Spec: r.Spec}
	if strict != compat {
		out.Strict = string(strict)
	}
	return out
}

// listRules handles GET /api/v1/rules.
func listRules(w http.ResponseWriter, _ *http.Request) {
	all := rules.All()
	out := make([]ruleJSON, len(all))
	for i, r := range all {
		out[i] = toJSON(r)
	}
	w.Header().Set("Cache-Control", "public, max-age=300")
	writeJSON(w, http.StatusOK, out)
}

// oneRule handles GET /api/v1/rules/{id}.
func oneRule(w http.ResponseWriter, r *http.Request) {
	id := r.PathValue("id")
	rule, ok := rules.Lookup(id)
	if !ok {
		writeError(w, http.StatusNotFound, apiError{Error: "no rule " + truncate(id, 40) + "; GET /api/v1/rules lists them"})
		return
	}
	out := toJSON(rule)
	out.Doc = rule.Doc()
	w.Header().Set("Cache-Control", "public, max-age=300")
	writeJSON(w, http.StatusOK, out)
}
