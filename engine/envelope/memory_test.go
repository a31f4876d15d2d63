package envelope_test

import (
	"fmt"
	"github.com/ovacheck/ovacheck/engine/conformance"
	"runtime"
	"runtime/metrics"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/ovacheck/ovacheck/engine/envelope"
	"github.com/ovacheck/ovacheck/engine/internal/limits"
)

// The hostile descriptors of issue 13, built here and never committed: each
// is about 30 MB, the size a descriptor may have before Parse refuses it.
const hostileSize = 30 << 20

const hostileHead = `<?xml version="1.0" encoding="UTF-8"?>
<Envelope xmlns="http://schemas.dmtf.org/ovf/envelope/1" xmlns:ovf="http://schemas.dmtf.org/ovf/envelope/1" xmlns:rasd="http://schemas.dmtf.org/wbem/wscim/1/cim-schema/2/CIM_ResourceAllocationSettingData">
<References/>
<DiskSection><Info>d</Info>
`

const hostileTail = `</DiskSection>
<VirtualSystem ovf:id="vm"><Info>x</Info><VirtualHardwareSection><Info>h</Info></VirtualHardwareSection></VirtualSystem>
</Envelope>
`

// hostileDescriptors returns the generated descriptors by name. Each is
// allocated at its exact size, so that building it leaves no garbage to
// blur the measurement.
func hostileDescriptors() map[string]func() []byte {
	build := func(body func(b *strings.Builder, room int)) func() []byte {
		return func() []byte {
			var b strings.Builder
			b.Grow(hostileSize + 4096)
			b.WriteString(hostileHead)
			body(&b, hostileSize-len(hostileHead)-len(hostileTail))
			b.WriteString(hostileTail)
			out := make([]byte, b.Len())
			copy(out, b.String())
			return out
		}
	}
	under := func(n int) int { return n - n/50 } // just under a cap, with room for the frame
	return map[string]func() []byte{
		// The largest documents the caps let through, each the worst of
		// its kind per byte.
		"attributes-at-cap-one-tag": build(func(b *strings.Builder, room int) {
			b.WriteString(`<Disk ovf:diskId="d" ovf:capacity="1"`)
			for i := 0; i < under(limits.MaxXMLAttributes); i++ {
				fmt.Fprintf(b, ` a%d="v"`, i)
			}
			b.WriteString("/>\n")
		}),
		"attributes-at-cap-long-values": build(func(b *strings.Builder, room int) {
			n := under(limits.MaxXMLAttributes)
			value := strings.Repeat("v", room/n-12)
			for i := 0; i < n/10; i++ {
				fmt.Fprintf(b, `<Disk ovf:diskId="d%d"`, i)
				for j := 0; j < 9; j++ {
					fmt.Fprintf(b, ` a%d="%s"`, j, value)
				}
				b.WriteString("/>\n")
			}
		}),
		"disks-at-cap": build(func(b *strings.Builder, room int) {
			for i := 0; i < under(limits.MaxXMLAttributes)/4; i++ {
				fmt.Fprintf(b, `<Disk ovf:diskId="vmdisk%d" ovf:capacity="1073741824" ovf:fileRef="file%d" ovf:format="http://www.vmware.com/interfaces/specifications/vmdk.html#streamOptimized"/>`+"\n", i, i)
			}
		}),
		"elements-at-cap": build(func(b *strings.Builder, room int) {
			for i := 0; i < under(limits.MaxXMLElements); i++ {
				b.WriteString("<x/>")
			}
		}),
		"text-at-cap-in-pieces": build(func(b *strings.Builder, room int) {
			piece := strings.Repeat("A", 1000) + "<!---->"
			for b.Len() < room-limits.MaxXMLText {
				b.WriteString("<Info>")
				for n := 0; n < limits.MaxXMLText-2000; n += 1000 {
					b.WriteString(piece)
				}
				b.WriteString("</Info>\n")
			}
		}),
		// The hostile descriptors of the issue, which the caps now stop.
		// A million attributes on one element.
		"attributes-one-tag": build(func(b *strings.Builder, room int) {
			b.WriteString(`<Disk ovf:diskId="d" ovf:capacity="1"`)
			for i := 0; b.Len() < room-40; i++ {
				fmt.Fprintf(b, ` a%d="vvvvvvvvvvvvvvvvvvvv"`, i)
			}
			b.WriteString("/>\n")
		}),
		// Short attributes spread over many elements.
		"attributes-many-tags": build(func(b *strings.Builder, room int) {
			for e := 0; b.Len() < room-400; e++ {
				fmt.Fprintf(b, `<Disk ovf:diskId="d%d" ovf:capacity="1"`, e)
				for i := 0; i < 100; i++ {
					fmt.Fprintf(b, ` a%d="v"`, i)
				}
				b.WriteString("/>\n")
			}
		}),
		// As many Disks as fit.
		"disks": build(func(b *strings.Builder, room int) {
			for i := 0; b.Len() < room-200; i++ {
				fmt.Fprintf(b, `<Disk ovf:diskId="vmdisk%d" ovf:capacity="1073741824" ovf:fileRef="file%d" ovf:format="http://www.vmware.com/interfaces/specifications/vmdk.html#streamOptimized"/>`+"\n", i, i)
			}
		}),
		// Empty elements, the densest document.
		"elements": build(func(b *strings.Builder, room int) {
			for b.Len() < room-10 {
				b.WriteString("<x/>")
			}
		}),
		// One text of 30 MB.
		"text": build(func(b *strings.Builder, room int) {
			b.WriteString("<Info>")
			b.WriteString(strings.Repeat("A", room-20))
			b.WriteString("</Info>\n")
		}),
		// A text of entity references, each decoded into one byte.
		"entities": build(func(b *strings.Builder, room int) {
			b.WriteString("<Info>")
			b.WriteString(strings.Repeat("&amp;", (room-20)/5))
			b.WriteString("</Info>\n")
		}),
	}
}

