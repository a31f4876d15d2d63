package main

import (
	"cmp"
	"encoding/json"
	"io"
	"net/url"
	"path/filepath"
	"strings"

	"github.com/ovacheck/ovacheck/engine"
	"github.com/ovacheck/ovacheck/engine/report"
	"github.com/ovacheck/ovacheck/engine/rules"
)

// defaultRulesURL is the site's folder of rule pages, each named
// <ID>.html (build/sitegen). The origin is the one the project's own
// schemas take as theirs (schemas/report.schema.json's $id).
const defaultRulesURL = "https://ovacheck.dev/rules/"

// sarifOptions shape a SARIF log.
type sarifOptions struct {
	// Profile chooses the rules' default levels ("compat" or "strict").
	Profile string
	// RulesURL is the base of the rule pages, e.g. a self-hosted copy of
	// the site's rules/ folder; empty means defaultRulesURL.
	RulesURL string
}

// ruleURL returns the page documenting rule id.
func (o sarifOptions) ruleURL(id string) string {
	base := cmp.Or(o.RulesURL, defaultRulesURL)
	return strings.TrimSuffix(base, "/") + "/" + id + ".html"
}

// The SARIF 2.1.0 objects ovacheck writes (OASIS SARIF 2.1.0, section 3);
// only the properties it fills are declared.
type (
	sarifLog struct {
		Schema  string     `json:"$schema"`
		Version string     `json:"version"`
		Runs    []sarifRun `json:"runs"`
	}
	sarifRun struct {
		Tool        sarifTool         `json:"tool"`
		Invocations []sarifInvocation `json:"invocations"`
		Artifacts   []sarifArtifact   `json:"artifacts,omitempty"`
		Results     []sarifResult     `json:"results"`
	}
	sarifTool struct {
		Driver sarifDriver `json:"driver"`
	}
	sarifDriver struct {
		Name           string      `json:"name"`
		Version        string      `json:"version"`
		InformationURI string      `json:"informationUri"`
		Rules          []sarifRule `json:"rules"`
	}
	sarifRule struct {
		ID                   string            `json:"id"`
		ShortDescription     sarifText         `json:"shortDescription"`
		FullDescription      sarifText         `json:"fullDescription"`
		Help                 sarifHelp         `json:"help"`
		HelpURI              string            `json:"helpUri"`
		DefaultConfiguration sarifRuleConfig   `json:"defaultConfiguration"`
		Properties           sarifRuleProperty `json:"properties"`
	}
	sarifRuleConfig struct {
		Level string `json:"level"`
	}
	sarifRuleProperty struct {
		Tags []string `json:"tags,omitempty"`
	}
	sarifText struct {
		Text string `json:"text"`
	}
	sarifHelp struct {
		Text     string `json:"text"`
		Markdown string `json:"markdown"`
	}
	sarifInvocation struct {
		ExecutionSuccessful bool                `json:"executionSuccessful"`
		Notifications       []sarifNotification `json:"toolExecutionNotifications,omitempty"`
	}
	sarifNotification struct {
		Level     string          `json:"level"`
		Message   sarifText       `json:"message"`
		Locations []sarifLocation `json:"locations,omitempty"`
	}
	sarifArtifact struct {
		Location    sarifArtifactLocation `json:"location"`
		ParentIndex *int                  `json:"parentIndex,omitempty"`
		Roles       []string              `json:"roles,omitempty"`
		Length      *int64                `json:"length,omitempty"`
	}
	sarifArtifactLocation struct {
		URI   string `json:"uri"`
		Index *int   `json:"index,omitempty"`
	}
	sarifResult struct {
		RuleID         string                `json:"ruleId"`
		RuleIndex      int                   `json:"ruleIndex"`
		Level          string                `json:"level"`
		Message        sarifText             `json:"message"`
		AnalysisTarget sarifArtifactLocation `json:"analysisTarget"`
		Locations      []sarifLocation       `json:"locations"`
		RelatedLocs    []sarifLocation       `json:"relatedLocations,omitempty"`
	}
	sarifLocation struct {
		ID               *int                  `json:"id,omitempty"`
		PhysicalLocation sarifPhysicalLocation `json:"physicalLocation"`
	}
	sarifPhysicalLocation struct {
		ArtifactLocation sarifArtifactLocation `json:"artifactLocation"`
		Region           *sarifRegion          `json:"region,omitempty"`
	}
	sarifRegion struct {
		StartLine   int    `json:"startLine,omitempty"`
		StartColumn int    `json:"startColumn,omitempty"`
		ByteOffset  *int64 `json:"byteOffset,omitempty"`
		ByteLength  *int64 `json:"byteLength,omitempty"`
	}
)

