package site

import (
	"strconv"
	"strings"

	"github.com/ovacheck/ovacheck/engine/report"
)

// at builds a JSON Pointer from the report's root: at("package", "disks", 3,
// "id") is "/package/disks/3/id".
func at(parts ...any) string {
	var b strings.Builder
	for _, p := range parts {
		b.WriteByte('/')
		switch v := p.(type) {
		case int:
			b.WriteString(strconv.Itoa(v))
		case string:
			b.WriteString(v)
		}
	}
	return b.String()
}

// cutNote says what the report left out at pointer ("cut at 16,384 of
// 31,000,000 bytes", "189,000 more not shown"), or "" when nothing was.
func cutNote(r *report.Report, pointer string) string {
	if c, ok := r.CutAt(pointer); ok {
		return c.Note()
	}
	return ""
}

// textCut is the note after a text that was cut: "… (cut at N of M bytes)".
func textCut(r *report.Report, pointer string) string {
	if n := cutNote(r, pointer); n != "" {
		return "… (" + n + ")"
	}
	return ""
}

// listCut is the note after a list that was shortened: "… (N more)".
func listCut(r *report.Report, pointer string) string {
	if c, ok := r.CutAt(pointer); ok && c.Unit == report.CutItems {
		return "… (" + report.Thousands(int64(c.Omitted())) + " more)"
	}
	return ""
}
