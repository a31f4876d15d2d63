package engine

import (
	"sync"
	"sync/atomic"
	"time"
)

// meter counts the bytes a check reads and passes its progress to the
// user's callback (WithProgress).
type meter struct {
	start     time.Time
	bytesRead atomic.Int64

	report func(Progress) // nil when nobody listens
	mu     sync.Mutex
	last   Progress
}

func newMeter(report func(Progress)) *meter {
	return &meter{start: time.Now(), report: report}
}

// Read counts n bytes read from the input.
func (m *meter) Read(n int64) { m.bytesRead.Add(n) }

// Progress reports the progress of assembling (assemble.Meter).
func (m *meter) Progress(phase, member string, done, total int64) {
	m.progress(Progress{Phase: phase, Member: member, Done: done, Total: total})
}

// progress reports p, one call at a time (hashing goroutines report
// concurrently) and never with less done than before in the same phase.
func (m *meter) progress(p Progress) {
	if m.report == nil {
		return
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	if p.Phase == m.last.Phase && p.Done < m.last.Done {
		return
	}
	m.last = p
	m.report(p)
}