// sarifSchemaURI names the schema the log claims to follow.
const sarifSchemaURI = "https://json.schemastore.org/sarif-2.1.0.json"

// writeSARIF writes the results as one SARIF 2.1.0 log with one run: every
// rule ovacheck has in tool.driver.rules, each package an analysis target
// artifact, each finding a result whose location is the member (an
// artifact nested in its package when the package is an archive) and the
// line and column in it. A package that could not be checked is a
// tool-execution notification and makes the invocation unsuccessful.
func writeSARIF(w io.Writer, results []packageResult, o sarifOptions) error {
	run := sarifRun{
		Tool: sarifTool{Driver: sarifDriver{
			Name:           "ovacheck",
			Version:        engine.Version,
			InformationURI: "https://ovacheck.dev/",
		}},
		Results: []sarifResult{},
	}
	ruleIndex := map[string]int{}
	for i, r := range rules.All() {
		ruleIndex[r.ID] = i
		what, fix := docParagraph(r.Doc(), "What"), docParagraph(r.Doc(), "Fix")
		help := what + "\n\n" + fix + "\n\n" + o.ruleURL(r.ID)
		run.Tool.Driver.Rules = append(run.Tool.Driver.Rules, sarifRule{
			ID:                   r.ID,
			ShortDescription:     sarifText{Text: r.Title},
			FullDescription:      sarifText{Text: plainText(what)},
			Help:                 sarifHelp{Text: plainText(help), Markdown: help},
			HelpURI:              o.ruleURL(r.ID),
			DefaultConfiguration: sarifRuleConfig{Level: sarifLevel(r.SeverityFor(o.Profile, nil))},
			Properties:           sarifRuleProperty{Tags: []string{rules.Families[r.Family()]}},
		})
	}
	inv := sarifInvocation{ExecutionSuccessful: true}
	arts := artifactTable{run: &run}
	for _, pr := range results {
		pkg := arts.add(sarifURI(pr.Path), nil, []string{"analysisTarget"})
		if pr.Err != nil {
			inv.ExecutionSuccessful = false
			inv.Notifications = append(inv.Notifications, sarifNotification{
				Level:     "error",
				Message:   sarifText{Text: pr.Err.Error()},
				Locations: []sarifLocation{{PhysicalLocation: sarifPhysicalLocation{ArtifactLocation: arts.location(pkg)}}},
			})
			continue
		}
		size := pr.Report.Input.Size
		run.Artifacts[pkg].Length = &size
		for _, f := range pr.Report.Findings {
			res := sarifResult{
				RuleID:         f.Rule,
				RuleIndex:      -1,
				Level:          sarifLevel(f.Severity),
				Message:        sarifText{Text: findingText(f)},
				AnalysisTarget: arts.location(pkg),
				Locations:      []sarifLocation{arts.findingLocation(pr, pkg, f.Location)},
			}
			if i, ok := ruleIndex[f.Rule]; ok {
				res.RuleIndex = i
			}
			for i, rel := range f.Related {
				loc := arts.findingLocation(pr, pkg, rel)
				loc.ID = &i
				res.RelatedLocs = append(res.RelatedLocs, loc)
			}
			run.Results = append(run.Results, res)
		}
	}
	run.Invocations = []sarifInvocation{inv}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(sarifLog{Schema: sarifSchemaURI, Version: "2.1.0", Runs: []sarifRun{run}})
}

// docParagraph returns the paragraph of a rule document that starts with
// **name.** (What, Why, Wrong, Right, Fix), markup kept; "" if none.
// GitHub code scanning wants a full description and help for every rule;
// the What and Fix paragraphs give both without the whole document.
func docParagraph(doc, name string) string {
	for _, p := range strings.Split(doc, "\n\n") {
		if strings.HasPrefix(p, "**"+name+".**") {
			return strings.TrimSpace(p)
		}
	}
	return ""
}

