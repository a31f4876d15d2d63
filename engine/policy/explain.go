package policy

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"

	"github.com/ovacheck/ovacheck/schemas/policycheck"
)

// explanations turn the schema's failures that users meet most into
// sentences that say what the field should hold. Keys are suffixes of the
// failing keyword's location in policy.schema.json.
var explanations = map[string]string{
	"/definitions/selector/pattern":                     "%s is not a rule selector: use all, a prefix such as HW* or HW0*, a rule ID such as MF004, or one of these after - to leave rules out",
	"/definitions/fingerprint/pattern":                  "%s is not a SHA-256 fingerprint: 64 hex digits, or 32 pairs separated by colons",
	"/properties/requiredTargets/items/pattern":         "%s is not a target name: lower-case letters, digits, dots and dashes, such as vsphere-8.0",
	"/definitions/ruleSetting/properties/severity/enum": "%s is not a severity: use off, info, warning or error",
	"/properties/minimumDigest/enum":                    "%s is not a digest algorithm the policy knows: use sha1, sha256 or sha512",
	"/properties/version/const":                         "%s is not a policy version this ovacheck reads: use 1",
}

// explain turns schema problems into policy problems, rewording the
// common ones with the offending value quoted.
func explain(ps []policycheck.Problem, data []byte) []Problem {
	var root any
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	_ = dec.Decode(&root) // syntaxProblem has already accepted data
	out := make([]Problem, 0, len(ps))
	for _, p := range ps {
		msg := p.Message
		for suffix, format := range explanations {
			if strings.HasSuffix(p.Keyword, suffix) {
				msg = fmt.Sprintf(format, quote(policycheck.ValueAt(root, p.Pointer)))
				break
			}
		}
		if strings.HasSuffix(p.Keyword, "/additionalProperties") {
			msg = strings.Replace(msg, "additionalProperties", "unknown field", 1)
		}
		out = append(out, Problem{Pointer: p.Pointer, Message: msg})
	}
	return out
}

// quote shows a value in a message: strings quoted, anything else as
// JSON, long values cut.
func quote(v any) string {
	var s string
	if str, ok := v.(string); ok {
		s = strconv.Quote(str)
	} else {
		b, _ := json.Marshal(v)
		s = string(b)
	}
	const maxShown = 80
	if len(s) > maxShown {
		s = s[:maxShown] + "…"
	}
	return s
}
