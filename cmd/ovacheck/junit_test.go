package main

import (
	"encoding/xml"
	"path/filepath"
	"strings"
	"testing"
)

// junitOf parses JUnit XML with encoding/xml into a reader's own shape.
type junitRead struct {
	Tests    int `xml:"tests,attr"`
	Failures int `xml:"failures,attr"`
	Errors   int `xml:"errors,attr"`
	Suites   []struct {
		Name     string `xml:"name,attr"`
		Tests    int    `xml:"tests,attr"`
		Failures int    `xml:"failures,attr"`
		Cases    []struct {
			Name    string `xml:"name,attr"`
			Failure *struct {
				Message string `xml:"message,attr"`
				Text    string `xml:",chardata"`
			} `xml:"failure"`
			Error *struct {
				Message string `xml:"message,attr"`
			} `xml:"error"`
			SystemOut string `xml:"system-out"`
		} `xml:"testcase"`
	} `xml:"testsuite"`
}

func junitOf(t *testing.T, out string) junitRead {
	t.Helper()
	var r junitRead
	if err := xml.Unmarshal([]byte(out), &r); err != nil {
		t.Fatalf("JUnit output does not parse: %v\n%s", err, out)
	}
	return r
}

func TestJUnitOneSuitePerPackageOneCasePerFamily(t *testing.T) {
	s := writeSamples(t)
	missing := filepath.Join(s.dir, "gone.ova")
	code, out, _ := ovacheck(t, nil, "--format", "junit", s.sound, s.damaged, missing)
	if code != exitCantRun {
		t.Errorf("exit %d, want %d (the worst: one package could not be checked)", code, exitCantRun)
	}
	r := junitOf(t, out)
	if len(r.Suites) != 3 {
		t.Fatalf("%d suites, want one per package (3)", len(r.Suites))
	}
	sound, damaged, gone := r.Suites[0], r.Suites[1], r.Suites[2]
	if sound.Name != s.sound || len(sound.Cases) != len(familyOrder) || sound.Failures != 0 {
		t.Errorf("sound suite %q: %d cases, %d failures; want %d cases, none failing", sound.Name, len(sound.Cases), sound.Failures, len(familyOrder))
	}
	var mf string
	for _, c := range damaged.Cases {
		if strings.HasPrefix(c.Name, "MF:") && c.Failure != nil {
			mf = c.Failure.Text
		} else if c.Failure != nil {
			t.Errorf("damaged package: %s fails too: %s", c.Name, c.Failure.Text)
		}
	}
	if !strings.Contains(mf, "MF003 error appliance.mf:2:1") {
		t.Errorf("the MF testcase's failure does not carry MF003 at its line: %q", mf)
	}
	if damaged.Failures != 1 || r.Failures != 1 || r.Errors != 1 || r.Tests != 2*len(familyOrder)+1 {
		t.Errorf("counts: damaged %d failures; total %d tests, %d failures, %d errors", damaged.Failures, r.Tests, r.Failures, r.Errors)
	}
	if len(gone.Cases) != 1 || gone.Cases[0].Error == nil {
		t.Errorf("a package that could not be checked is not one erroring testcase: %+v", gone)
	}
}

func TestJUnitNotesNeverFail(t *testing.T) {
	s := writeSamples(t)
	// The sound sample has notes only: notes never fail, they are printed.
	_, out, _ := ovacheck(t, nil, "--format", "junit", "--fail-on", "warning", s.sound)
	r := junitOf(t, out)
	notes := 0
	for _, c := range r.Suites[0].Cases {
		if c.Failure != nil {
			t.Errorf("%s fails on a note: %s", c.Name, c.Failure.Text)
		}
		notes += strings.Count(c.SystemOut, " info ")
	}
	if notes == 0 {
		t.Errorf("the sound package's notes are not in system-out:\n%s", out)
	}
}
