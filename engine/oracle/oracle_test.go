//go:build !js

package oracle

import (
	"strings"
	"sync"
	"testing"
	"time"
)

// TestOracles builds the packages and disks once, then compares ovacheck
// with virt-v2v on every package and with qemu-img and vmdkinfo on every
// disk image.
func TestOracles(t *testing.T) {
	requireTools(t)
	start := time.Now()
	fx := build(t, t.TempDir())
	t.Logf("built and gathered %d packages and %d disk images in %s (corpus present: %v)",
		len(fx.Packages), len(fx.Disks), time.Since(start).Round(time.Millisecond), fx.Corpus)
	absent := func(key string) bool { return !fx.Corpus && strings.HasPrefix(key, "corpus/") }
	t.Run("virt-v2v", func(t *testing.T) { testVirtV2V(t, fx, absent) })
	t.Run("disks", func(t *testing.T) { testDisks(t, fx, absent) })
	t.Run("intact", func(t *testing.T) { testIntact(t, fx) })
}

// parallel runs fn on each of n indexes, two at a time: the machines the
// tests run on have two cores.
func parallel(n int, fn func(i int)) {
	const workers = 4
	var wg sync.WaitGroup
	next := make(chan int)
	for range workers {
		wg.Go(func() {
			for i := range next {
				fn(i)
			}
		})
	}
	for i := range n {
		next <- i
	}
	close(next)
	wg.Wait()
}

// logTally logs a tally and its BUG entries.
func logTally(t *testing.T, what string, c tally) {
	t.Helper()
	t.Logf("%s: %s", what, c)
	for _, b := range c.Bugs {
		t.Logf("  %s", b)
	}
}
