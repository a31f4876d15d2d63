//go:build workerd && linux

package main

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/ovacheck/ovacheck/engine/ovatest"
	"github.com/ovacheck/ovacheck/wasm/worker/api"
)

// What a check costs, measured as the rise of the workerd process's peak
// resident memory (VmHWM) over its resident memory before the request, on
// a fresh process, has two parts:
//
//   - The first check a process runs pays for V8 compiling the code it
//     runs, whatever the descriptor: a 3 KB descriptor raised the peak by
//     27 to 75 MiB in ten fresh processes (median 58; nearly all of it in
//     memory workerd's allocator holds, tcmalloc's heap; the compiled code
//     itself grew 3.5 MiB, the instance's WebAssembly memory about 10 MiB).
//     It is V8's, varies by tens of MiB from run to run, and nothing in
//     the Worker moves it: the same Go program run with V8's baseline
//     compiler off (a flag for this experiment only) cost 37 MiB in all.
//   - Each check then costs its own instance and Go heap: for the worst
//     accepted descriptor the Go heap (runtime.MemStats.Sys) reaches
//     22 MiB, the same in every run, since build/worker/build.sh makes
//     each collection finish when it starts; on the warmed process the
//     worst request raised the peak by 26.8 to 30.6 MiB in nine fresh
//     processes (wrangler 4.86.0, workerd 2026-04-26, December 2026).
//
// So the test measures the first, with a small descriptor, and holds it
// to the isolate's 128 MB, then measures the worst request on the warmed
// process and holds it to the 100 MB goal (issue 13).
const isolateBudget = 128 << 20

// targetBudget is the goal for the worst accepted request (issue 13),
// once the process has compiled the code a check runs.
const targetBudget = 100 << 20

// warmupAllowance is added to the worst request's measured rise: V8 may
// free the small first request's instance (its WebAssembly memory, about
// 10 MiB) while the worst request runs, which would hide as much of the
// worst request's cost.
const warmupAllowance = 12 << 20

// hostileDescriptor returns a descriptor of about size bytes built to
// cost the parser the most per byte, of one of the shapes in
// hostileShapes.
func hostileDescriptor(shape string, size int) []byte {
	d := ovatest.Appliance{}.Descriptor()
	var fill strings.Builder
	fill.Grow(size)
	switch shape {
	case "one tag of attributes":
		// Every attribute of a start tag is held at once.
		fill.WriteString("    <AnnotationSection")
		for i := 0; fill.Len() < size-len(d)-64; i++ {
			fmt.Fprintf(&fill, " a%x=\"\"", i)
		}
		fill.WriteString(">\n      <Info>i</Info>\n    </AnnotationSection>\n")
	case "short properties":
		// Each property becomes an element, a model entry and findings:
		// the costliest shape found (42 bytes a byte at 1 MB).
		fill.WriteString("    <ProductSection>\n      <Info>i</Info>\n")
		for i := 0; fill.Len() < size-len(d)-64; i++ {
			fmt.Fprintf(&fill, "<Property ovf:key=\"%x\"/>", i)
		}
		fill.WriteString("\n    </ProductSection>\n")
	case "text":
		// One long annotation, as in the largest real descriptors.
		fill.WriteString("    <AnnotationSection>\n      <Info>i</Info>\n      <Annotation>")
		fill.WriteString(strings.Repeat("a", max(0, size-len(d)-120)))
		fill.WriteString("</Annotation>\n    </AnnotationSection>\n")
	default:
		panic("unknown shape " + shape)
	}
	at := strings.Index(d, "    <OperatingSystemSection")
	return []byte(d[:at] + fill.String() + d[at:])
}

// workerdPID finds the workerd process that runs the Worker among the
// descendants of pid. wrangler dev starts two: one listens on base's port
// and hands requests on (its memory did not move when a request cost the
// other 130 MiB), the other runs the Worker on a port of its own.
func workerdPID(t *testing.T, pid int, base string) int {
	t.Helper()
	children := map[int][]int{}
	procs, _ := filepath.Glob("/proc/[0-9]*/stat")
	for _, p := range procs {
		b, err := os.ReadFile(p)
		if err != nil {
			continue
		}
		// pid (comm) state ppid ...; comm may hold spaces, so split after ')'.
		s := string(b)
		fields := strings.Fields(s[strings.LastIndexByte(s, ')')+1:])
		self, _ := strconv.Atoi(strings.Fields(s)[0])
		if len(fields) > 1 {
			parent, _ := strconv.Atoi(fields[1])
			children[parent] = append(children[parent], self)
		}
	}
	front := "=" + strings.TrimPrefix(base, "http://")
	var found []int
	for queue := []int{pid}; len(queue) > 0; queue = queue[1:] {
		p := queue[0]
		comm, _ := os.ReadFile(fmt.Sprintf("/proc/%d/comm", p))
		args, _ := os.ReadFile(fmt.Sprintf("/proc/%d/cmdline", p))
		if strings.TrimSpace(string(comm)) == "workerd" && !strings.Contains(string(args), front+"\x00") {
			found = append(found, p)
		}
		queue = append(queue, children[p]...)
	}
	if len(found) != 1 {
		t.Fatalf("%d workerd processes run a Worker under pid %d (%v); want 1", len(found), pid, found)
	}
	return found[0]
}

