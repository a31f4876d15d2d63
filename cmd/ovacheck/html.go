package main

import (
	"context"
	"io"

	"github.com/ovacheck/ovacheck/engine/report"
	"github.com/ovacheck/ovacheck/site"
)

// writeHTML writes the report as one self-contained HTML page (styles
// inline, no script), rendered by the same component as the web page.
func writeHTML(w io.Writer, r *report.Report) error {
	return site.ReportPage(r).Render(context.Background(), w)
}
