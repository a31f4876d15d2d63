package main

import (
	"archive/tar"
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/ovacheck/ovacheck/engine/ovatest"
	"github.com/ovacheck/ovacheck/engine/rules"
	"github.com/santhosh-tekuri/jsonschema/v5"
)

// sampleSet writes a sound OVA, a damaged one (a flipped disk bit) and a
// folder package into a new folder, and returns their paths.
type sampleSet struct{ dir, sound, damaged, folderOVF string }

func writeSamples(t *testing.T) sampleSet {
	t.Helper()
	dir := t.TempDir()
	s := sampleSet{
		dir:       dir,
		sound:     filepath.Join(dir, "sound.ova"),
		damaged:   filepath.Join(dir, "damaged.ova"),
		folderOVF: filepath.Join(dir, "unpacked", "appliance.ovf"),
	}
	members := ovatest.Appliance{}.Members()
	mustWrite(t, s.sound, ovatest.OVA(tar.FormatUSTAR, members...))
	for _, m := range members {
		mustWrite(t, filepath.Join(dir, "unpacked", m.Name), m.Data)
	}
	members[2].Data = bytes.Clone(members[2].Data)
	members[2].Data[1000] ^= 1
	mustWrite(t, s.damaged, ovatest.OVA(tar.FormatUSTAR, members...))
	return s
}

func mustWrite(t *testing.T, name string, data []byte) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(name, data, 0o644); err != nil {
		t.Fatal(err)
	}
}

var (
	sarifSchemaOnce sync.Once
	sarifSchema     *jsonschema.Schema
	sarifSchemaErr  error
)

// validateSARIF checks doc against the SARIF 2.1.0 schema vendored in
// testdata (see testdata/README.md for where it comes from).
func validateSARIF(t *testing.T, doc []byte) {
	t.Helper()
	if err := sarifProblems(doc); err != nil {
		t.Fatalf("not valid SARIF 2.1.0: %v\n%s", err, doc)
	}
}

func sarifProblems(doc []byte) error {
	sarifSchemaOnce.Do(func() {
		data, err := os.ReadFile("testdata/sarif-schema-2.1.0.json")
		if err != nil {
			sarifSchemaErr = err
			return
		}
		c := jsonschema.NewCompiler()
		const id = "https://ovacheck.test/sarif-schema-2.1.0.json"
		if err := c.AddResource(id, bytes.NewReader(data)); err != nil {
			sarifSchemaErr = err
			return
		}
		sarifSchema, sarifSchemaErr = c.Compile(id)
	})
	if sarifSchemaErr != nil {
		return fmt.Errorf("SARIF schema: %w", sarifSchemaErr)
	}
	var v any
	if err := json.Unmarshal(doc, &v); err != nil {
		return err
	}
	return sarifSchema.Validate(v)
}

// TestSARIFSchemaBites makes sure the schema check is not vacuous: logs
// with a wrong version, a relative helpUri or a line 0 are refused.
func TestSARIFSchemaBites(t *testing.T) {
	s := writeSamples(t)
	_, out, _ := ovacheck(t, nil, "--format", "sarif", s.damaged)
	validateSARIF(t, []byte(out))
	for name, breakIt := range map[string]func(string) string{
		"version 2.0": func(s string) string { return strings.Replace(s, `"version": "2.1.0"`, `"version": "2.0.0"`, 1) },
		"relative helpUri": func(s string) string {
			return strings.Replace(s, `"helpUri": "https://ovacheck.dev/rules/`, `"helpUri": "rules/`, 1)
		},
		"line 0": func(s string) string { return strings.Replace(s, `"startLine": 2`, `"startLine": 0`, 1) },
	} {
		bad := breakIt(out)
		if bad == out {
			t.Fatalf("%s: nothing replaced", name)
		}
		if sarifProblems([]byte(bad)) == nil {
			t.Errorf("%s: the schema accepts it", name)
		}
	}
}

// sarifOf decodes a SARIF log into the writer's own types.
func sarifOf(t *testing.T, out string) sarifLog {
	t.Helper()
	validateSARIF(t, []byte(out))
	var log sarifLog
	if err := json.Unmarshal([]byte(out), &log); err != nil {
		t.Fatal(err)
	}
	if len(log.Runs) != 1 {
		t.Fatalf("%d runs, want 1", len(log.Runs))
	}
	return log
}

func TestSARIFValidatesAndListsEveryRule(t *testing.T) {
	s := writeSamples(t)
	code, out, errOut := ovacheck(t, nil, "--format", "sarif", s.sound, s.damaged, s.folderOVF)
	if code != exitFail {
		t.Errorf("exit %d, want %d (the damaged package fails)\n%s", code, exitFail, errOut)
	}
	run := sarifOf(t, out).Runs[0]
	all := rules.All()
	if len(run.Tool.Driver.Rules) != len(all) {
		t.Fatalf("%d rules in tool.driver.rules, want every one of %d", len(run.Tool.Driver.Rules), len(all))
	}
	for i, r := range all {
		got := run.Tool.Driver.Rules[i]
		if got.ID != r.ID || got.ShortDescription.Text != r.Title || got.HelpURI != "https://ovacheck.dev/rules/"+r.ID+".html" {
			t.Errorf("rule %d is %+v, want %s %q with its rule page", i, got, r.ID, r.Title)
		}
		// GitHub code scanning refuses rules without these (the SARIF
		// multitool's GH2012).
		if got.FullDescription.Text == "" || !strings.HasPrefix(got.Help.Markdown, "**What.**") || !strings.Contains(got.Help.Text, "Fix.") {
			t.Errorf("%s: full description %q, help %q", r.ID, got.FullDescription.Text, got.Help.Text)
		}
		// The default level is what a compat user gets with no target
		// named, computed from the consumers' records, as ovacheck rules
		// lists it.
		if compat, _ := r.Listed(); got.DefaultConfiguration.Level != sarifLevel(compat) {
			t.Errorf("%s default level %s, want %s", r.ID, got.DefaultConfiguration.Level, compat)
		}
	}
	targets := 0
	for _, a := range run.Artifacts {
		if len(a.Roles) == 1 && a.Roles[0] == "analysisTarget" {
			targets++
		}
	}
	if targets != 3 {
		t.Errorf("%d analysis targets, want one per package (3)", targets)
	}
}

