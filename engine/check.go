// Package engine checks one OVF package and returns a report. Check is the
// one entry point used by the command line, the browser, the widget and the
// Worker alike.
//
// A check is a pipeline, in this order and in these files:
//
//	assemble    package internal/assemble, one file per source kind: a read-only View
//	digests     digests.go: planned, then read while the disk probes and structural passes run
//	structure   dsk.go (disk headers), structure.go (descriptor, chunks, layout, manifest, signature)
//	targets     targets.go (package compat)
//	policy      report.go: profile, caps, policy, verdict (packages compat, policy)
//
// Each rule family's code is in the file or package named like it: MF003
// in package manifest and mf_coverage.go, REF010 in ref_chunks.go, and
// so on; the descriptor's rules are in package conformance.
package engine

import (
	"context"

	"github.com/ovacheck/ovacheck/engine/internal/assemble"
	"github.com/ovacheck/ovacheck/engine/report"
)

// Version is the engine's version, written into reports.
const Version = "0.1.0"

// Check checks the package src and returns its report. A problem in the
// package is always a finding in the report; an error means the check could
// not finish (an I/O failure or ctx cancelled).
func Check(ctx context.Context, src Source, opts ...Option) (*report.Report, error) {
	o := newOptions(opts)
	m := newMeter(o.progress)

	v, err := assemble.Assemble(ctx, src.s, assemble.Options{MaxDescriptor: o.maxDescriptor, Deep: o.deep,
		Unsent: o.unsent, WholeFile: o.wholeFileAlgorithms()}, m)
	if err != nil {
		return nil, err
	}
	defer v.Close()

	m.progress(Progress{Phase: "parse"})
	// The disk probes make many small reads (a grain table per 32 MiB of
	// a VMDK), each a round trip in a browser: they run while the disks
	// hash, unless the deep check needs the formats they find to plan.
	var images map[string]*report.DiskImage
	var diskFs []report.Finding
	if o.deep {
		images, diskFs = diskFindings(v)
	}
	ctx, cancel := context.WithCancel(ctx)
	plan := planDigests(v, &o, images)
	hashing := startDigests(ctx, v, plan, m)
	// Should a pass or the structural callback panic, no read outlives
	// Check: stop the hashing and wait for it before the files close.
	defer func() { cancel(); hashing.wait() }()
	if !o.deep {
		images, diskFs = diskFindings(v)
	}
	st := structuralPasses(v, &o)
	fs := newFindings(v.Input.Name, v.Findings, diskFs, st.findings)
	if o.structural != nil {
		o.structural(preliminary(v, &o, fs, st, images))
	}

	d, err := hashing.wait()
	if err != nil {
		return nil, err
	}
	digestFs, status, skipped := digestFindings(v, &o, plan, d)
	fs.add(digestFs...)
	files := fileTable(v, &o, d.members, images, status)

	targets, targetFs, err := judgeTargets(v, &o, files, images)
	if err != nil {
		return nil, err
	}
	fs.add(targetFs...)

	if err := sourceErr(src); err != nil {
		return nil, err
	}
	rep := newReport(v, &o, st, files, d.whole)
	rep.Skipped = append(rep.Skipped, skipped...)
	rep.Targets = targets
	finish(rep, &o, fs, m)
	return rep, nil
}
