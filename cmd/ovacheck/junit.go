package main

import (
	"encoding/xml"
	"fmt"
	"io"
	"strings"

	"github.com/ovacheck/ovacheck/engine/report"
	"github.com/ovacheck/ovacheck/engine/rules"
)

// familyOrder lists the rule families in the order a reader meets them:
// the archive, its manifest and signature, then the descriptor.
var familyOrder = []string{"PKG", "MF", "SIG", "REF", "ENV", "DSK", "NET", "HW", "PRD", "CMP", "POL"}

// The JUnit XML elements ovacheck writes, in the shape CI systems read
// (Jenkins, GitLab, Azure Pipelines): testsuites > testsuite > testcase,
// with failure and error children.
type (
	junitSuites struct {
		XMLName  xml.Name     `xml:"testsuites"`
		Name     string       `xml:"name,attr"`
		Tests    int          `xml:"tests,attr"`
		Failures int          `xml:"failures,attr"`
		Errors   int          `xml:"errors,attr"`
		Suites   []junitSuite `xml:"testsuite"`
	}
	junitSuite struct {
		Name     string      `xml:"name,attr"`
		Tests    int         `xml:"tests,attr"`
		Failures int         `xml:"failures,attr"`
		Errors   int         `xml:"errors,attr"`
		Time     string      `xml:"time,attr"`
		Cases    []junitCase `xml:"testcase"`
	}
	junitCase struct {
		Name      string        `xml:"name,attr"`
		Classname string        `xml:"classname,attr"`
		Failure   *junitProblem `xml:"failure,omitempty"`
		Error     *junitProblem `xml:"error,omitempty"`
		SystemOut string        `xml:"system-out,omitempty"`
	}
	junitProblem struct {
		Message string `xml:"message,attr"`
		Type    string `xml:"type,attr"`
		Text    string `xml:",chardata"`
	}
)

// writeJUnit writes the results as JUnit XML: one testsuite per package,
// one testcase per rule family. A family's testcase fails when it has a
// finding at failOn or above, and the failure lists those findings; its
// other findings (warnings, notes) go to system-out. A package that could
// not be checked is a suite whose one testcase is an error.
func writeJUnit(w io.Writer, results []packageResult, failOn report.Severity) error {
	doc := junitSuites{Name: "ovacheck"}
	for _, pr := range results {
		suite := junitSuite{Name: pr.Path, Time: "0"}
		if pr.Err != nil {
			suite.Cases = []junitCase{{
				Name:      "check",
				Classname: pr.Path,
				Error:     &junitProblem{Message: pr.Err.Error(), Type: "could not check", Text: pr.Err.Error()},
			}}
			suite.Errors = 1
		} else {
			suite.Time = fmt.Sprintf("%.3f", float64(pr.Report.Stats.ElapsedMs)/1000)
			byFamily := map[string][]report.Finding{}
			for _, f := range pr.Report.Findings {
				fam := strings.TrimRight(f.Rule, "0123456789")
				byFamily[fam] = append(byFamily[fam], f)
			}
			for _, fam := range familyOrder {
				c := familyCase(pr.Path, fam, byFamily[fam], failOn)
				if c.Failure != nil {
					suite.Failures++
				}
				suite.Cases = append(suite.Cases, c)
			}
		}
		suite.Tests = len(suite.Cases)
		doc.Tests += suite.Tests
		doc.Failures += suite.Failures
		doc.Errors += suite.Errors
		doc.Suites = append(doc.Suites, suite)
	}
	if _, err := io.WriteString(w, xml.Header); err != nil {
		return err
	}
	enc := xml.NewEncoder(w)
	enc.Indent("", "  ")
	if err := enc.Encode(doc); err != nil {
		return err
	}
	_, err := io.WriteString(w, "\n")
	return err
}

// familyCase is the testcase of one rule family of one package.
func familyCase(pkg, fam string, fs []report.Finding, failOn report.Severity) junitCase {
	c := junitCase{Name: fam + ": " + rules.Families[fam], Classname: pkg}
	var failing, other []string
	for _, f := range fs {
		line := findingLine(f)
		if f.Severity != report.Info && f.Severity.AtLeast(failOn) {
			failing = append(failing, line)
		} else {
			other = append(other, line)
		}
	}
	if len(failing) > 0 {
		msg := fmt.Sprintf("%d finding(s) at %s or above", len(failing), failOn)
		c.Failure = &junitProblem{Message: msg, Type: string(failOn), Text: strings.Join(failing, "\n")}
	}
	c.SystemOut = strings.Join(other, "\n")
	return c
}

// findingLine is one finding as one line of text: rule, severity, place,
// message and fix.
func findingLine(f report.Finding) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s %s %s", f.Rule, f.Severity, placeOf(f.Location))
	fmt.Fprintf(&b, " %s", f.Message)
	if f.Hint != "" {
		fmt.Fprintf(&b, " (fix: %s)", f.Hint)
	}
	return b.String()
}

// placeOf writes a location as member:line:column, member@offset or
// member, or "package" when it names no member.
func placeOf(l report.Location) string {
	if l.Member == "" {
		return "package"
	}
	switch {
	case l.Line > 0 && l.Column > 0:
		return fmt.Sprintf("%s:%d:%d", l.Member, l.Line, l.Column)
	case l.Line > 0:
		return fmt.Sprintf("%s:%d", l.Member, l.Line)
	case l.Offset != nil:
		return fmt.Sprintf("%s@%d", l.Member, *l.Offset)
	}
	return l.Member
}
