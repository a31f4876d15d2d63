package engine

import (
	"fmt"

	"github.com/ovacheck/ovacheck/engine/compat"
	"github.com/ovacheck/ovacheck/engine/internal/assemble"
	"github.com/ovacheck/ovacheck/engine/report"
)

// judgeTargets gives each target consumer's verdict on the package and the
// CMP findings behind it (package compat). An unknown target name is an
// error: the check was asked for something it cannot do.
func judgeTargets(v *assemble.View, o *options, files []report.File, images map[string]*report.DiskImage) ([]report.Target, []report.Finding, error) {
	in := compat.Input{Env: v.Env, Manifest: v.Manifest, Files: files, Images: images, Archive: v.Index}
	ts, fs, err := compat.Judge(in, o.targets)
	if err != nil {
		return nil, nil, fmt.Errorf("engine: %w", err)
	}
	if len(o.targets) == 0 {
		// No target named: every consumer is judged and shown, but none
		// was asked for, so what one of them refuses is a note; the
		// verdict rests on the generic rules.
		for i := range fs {
			fs[i].Severity = report.Info
		}
	}
	return ts, fs, nil
}
