package main

import (
	"fmt"
	"io"

	"github.com/ovacheck/ovacheck/engine/rules"
)

// listRules prints every rule: ID, severity in the compat profile (strict
// severity when it differs) and title.
func listRules(w io.Writer) int {
	for _, r := range rules.All() {
		compat, strict := r.Listed()
		sev := string(compat)
		if strict != compat {
			sev += "/" + string(strict)
		}
		fmt.Fprintf(w, "%-7s %-15s %s\n", r.ID, sev, r.Title)
	}
	return exitOK
}

// explain prints one rule's document.
func explain(args []string, stdout, stderr io.Writer) int {
	if len(args) != 1 {
		fmt.Fprintln(stderr, "ovacheck: explain takes one rule ID, e.g. ovacheck explain MF003")
		return exitCantRun
	}
	r, ok := rules.Lookup(args[0])
	if !ok {
		fmt.Fprintf(stderr, "ovacheck: no rule %q (ovacheck rules lists them)\n", args[0])
		return exitCantRun
	}
	fmt.Fprint(stdout, r.Doc())
	compat, strict := r.Listed()
	fmt.Fprintf(stdout, "\nSeverity: %s (compat, no target named), %s (strict)", compat, strict)
	if r.Spec != "" {
		fmt.Fprintf(stdout, "\nSpecification: %s", r.Spec)
	}
	fmt.Fprintln(stdout)
	return exitOK
}
