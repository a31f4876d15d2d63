// Package engine checks one OVF package and returns a report. Check is the
// one entry point used by the command line, the browser, the widget and the
// Worker alike.
package engine

import (
	"context"

	"github.com/ovacheck/ovacheck/engine/report"
)

// Version is the engine's version, written into reports.
const Version = "0.1.0"

// Check checks the package src and returns its report. A problem in the
// package is always a finding in the report; an error means the check could
// not finish (an I/O failure or ctx cancelled).
func Check(ctx context.Context, src Source, opts ...Option) (*report.Report, error) {
	o := options{profile: "compat", toolVersion: Version}
	for _, opt := range opts {
		opt(&o)
	}
	return newChecker(src, o).run(ctx)
}
