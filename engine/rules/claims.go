package rules

import (
	"regexp"
	"slices"
	"strings"
)

// consumerWords are the names by which messages, hints and documents speak
// of each consumer.
var consumerWords = []struct {
	word string
	who  []Consumer
}{
	{"vsphere", []Consumer{VSphere}}, {"vcenter", []Consumer{VSphere}}, {"esxi", []Consumer{VSphere}},
	{"workstation", []Consumer{Workstation}}, {"fusion", []Consumer{Workstation}},
	{"vmware", VMware}, {"ovftool", VMware}, {"ovf tool", VMware},
	{"virtualbox", []Consumer{VirtualBox}},
	{"proxmox", []Consumer{Proxmox}},
	{"virt-v2v", []Consumer{VirtV2V}},
	{"xenserver", []Consumer{XenServer}}, {"xencenter", []Consumer{XenServer}}, {"xcp-ng", []Consumer{XenServer}},
}

// clauseBreak ends a clause: a sentence or clause mark, a full stop
// followed by a blank (so "vSphere 6.5" stays in one clause), or a
// contrasting conjunction ("VirtualBox reads it, but virt-v2v refuses").
var clauseBreak = regexp.MustCompile(`[;:!?\n]|\.(\s|$)|,? but |,? while |,? whereas `)

// refusalVerb is what a clause says somebody does when it claims a
// refusal; the consumer words before it are its subjects.
var refusalVerb = regexp.MustCompile(`\b(refuse|refuses|refused|reject|rejects|rejected)\b`)

// negation marks a clause that says somebody does not refuse.
var negation = regexp.MustCompile(`\b(not|never|no|nothing|without|unless|whether|if|instead of)\b|n't\b`)

// RefusalClaims returns the consumers that text says refuse something: a
// consumer named in the same clause before "refuses" or "rejects", in a
// clause that is not negated. It is how the tests hold the words of
// messages, hints and documents to the consequences the rules declare.
// Conditional and negated clauses ("if vSphere refuses", "VirtualBox does
// not refuse") claim nothing.
func RefusalClaims(text string) []Consumer {
	var out []Consumer
	for _, clause := range clauseBreak.Split(strings.ToLower(text), -1) {
		loc := refusalVerb.FindStringIndex(clause)
		if loc == nil {
			continue
		}
		clause = clause[:loc[1]]
		if negation.MatchString(clause) {
			continue
		}
		for _, cw := range consumerWords {
			if !strings.Contains(clause, cw.word) {
				continue
			}
			for _, c := range cw.who {
				if !slices.Contains(out, c) {
					out = append(out, c)
				}
			}
		}
	}
	return out
}

// Unbacked returns the consumers that text claims refuse a finding of r
// although r's consequences do not record them refusing. A claim about
// "VMware" is backed when either VMware consumer refuses.
func (r *Rule) Unbacked(text string) []Consumer {
	claims := RefusalClaims(text)
	var out []Consumer
	vmwareBacked := r.Consequence(VSphere).Effect == Refuses || r.Consequence(Workstation).Effect == Refuses
	for _, c := range claims {
		if r.Consequence(c).Effect == Refuses {
			continue
		}
		if slices.Contains(VMware, c) && vmwareBacked && !strings.Contains(strings.ToLower(text), string(c)) {
			continue // "VMware refuses": one of the two does
		}
		out = append(out, c)
	}
	return out
}