// memoryOf returns VmRSS and VmHWM of pid, in bytes.
func memoryOf(t *testing.T, pid int) (rss, hwm int64) {
	t.Helper()
	f, err := os.Open(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		k, v, _ := strings.Cut(sc.Text(), ":")
		kb, _ := strconv.ParseInt(strings.TrimSuffix(strings.TrimSpace(v), " kB"), 10, 64)
		switch k {
		case "VmRSS":
			rss = kb << 10
		case "VmHWM":
			hwm = kb << 10
		}
	}
	return rss, hwm
}

func mib(n int64) string { return fmt.Sprintf("%.1f MiB", float64(n)/(1<<20)) }

// settle waits, up to 8 s, for V8 to collect what earlier requests left
// (each request runs in a WebAssembly instance of its own, freed only when
// V8 collects it) and returns the resident memory then.
func settle(t *testing.T, pid int, idle int64) int64 {
	deadline := time.Now().Add(8 * time.Second)
	for {
		rss, _ := memoryOf(t, pid)
		if rss < idle+16<<20 || time.Now().After(deadline) {
			return rss
		}
		time.Sleep(200 * time.Millisecond)
	}
}

// testWorstRequestsMemory sends a small descriptor to the fresh process,
// then the costliest request the API accepts, a descriptor of the
// costliest shape at MaxDescriptorBytes, and holds each rise of workerd's
// peak resident memory to its budget (see isolateBudget).
func testWorstRequestsMemory(t *testing.T, base string, pid int) {
	c := &http.Client{Timeout: 120 * time.Second}
	post := func(body []byte, contentType string) func() int {
		return func() int {
			res, err := c.Post(base+"/api/v1/validate", contentType, bytes.NewReader(body))
			if err != nil {
				t.Fatal(err)
			}
			defer res.Body.Close()
			io.Copy(io.Discard, res.Body)
			return res.StatusCode
		}
	}
	idle, _ := memoryOf(t, pid)
	t.Logf("idle workerd (pid %d): %s resident", pid, mib(idle))
	check := func(name string, size int, send func() int) (rise, before int64) {
		before = settle(t, pid, idle)
		// Writing 5 to clear_refs resets the peak (Linux 4.0 and later, proc(5)).
		if err := os.WriteFile(fmt.Sprintf("/proc/%d/clear_refs", pid), []byte("5"), 0); err != nil {
			t.Skipf("cannot reset the peak resident memory of workerd: %v", err)
		}
		status := send()
		_, peak := memoryOf(t, pid)
		t.Logf("%-40s %7d bytes: status %d, peak %s above %s before it", name, size, status, mib(peak-before), mib(before))
		if status != http.StatusOK {
			t.Errorf("%s: status %d, want 200 (it is within every limit)", name, status)
		}
		return peak - before, before
	}
	small := []byte(ovatest.Appliance{}.Descriptor())
	first, firstBefore := check("first check (small descriptor)", len(small), post(small, "application/xml"))
	if first > isolateBudget {
		t.Errorf("the first check on a fresh process raised peak resident memory %s, over the isolate's %s", mib(first), mib(isolateBudget))
	}
	d := hostileDescriptor("short properties", api.MaxDescriptorBytes)
	worst, worstBefore := check("worst: short properties", len(d), post(d, "application/xml"))
	// V8 may go on compiling after the first answer left (resident memory
	// rose further before the next request in some runs): what the first
	// check left counts when it is more than its peak showed.
	first = max(first, worstBefore-firstBefore)
	t.Logf("worst request %s + %s allowance = %s of the %s goal; a fresh process whose first request is the worst: about %s",
		mib(worst), mib(warmupAllowance), mib(worst+warmupAllowance), mib(targetBudget), mib(first+worst))
	if worst+warmupAllowance > targetBudget {
		t.Errorf("the worst accepted request raised peak resident memory %s (+%s allowance), over the %s goal", mib(worst), mib(warmupAllowance), mib(targetBudget))
	}
	// A fresh isolate whose first request is the worst pays both: 63 to
	// 104 MiB in nine runs (median 92), V8's part varying by tens of MiB, so this sum
	// is held to the isolate's size rather than to the goal.
	if first+worst > isolateBudget {
		t.Errorf("a fresh process's first check (%s) and the worst request (%s) together pass the isolate's %s", mib(first), mib(worst), mib(isolateBudget))
	}
}
