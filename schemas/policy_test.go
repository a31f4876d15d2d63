package schemas

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// examplePolicies returns the example policies in testdata, by file name.
func examplePolicies(tb testing.TB) map[string][]byte {
	files, _ := filepath.Glob("testdata/policy-*.json")
	if len(files) == 0 {
		tb.Fatal("no example policies in testdata")
	}
	out := map[string][]byte{}
	for _, f := range files {
		doc, err := os.ReadFile(f)
		if err != nil {
			tb.Fatal(err)
		}
		out[f] = doc
	}
	return out
}

// TestPolicyExamples makes sure every example policy in testdata conforms
// to policy.schema.json.
func TestPolicyExamples(t *testing.T) {
	for f, doc := range examplePolicies(t) {
		if err := Validate(Policy, doc); err != nil {
			t.Errorf("%s: %v", f, err)
		}
	}
}

// TestProblemsPointAtFields checks that Problems names the offending field
// and drops the type mismatch of the oneOf branch the author did not mean.
func TestProblemsPointAtFields(t *testing.T) {
	cases := []struct {
		doc, pointer, keyword string
	}{
		{`{"rules":[{"select":"all","severity":"off"},{"select":"MF*","severity":"off"},{"select":"-MF99","severity":"off"}]}`,
			"/rules/2/select", "/definitions/selector/pattern"},
		{`{"rules":[{"select":["HW*","nope"],"severity":"off"}]}`, "/rules/0/select/1", "/definitions/selector/pattern"},
		{`{"rules":[{"select":"HW*","severity":"loud"}]}`, "/rules/0/severity", "/severity/enum"},
		{`{"maxDiskBytes":-1}`, "/maxDiskBytes", "/minimum"},
		{`{"colour":"red"}`, "", "/additionalProperties"},
	}
	for _, c := range cases {
		ps, err := Problems(Policy, []byte(c.doc))
		if err != nil {
			t.Fatalf("%s: %v", c.doc, err)
		}
		if len(ps) != 1 || ps[0].Pointer != c.pointer || !strings.HasSuffix(ps[0].Keyword, c.keyword) {
			t.Errorf("%s: got %v, want one problem at %q from %s", c.doc, ps, c.pointer, c.keyword)
		}
	}
	if ps, err := Problems(Policy, []byte(`{}`)); err != nil || len(ps) != 0 {
		t.Errorf("empty policy: %v %v", ps, err)
	}
	if _, err := Problems(Policy, []byte(`{`)); err == nil {
		t.Error("a document that is not JSON gives no error")
	}
}
