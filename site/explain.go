package site

import (
	"regexp"
	"strings"

	"github.com/ovacheck/ovacheck/engine/rules"
)

var firstHeading = regexp.MustCompile(`^<h1>.*</h1>\n`)

// RuleExplanation renders rule r's document for showing inside a finding,
// under the report's h3 group headings: the title heading is left out (the
// finding shows the rule's ID and title already) and the document's section
// headings become h4.
func RuleExplanation(r *rules.Rule) string {
	html := firstHeading.ReplaceAllString(Markdown(r.Doc()), "")
	return strings.NewReplacer("<h2>", "<h4>", "</h2>", "</h4>", "<h3>", "<h5>", "</h3>", "</h5>").Replace(html)
}
