package conformance

import (
	"fmt"
	"github.com/ovacheck/ovacheck/engine/envelope"
	"strings"
	"testing"

	"github.com/ovacheck/ovacheck/engine/report"
)

// TestParentCycles: Items whose Parents lead back to themselves through
// two or more Items are an HW005 error, one per cycle, at the Parent that
// closes it; a chain that ends at a controller is not.
func TestParentCycles(t *testing.T) {
	ctl := func(id, parent string) string {
		p := ""
		if parent != "" {
			p = "<rasd:Parent>" + parent + "</rasd:Parent>"
		}
		return "<Item><rasd:ElementName>c" + id + "</rasd:ElementName><rasd:InstanceID>" + id + "</rasd:InstanceID>" + p + "<rasd:ResourceType>6</rasd:ResourceType></Item>\n"
	}
	with := func(items string) string {
		return strings.Replace(good, "    </VirtualHardwareSection>", items+"    </VirtualHardwareSection>", 1)
	}
	t.Run("two", func(t *testing.T) {
		doc := with(ctl("20", "21") + ctl("21", "20"))
		env, fs := envelope.Parse([]byte(doc), "appliance.ovf")
		fs = append(fs, Check(env, nil)...)
		assertFindings(t, doc, fs, []want{{"HW005", "<rasd:Parent>20<", `2 Items form a cycle: "20" → "21" → "20"`}})
		if n := count(fs, "HW005"); n != 1 {
			t.Errorf("%d HW005 findings, want 1:\n%s", n, dump(fs))
		}
	})
	t.Run("three", func(t *testing.T) {
		doc := with(ctl("20", "21") + ctl("21", "22") + ctl("22", "20"))
		env, fs := envelope.Parse([]byte(doc), "appliance.ovf")
		fs = append(fs, Check(env, nil)...)
		assertFindings(t, doc, fs, []want{{"HW005", "", `3 Items form a cycle`}})
		if n := count(fs, "HW005"); n != 1 {
			t.Errorf("%d HW005 findings, want 1:\n%s", n, dump(fs))
		}
	})
	t.Run("chain to a root", func(t *testing.T) {
		doc := with(ctl("20", "21") + ctl("21", "22") + ctl("22", ""))
		env, fs := envelope.Parse([]byte(doc), "appliance.ovf")
		fs = append(fs, Check(env, nil)...)
		if n := count(fs, "HW005"); n != 0 {
			t.Errorf("%d HW005 findings, want none:\n%s", n, dump(fs))
		}
	})
	t.Run("one long cycle", func(t *testing.T) {
		// 15,000 controllers in one ring: found once, in linear time.
		var b strings.Builder
		const n = 15000
		for i := 0; i < n; i++ {
			b.WriteString(ctl(fmt.Sprint(100+i), fmt.Sprint(100+(i+1)%n)))
		}
		doc := with(b.String())
		env, fs := envelope.Parse([]byte(doc), "appliance.ovf")
		fs = append(fs, Check(env, nil)...)
		assertFindings(t, doc, fs, []want{{"HW005", "", fmt.Sprintf("%d Items form a cycle", n)}})
	})
}

func count(fs []report.Finding, rule string) int {
	k := 0
	for _, f := range fs {
		if f.Rule == rule {
			k++
		}
	}
	return k
}
