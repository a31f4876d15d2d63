package engine

import (
	"context"

	"github.com/ovacheck/ovacheck/engine/report"
)

// checker holds the state of one check. (Being written.)
type checker struct {
	src Source
	o   options
}

func newChecker(src Source, o options) *checker { return &checker{src: src, o: o} }

func (c *checker) run(ctx context.Context) (*report.Report, error) {
	return &report.Report{MediaType: report.MediaType, Tool: report.Tool{Name: "ovacheck", Version: c.o.toolVersion},
		Input: report.Input{Name: c.src.name, Size: c.src.size, Kind: c.src.kind}, Profile: c.o.profile,
		Verdict: report.Pass, Findings: []report.Finding{}, Files: []report.File{}, Targets: []report.Target{}}, ctx.Err()
}
