//go:build js && wasm

package main

import (
	"context"
	"encoding/json"
	"errors"
	"strings"
	"syscall/js"
	"time"

	"github.com/ovacheck/ovacheck/engine"
	"github.com/ovacheck/ovacheck/engine/report"
	"github.com/ovacheck/ovacheck/site"
)

// progressEvery is how often, at most, the page hears of a check's
// progress: four times a second moves a bar smoothly, and every message
// costs the page's thread a layout and a paint, on cores the hash workers
// need.
const progressEvery = 250 * time.Millisecond

// runCheck checks the files of msg ({files: File[], paths: string[],
// options: see pageNames}) and
// posts "structural", "progress" and finally "done", "cancelled" or
// "error" messages tagged with id.
func runCheck(ctx context.Context, id int, msg js.Value) {
	files := msg.Get("files")
	paths := msg.Get("paths")
	var list []*browserFile
	for i := 0; i < files.Length(); i++ {
		p := files.Index(i).Get("name").String()
		if paths.Truthy() && i < paths.Length() && paths.Index(i).String() != "" {
			p = paths.Index(i).String()
		}
		list = append(list, newBrowserFile(files.Index(i), p))
	}
	co, bad := readOptions(msg.Get("options"))
	if bad != nil {
		// option names the key at fault, so that the page can show the
		// message beside its field.
		post(id, "error", map[string]any{"message": bad.Message, "option": bad.Key})
		return
	}
	src, problem := chooseSource(list)
	if problem != "" {
		post(id, "error", map[string]any{"message": problem})
		return
	}
	renderOptions := site.Options{RuleBase: co.ruleBase, ExpectedGiven: co.expectedGiven, Targets: co.targets}
	var lastProgress time.Time
	lastPhase := ""
	opts := append(co.engine,
		engine.WithStructural(func(r *report.Report) {
			html := render(r, site.Options{RuleBase: co.ruleBase, Preliminary: true, ExpectedGiven: co.expectedGiven, Targets: co.targets})
			post(id, "structural", map[string]any{"html": html, "verdict": string(r.Verdict)})
		}),
		engine.WithProgress(func(p engine.Progress) {
			now := time.Now()
			if p.Phase == lastPhase && now.Sub(lastProgress) < progressEvery && p.Done < p.Total {
				return
			}
			lastPhase, lastProgress = p.Phase, now
			post(id, "progress", map[string]any{"phase": p.Phase, "member": p.Member,
				"done": float64(p.Done), "total": float64(p.Total)})
		}),
	)
	r, err := engine.Check(ctx, src, opts...)
	switch {
	case errors.Is(err, context.Canceled) || ctx.Err() != nil:
		post(id, "cancelled", nil)
		return
	case err != nil:
		post(id, "error", map[string]any{"message": "The check could not finish: " + err.Error()})
		return
	}
	body, _ := json.Marshal(r)
	post(id, "done", map[string]any{"html": render(r, renderOptions), "json": string(body), "verdict": string(r.Verdict)})
}

// chooseSource decides how to check the chosen files: one archive is an
// OVA; one descriptor alone is checked on its own; several files (or a
// folder) are a descriptor with the files beside it.
func chooseSource(list []*browserFile) (engine.Source, string) {
	if len(list) == 0 {
		return engine.Source{}, "No file was chosen."
	}
	var descriptors []*browserFile
	for _, f := range list {
		if strings.HasSuffix(strings.ToLower(f.path), ".ovf") {
			descriptors = append(descriptors, f)
		}
	}
	if len(list) == 1 {
		f := list[0]
		if len(descriptors) == 1 {
			data, err := f.readAll(maxDescriptorAlone)
			if err != nil {
				return engine.Source{}, "Could not read " + f.path + ": " + err.Error()
			}
			return engine.Descriptor(f.name(), data), ""
		}
		return engine.OVA(f.name(), f, f.size), ""
	}
	switch len(descriptors) {
	case 0:
		if len(list) == 1 {
			return engine.OVA(list[0].name(), list[0], list[0].size), ""
		}
		return engine.Source{}, "None of the chosen files is an OVF descriptor (.ovf). Choose an .ova file, or an .ovf together with the files it names."
	case 1:
		fsys := newFileFS(list)
		return engine.Folder(fsys, fsys.clean(descriptors[0].path)), ""
	default:
		return engine.Source{}, "The chosen files hold " + itoa(len(descriptors)) + " descriptors (.ovf). Choose one package at a time."
	}
}

// maxDescriptorAlone caps a descriptor checked on its own, which is read
// whole: descriptors of real packages are well under a megabyte; the
// engine applies its own, tighter limit to what it parses.
const maxDescriptorAlone = 64 << 20

// render returns r rendered by site.Report.
func render(r *report.Report, o site.Options) string {
	var b strings.Builder
	if err := site.Report(r, o).Render(context.Background(), &b); err != nil {
		return ""
	}
	return b.String()
}

// post sends a message of the given type for check id to the page.
func post(id int, typ string, fields map[string]any) {
	m := map[string]any{"type": typ, "id": id}
	for k, v := range fields {
		m[k] = v
	}
	js.Global().Call("postMessage", m)
}

func itoa(n int) string {
	if n < 10 {
		return string(rune('0' + n))
	}
	return itoa(n/10) + string(rune('0'+n%10))
}
