package main

import (
	"fmt"
	"io"
	"strings"
	"sync"
	"time"

	"github.com/ovacheck/ovacheck/engine"
	"github.com/ovacheck/ovacheck/engine/report"
)

// progressBar draws the digest phase on a terminal: a bar, MB/s and time
// left. It draws nothing when stderr is not a terminal, for packages small
// enough to be done before the first redraw, or when disabled.
type progressBar struct {
	w       io.Writer
	enabled bool
	mu      sync.Mutex
	start   time.Time
	last    time.Time
	drawn   bool
}

// redrawEvery limits redraws; it is also the delay before the bar first
// appears, so checks shorter than this draw nothing.
const redrawEvery = 200 * time.Millisecond

func newProgressBar(w io.Writer, enabled bool) *progressBar {
	now := time.Now()
	return &progressBar{w: w, enabled: enabled && isTerminal(w), start: now, last: now}
}

func (b *progressBar) update(p engine.Progress) {
	if !b.enabled || p.Phase != "digest" {
		return
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	now := time.Now()
	if now.Sub(b.last) < redrawEvery {
		return
	}
	b.last = now
	elapsed := now.Sub(b.start).Seconds()
	rate := float64(p.Done) / max(elapsed, 1e-3)
	if p.Total <= 0 {
		fmt.Fprintf(b.w, "\r  hashing %s  %.0f MB/s ", report.HumanBytes(p.Done), rate/1e6)
		b.drawn = true
		return
	}
	frac := float64(p.Done) / float64(p.Total)
	const width = 30
	filled := int(frac * width)
	left := time.Duration(float64(p.Total-p.Done) / max(rate, 1) * float64(time.Second)).Round(time.Second)
	fmt.Fprintf(b.w, "\r  [%s%s] %3.0f%%  %.0f MB/s  %s left ",
		strings.Repeat("#", filled), strings.Repeat(".", width-filled), frac*100, rate/1e6, left)
	b.drawn = true
}

// finish clears the bar's line.
func (b *progressBar) finish() {
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.drawn {
		fmt.Fprintf(b.w, "\r%s\r", strings.Repeat(" ", 70))
	}
}