// plainText drops the markdown emphasis and code marks of a paragraph.
func plainText(md string) string {
	return strings.NewReplacer("**", "", "`", "").Replace(md)
}

// findingText is the result's message: the finding, and its fix when known.
func findingText(f report.Finding) string {
	if f.Hint == "" {
		return f.Message
	}
	return f.Message + "\nFix: " + f.Hint
}

// sarifLevel maps a severity onto SARIF's levels (3.27.10).
func sarifLevel(s report.Severity) string {
	switch s {
	case report.Error:
		return "error"
	case report.Warning:
		return "warning"
	}
	return "note"
}

// artifactTable numbers the run's artifacts, each URI (and parent) once.
type artifactTable struct {
	run   *sarifRun
	index map[[2]any]int
}

// add returns the index of the artifact at uri under parent (nil: none),
// adding it if new.
func (t *artifactTable) add(uri string, parent *int, roles []string) int {
	if t.index == nil {
		t.index = map[[2]any]int{}
	}
	key := [2]any{uri, -1}
	if parent != nil {
		key[1] = *parent
	}
	if i, ok := t.index[key]; ok {
		return i
	}
	i := len(t.run.Artifacts)
	t.run.Artifacts = append(t.run.Artifacts, sarifArtifact{
		Location:    sarifArtifactLocation{URI: uri},
		ParentIndex: parent,
		Roles:       roles,
	})
	t.index[key] = i
	return i
}

// location returns a reference to artifact i.
func (t *artifactTable) location(i int) sarifArtifactLocation {
	return sarifArtifactLocation{URI: t.run.Artifacts[i].Location.URI, Index: &i}
}

// findingLocation places a finding's location: in a member of an archive
// (an artifact nested in the package), in a file beside a folder package's
// descriptor (an artifact of its own, so viewers open the file), or on
// the package itself when the finding names no member.
func (t *artifactTable) findingLocation(pr packageResult, pkg int, loc report.Location) sarifLocation {
	art := pkg
	if loc.Member != "" {
		switch pr.Report.Input.Kind {
		case "folder", "descriptor":
			art = t.add(sarifURI(filepath.Join(filepath.Dir(pr.Path), filepath.FromSlash(loc.Member))), nil, nil)
		default:
			art = t.add(sarifURI(loc.Member), &pkg, nil)
		}
	}
	pl := sarifPhysicalLocation{ArtifactLocation: t.location(art)}
	switch size := memberSize(pr.Report, loc.Member); {
	case loc.Line > 0 || loc.Offset != nil:
		pl.Region = &sarifRegion{StartLine: loc.Line, StartColumn: loc.Column, ByteOffset: loc.Offset}
	case size > 0:
		// About the whole member: the region is all of its bytes
		// (SARIF 3.30.2), so viewers need not guess.
		zero := int64(0)
		pl.Region = &sarifRegion{ByteOffset: &zero, ByteLength: &size}
	}
	return sarifLocation{PhysicalLocation: pl}
}

// memberSize returns the size of a member of the package, or of the whole
// input when member is empty; 0 when not known.
func memberSize(rep *report.Report, member string) int64 {
	if member == "" {
		return rep.Input.Size
	}
	for _, f := range rep.Files {
		if f.Member == member {
			return f.Size
		}
	}
	return 0
}

// sarifURI turns a file path into a URI reference with the characters a
// URI cannot hold escaped ("my disk.vmdk" -> "my%20disk.vmdk"): relative
// for a relative path, as code scanning wants paths from the repository's
// root, and a file: URI for an absolute one (a reference starting with a
// slash would not combine with a base URI, SARIF 3.4.4).
func sarifURI(path string) string {
	if path == "-" {
		return "stdin"
	}
	if isURL(path) {
		return path
	}
	if filepath.IsAbs(path) {
		return (&url.URL{Scheme: "file", Path: filepath.ToSlash(path)}).String()
	}
	u := url.URL{Path: filepath.ToSlash(path)}
	s := u.String()
	// A first segment holding a colon would read as a scheme.
	if strings.Contains(strings.SplitN(s, "/", 2)[0], ":") {
		s = "./" + s
	}
	return s
}