// heapObjects is the bytes of heap objects, live or not yet swept: what
// the process holds for the heap at this moment.
func heapObjects() uint64 {
	s := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
	metrics.Read(s)
	return s[0].Value.Uint64()
}

// peakDuring runs fn while sampling the heap and returns the highest heap
// seen above what was in use before, and what fn left reachable (measured
// after a collection, with keep's result still referenced).
func peakDuring(fn func() any) (peak, retained uint64) {
	runtime.GC()
	base := heapObjects()
	var mu sync.Mutex
	high := base
	stop := make(chan struct{})
	done := make(chan struct{})
	go func() {
		defer close(done)
		for {
			h := heapObjects()
			mu.Lock()
			high = max(high, h)
			mu.Unlock()
			select {
			case <-stop:
				return
			case <-time.After(100 * time.Microsecond):
			}
		}
	}()
	kept := fn()
	close(stop)
	<-done
	h := heapObjects()
	mu.Lock()
	high = max(high, h)
	mu.Unlock()
	runtime.GC()
	after := heapObjects()
	runtime.KeepAlive(kept)
	if after > base {
		retained = after - base
	}
	return high - base, retained
}

// TestDescriptorMemoryInProportion holds the descriptor parser to its
// budget: on each hostile descriptor, Parse, the descriptor rules (package
// conformance) and Summary together
// use at most 8 times the descriptor's size plus a constant at their peak
// (the descriptor itself included), and keep at most 3 times plus a
// constant once done. The peak is sampled, so it can only be
// underestimated; under wasm, where goroutines do not run while Parse does,
// only the retained memory is checked.
func TestDescriptorMemoryInProportion(t *testing.T) {
	if testing.Short() {
		t.Skip("builds 30 MB descriptors")
	}
	const constant = 64 << 20
	for name, gen := range hostileDescriptors() {
		t.Run(name, func(t *testing.T) {
			data := gen()
			size := uint64(len(data))
			peak, retained := peakDuring(func() any {
				env, fs := envelope.Parse(data, "hostile.ovf")
				fs = append(fs, conformance.Check(env, nil)...)
				sum := env.Summary()
				return []any{env, fs, sum}
			})
			runtime.KeepAlive(data)
			if testing.Verbose() {
				_, fs := envelope.Parse(data, "hostile.ovf")
				for i, f := range fs {
					if i < 3 {
						t.Logf("%s %s", f.Rule, f.Message)
					}
				}
			}
			t.Logf("%s: %d bytes; peak %d MiB (%.1fx), retained %d MiB (%.1fx)",
				name, size, (peak+size)>>20, float64(peak+size)/float64(size), retained>>20, float64(retained)/float64(size))
			if runtime.GOARCH != "wasm" && peak+size > 8*size+constant {
				t.Errorf("%s: peak heap %d MiB for a %d MiB descriptor; the budget is 8x plus %d MiB",
					name, (peak+size)>>20, size>>20, constant>>20)
			}
			if retained > 3*size+constant {
				t.Errorf("%s: %d MiB kept after parsing a %d MiB descriptor; the budget is 3x plus %d MiB",
					name, retained>>20, size>>20, constant>>20)
			}
		})
	}
}
