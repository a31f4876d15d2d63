package main

import (
	"encoding/json"
	"fmt"
	"strings"
)

// ovacheck returns the command that checks p as a user runs it, whose
// warm-up run renders the report as JSON for p.verify.
func ovacheck(bin, name string, p *pkg) *command {
	return &command{name: name, path: bin, args: []string{p.path},
		warmArgs: []string{"--format", "json", p.path}, check: p.verify}
}

// verify reads an ovacheck JSON report of p and fails unless the check
// was a real one: not failed, every disk's SHA-256 computed and equal to
// the one the bench wrote, and at least the disks' bytes read.
func (p *pkg) verify(out []byte) error {
	var rep struct {
		Verdict  string `json:"verdict"`
		Findings []struct {
			Rule     string `json:"rule"`
			Severity string `json:"severity"`
			Message  string `json:"message"`
			Location struct {
				Member string `json:"member"`
			} `json:"location"`
		} `json:"findings"`
		Files []struct {
			Member   string            `json:"member"`
			Digests  map[string]string `json:"digests"`
			Manifest string            `json:"manifest"`
		} `json:"files"`
		Stats struct {
			BytesRead int64 `json:"bytesRead"`
		} `json:"stats"`
	}
	if err := json.Unmarshal(out, &rep); err != nil {
		return fmt.Errorf("reading the JSON report: %w", err)
	}
	if rep.Verdict == "fail" {
		var why []string
		for _, f := range rep.Findings {
			why = append(why, fmt.Sprintf("%s %s %s: %s", f.Severity, f.Rule, f.Location.Member, f.Message))
		}
		return fmt.Errorf("the check failed the bench's own package:\n  %s", strings.Join(why, "\n  "))
	}
	for _, d := range p.disks {
		found := false
		for _, f := range rep.Files {
			if f.Member != d.name {
				continue
			}
			found = true
			var got string
			for alg, v := range f.Digests {
				if strings.EqualFold(strings.ReplaceAll(alg, "-", ""), "sha256") {
					got = v
				}
			}
			if !strings.EqualFold(got, d.sha256) || f.Manifest != "match" {
				return fmt.Errorf("%s: report has SHA-256 %q and manifest status %q; want %s and match", d.name, got, f.Manifest, d.sha256)
			}
		}
		if !found {
			return fmt.Errorf("%s is not in the report", d.name)
		}
	}
	if rep.Stats.BytesRead < p.bytes() {
		return fmt.Errorf("the check read %d bytes, fewer than the %d bytes of its disks", rep.Stats.BytesRead, p.bytes())
	}
	return nil
}