// TestSARIFPlacesFindings opens each result's location the way a SARIF
// viewer does: the artifact, then the region's line and column.
func TestSARIFPlacesFindings(t *testing.T) {
	s := writeSamples(t)
	_, out, _ := ovacheck(t, nil, "--format", "sarif", s.damaged, s.folderOVF)
	run := sarifOf(t, out).Runs[0]

	var mf003 *sarifResult
	for i, r := range run.Results {
		if r.RuleID == "MF003" {
			mf003 = &run.Results[i]
		}
		if r.RuleIndex < 0 || run.Tool.Driver.Rules[r.RuleIndex].ID != r.RuleID {
			t.Errorf("%s: ruleIndex %d does not point at its rule", r.RuleID, r.RuleIndex)
		}
	}
	if mf003 == nil {
		t.Fatalf("no MF003 result for the flipped disk bit:\n%s", out)
	}
	loc := mf003.Locations[0].PhysicalLocation
	member := run.Artifacts[*loc.ArtifactLocation.Index]
	if loc.ArtifactLocation.URI != "appliance.mf" || member.ParentIndex == nil ||
		run.Artifacts[*member.ParentIndex].Location.URI != sarifURI(s.damaged) {
		t.Errorf("MF003 is at %+v (artifact %+v), want the manifest inside damaged.ova", loc.ArtifactLocation, member)
	}
	if loc.Region == nil || loc.Region.StartLine != 2 || loc.Region.StartColumn != 1 {
		t.Errorf("MF003 region %+v, want line 2 column 1 (the disk's manifest line)", loc.Region)
	}
	if mf003.Level != "error" || mf003.AnalysisTarget.URI != sarifURI(s.damaged) {
		t.Errorf("MF003 level %s, target %s", mf003.Level, mf003.AnalysisTarget.URI)
	}

	// In the folder package, every located result opens a real file at a
	// line that holds text at the column.
	opened := 0
	for _, r := range run.Results {
		if r.AnalysisTarget.URI != sarifURI(s.folderOVF) {
			continue
		}
		pl := r.Locations[0].PhysicalLocation
		if pl.Region == nil || pl.Region.StartLine == 0 {
			continue
		}
		u, err := url.Parse(pl.ArtifactLocation.URI)
		if err != nil {
			t.Fatal(err)
		}
		line := lineOf(t, filepath.FromSlash(u.Path), pl.Region.StartLine)
		if pl.Region.StartColumn > len(line) {
			t.Errorf("%s at %s:%d:%d, but that line has %d bytes", r.RuleID, u.Path, pl.Region.StartLine, pl.Region.StartColumn, len(line))
		}
		opened++
	}
	if opened == 0 {
		t.Errorf("no located result in the folder package to open:\n%s", out)
	}
}

// lineOf returns line n (1-based) of a file, failing when it has fewer.
func lineOf(t *testing.T, name string, n int) string {
	t.Helper()
	f, err := os.Open(name)
	if err != nil {
		t.Fatalf("artifact does not open: %v", err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for i := 1; sc.Scan(); i++ {
		if i == n {
			return sc.Text()
		}
	}
	t.Fatalf("%s has no line %d", name, n)
	return ""
}

func TestSARIFCouldNotCheck(t *testing.T) {
	s := writeSamples(t)
	missing := filepath.Join(s.dir, "gone.ova")
	code, out, _ := ovacheck(t, nil, "--format", "sarif", s.sound, missing)
	if code != exitCantRun {
		t.Errorf("exit %d, want %d", code, exitCantRun)
	}
	inv := sarifOf(t, out).Runs[0].Invocations[0]
	if inv.ExecutionSuccessful || len(inv.Notifications) != 1 || !strings.Contains(inv.Notifications[0].Message.Text, "gone.ova") {
		t.Errorf("invocation %+v, want one notification naming gone.ova", inv)
	}
}

func TestSARIFURIsAreEscaped(t *testing.T) {
	for in, want := range map[string]string{
		"my disk.vmdk": "my%20disk.vmdk",
		"a:b.ova":      "./a:b.ova",
		"dir/x#1.ova":  "dir/x%231.ova",
		"/tmp/a b.ova": "file:///tmp/a%20b.ova",
	} {
		if got := sarifURI(in); got != want {
			t.Errorf("sarifURI(%q) = %q, want %q", in, got, want)
		}
	}
}
