package schemas

import (
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"github.com/ovacheck/ovacheck/schemas/policycheck"
)

// The wasm builds check policies with policycheck, the native ones with
// the JSON Schema library (Problems). These tests hold the two to the
// same answers: the same problems in the same order, or the same error.

// agree fails the test when policycheck and the library disagree on doc.
func agree(t *testing.T, doc []byte) {
	t.Helper()
	want, wantErr := Problems(Policy, doc)
	got, gotErr := policycheck.Problems(doc)
	if fmt.Sprint(wantErr) != fmt.Sprint(gotErr) || !slices.Equal(want, got) {
		t.Fatalf("policycheck disagrees with the library on %.300q\nlibrary:     %q %v\npolicycheck: %q %v", doc, want, wantErr, got, gotErr)
	}
}

// policySeeds are the policies of the repository's tests and docs, and
// documents that break policy.schema.json in each of its keywords.
var policySeeds = []string{
	// From the tests and rule docs (engine/policy, engine/settings,
	// wasm, e2e, engine/rules/docs).
	`{"version": 1, "minimumDigest": "sha512"}`,
	`{"rules":[{"select":"all","severity":"error"},{"select":["HW*","-HW010"],"severity":"info"},{"select":"MF013","severity":"off"}]}`,
	`{"requireSignature":true}`, `{"minimumDigest":"sha256"}`, `{"minimumDigest":"sha1"}`,
	`{"requiredTargets":["vsphere-8.0"]}`, `{"requiredTargets":["virtualbox-7"]}`, `{"requiredTargets":["proxmox-8"]}`,
	`{"maxDiskBytes":1073741824}`, `{"maxDiskBytes":1024}`, `{"maxDiskBytes":8589934592}`, `{"maxDiskBytes": 107374182400}`,
	`{"name":"acme","requireSignature":true}`,
	`{"requiredTargets":["proxmox-8"],"rules":[{"select":"POL007","severity":"off"}]}`,
	`{"requireSignature":true,"minimumDigest":"sha256","maxDiskBytes":1048576}`,
	`{"rules":[{"select":"all","severity":"off"}]}`, `{"requiredTargets":["vsphere-8.0","virtualbox-7"]}`,
	`{"rules":[{"select":"-MF99","severity":"off"}]}`, `{"rules":[{"select":["all","-HW*","HW010"],"severity":"info"}]}`,
	`{"rules":[{"select":"MF\u0030\u0030\u0034","severity":"off"}]}`, "{\"name\":\"\xff\"}",
	`{"rules":[{"select":"all","severity":"off"},{"select":"MF*","severity":"warning"},{"select":"-MF99","severity":"off"}]}`,
	`{"rules":[{"select":["HW*","hw010"],"severity":"off"}]}`, `{"rules":[{"select":"MF999","severity":"off"}]}`,
	`{"rules":[{"select":"-NET9*","severity":"off"}]}`, `{"rules":[{"select":"HW*","severity":"fatal"}]}`,
	`{"rules":[{"select":"HW*"}]}`, `{"pinnedSigners":["abc"]}`, `{"minimumDigest":"md5"}`, `{"minimumDigest":"md4"}`,
	`{"requiredTargets":["vSphere 8"]}`, `{"maxDiskBytes":-5}`, `{"maxDiskBytes":1.5}`, `{"requireSignatures":true}`,
	`{"version":2}`, `[]`, `{} {}`, ``, "{\n  \"rules\": [,]\n}",
	`{"version":1,"name":"n","rules":[{"select":"MF013","severity":"off"}],
		"pinnedSigners":["2C:26:B4:6B:68:FF:C6:8F:F9:9B:45:3C:1D:30:41:34:13:42:2D:70:64:83:BF:A0:F9:8A:5E:88:62:66:E7:AE"],
		"minimumDigest":"sha256","requiredTargets":["vsphere-8.0"],"maxDiskBytes":1024}`,
	`{"pinnedSigners": ["9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"]}`,
	`{"requiredTargets": ["vsphere8"]}`, `{"version": 1, "requiredTargets": ["vSphere 8"]}`,
	`{"requireSignature":true,"rules":[{"select":"all","severity":"off"},{"select":"POL*","severity":"error"}]}`,
	`{"rules":[{"select":"all","severity":"off"},{"select":"MF*","severity":"off"},{"select":"-MF99","severity":"off"}]}`,
	`{"rules":[{"select":["HW*","nope"],"severity":"off"}]}`, `{"rules":[{"select":"HW*","severity":"loud"}]}`,
	`{"maxDiskBytes":-1}`, `{"colour":"red"}`, `{}`,

	// Wrong types everywhere.
	`null`, `true`, `1`, `"policy"`, `[{}]`,
	`{"$schema":1,"version":"1","name":[],"rules":{},"requireSignature":"true","pinnedSigners":"x","minimumDigest":1,"requiredTargets":{},"maxDiskBytes":"1"}`,
	`{"$schema":null,"version":null,"name":null,"rules":null,"requireSignature":null,"pinnedSigners":null,"minimumDigest":null,"requiredTargets":null,"maxDiskBytes":null}`,
	`{"$schema":true,"version":true,"name":true,"rules":true,"requireSignature":1,"pinnedSigners":true,"minimumDigest":true,"requiredTargets":true,"maxDiskBytes":true}`,
	`{"$schema":[],"version":[1],"name":{},"rules":[null,1,"x",[],true],"requireSignature":[],"pinnedSigners":[1,null,{}],"minimumDigest":["sha1"],"requiredTargets":[1,null,[]],"maxDiskBytes":[1]}`,
	`{"rules":[{"select":null,"severity":null},{"select":{},"severity":1},{"select":true,"severity":[]},{"select":1.5,"severity":{}}]}`,

	// Unicode: rune counts, non-ASCII digits and letters in patterns,
	// quoting of unknown names.
	`{"name":"` + strings.Repeat("ü", 200) + `"}`, `{"name":"` + strings.Repeat("ü", 201) + `"}`,
	`{"name":"` + strings.Repeat("😀", 201) + `"}`, "{\"name\":\"" + strings.Repeat("\xff", 201) + "\"}",
	`{"rules":[{"select":"MF00٣","severity":"off"}]}`, `{"rules":[{"select":"ＭＦ００４","severity":"off"}]}`,
	`{"rules":[{"select":["all","HW0*","-é"],"severity":"off"}]}`, `{"requiredTargets":["ä","vsphere-8.0\n","a\u0000"]}`,
	`{"pinnedSigners":["` + strings.Repeat("٠", 64) + `"]}`, `{"pinnedSigners":["` + strings.Repeat("ab:", 31) + `ab"]}`,
	`{"pinnedSigners":["` + strings.Repeat("AB ", 31) + `AB"]}`, `{"pinnedSigners":["` + strings.Repeat("ab:", 31) + `ab:"]}`,
	`{"a'b":1,"a\\b":2,"é":3,"\u0000":4,"Z":5,"a\"b":6,"\\'":7,"'":8,"\u2028":9}`,
	`{"rules":[{"select":"all","severity":"off","b":1,"a":2,"it's":3,"\ud800":4}]}`,
	`{"a\\":1,"b\\\\":2,"c\\'":3}`, `{"rules":[{"select":"all","severity":"off","x\\":1,"y":2}]}`,
	`{"version":2,"version":1}`, `{"version":1,"version":2}`, `{"name":1,"Name":2,"NAME":3}`,

	// Numbers: const 1 and an integer type with a minimum and maximum.
	`{"version":1.0}`, `{"version":1e0}`, `{"version":10e-1}`, `{"version":0.1e1}`, `{"version":1E+0}`, `{"version":100e-2}`,
	`{"version":-1}`, `{"version":1.0000000000000000001}`, `{"version":0}`, `{"version":-0}`, `{"version":1e1000000}`,
	`{"version":1e-1000001}`, `{"version":1e1000001}`, `{"version":0e99999999999999999999}`, `{"version":10e-1000001}`,
	`{"maxDiskBytes":1.0}`, `{"maxDiskBytes":1e0}`, `{"maxDiskBytes":9007199254740991}`, `{"maxDiskBytes":9007199254740992}`,
	`{"maxDiskBytes":9007199254740991.0}`, `{"maxDiskBytes":9.007199254740991e15}`, `{"maxDiskBytes":9.007199254740992e15}`,
	`{"maxDiskBytes":0}`, `{"maxDiskBytes":-0}`, `{"maxDiskBytes":0.5}`, `{"maxDiskBytes":1e-1000001}`, `{"maxDiskBytes":1e1000000}`,
	`{"maxDiskBytes":99999999999999999999}`, `{"maxDiskBytes":-1e1000000}`, `{"maxDiskBytes":1e-1000000}`, `{"maxDiskBytes":"1"}`,
	`{"maxDiskBytes":1e-1000001,"rules":5}`, `[1e-1000001]`, `{"name":1e-1000001}`, `{"rules":[{"x":1e-1000001}]}`,

	// Arrays: item counts, and more problems than MaxProblems.
	`{"pinnedSigners":[]}`, `{"requiredTargets":[]}`, `{"rules":[]}`,
	`{"rules":[{"select":[],"severity":"off"}]}`, `{"rules":[{"select":[[]],"severity":"off"}]}`,
	`{"rules":[{"select":[1,2],"severity":"off"}]}`, `{"rules":[{"select":["x"],"severity":"off"}]}`,
	`{"rules":[{"select":"x","severity":"off"}]}`, `{"rules":[{"select":{},"severity":"off"}]}`,
	`{"rules":[{"select":["all",null,"HW*","nope",{}],"severity":"x","y":1}]}`,
	`{"rules":[{"select":[` + repeat(`"all"`, 101) + `],"severity":"off"}]}`,
	`{"rules":[{"select":[` + repeat(`"bad"`, 101) + `],"severity":"off"}]}`,
	`{"rules":[{"select":[` + repeat(`1`, 150) + `],"severity":"off"}]}`,
	`{"rules":[` + repeat(`{"select":"all","severity":"off"}`, 501) + `]}`,
	`{"rules":[` + repeat(`{}`, 120) + `]}`, `{"rules":[` + repeat(`1`, 120) + `]}`,
	`{"rules":[` + repeat(`{"select":1,"severity":2,"z":3}`, 60) + `]}`,
	`{"pinnedSigners":[` + repeat(`"x"`, 150) + `]}`, `{"requiredTargets":[` + repeat(`7`, 120) + `]}`,
	`{"$schema":1,"maxDiskBytes":0,"name":2,"rules":[` + repeat(`{}`, 120) + `],"version":2,"zz":1}`,
	`{"pinnedSigners":[` + repeat(`"x"`, 99) + `],"requiredTargets":[` + repeat(`"X"`, 5) + `],"version":3}`,
	`{"rules":[` + repeat(`{"select":["bad"],"severity":"off"}`, 99) + `,{"select":5,"severity":"x"}]}`,
}

func repeat(item string, n int) string {
	return strings.TrimSuffix(strings.Repeat(item+",", n), ",")
}

// TestPolicyValidatorAgrees compares the two on the example policies,
// the seeds and documents that give each property of the schema a value
// of every type.
func TestPolicyValidatorAgrees(t *testing.T) {
	for _, doc := range examplePolicies(t) {
		agree(t, doc)
	}
	for _, s := range policySeeds {
		agree(t, []byte(s))
	}
	// Every property the schema names, so that a property added to the
	// schema and not to policycheck fails here.
	var schema struct {
		Properties  map[string]any `json:"properties"`
		Definitions struct {
			RuleSetting struct {
				Properties map[string]any `json:"properties"`
			} `json:"ruleSetting"`
		} `json:"definitions"`
	}
	b, _ := FS.ReadFile(Policy)
	if err := json.Unmarshal(b, &schema); err != nil || len(schema.Properties) == 0 {
		t.Fatalf("reading the policy schema: %v", err)
	}
	values := []string{`null`, `true`, `0`, `1`, `1.5`, `"all"`, `"x"`, `[]`, `["all"]`, `[1]`, `{}`}
	for name := range schema.Properties {
		for _, v := range values {
			agree(t, []byte(fmt.Sprintf(`{%q:%s}`, name, v)))
		}
	}
	for name := range schema.Definitions.RuleSetting.Properties {
		for _, v := range values {
			agree(t, []byte(fmt.Sprintf(`{"rules":[{%q:%s}]}`, name, v)))
		}
	}
}

// TestProblemsOrderIsFixed checks that the library's problems come in the
// same order at every run: by property name, unknown names sorted.
func TestProblemsOrderIsFixed(t *testing.T) {
	doc := []byte(`{"version":2,"name":1,"$schema":2,"rules":[{"severity":"x","select":1,"q":1,"p":2}],"maxDiskBytes":0,"c":1,"b":2,"a":3}`)
	cases := [][3]string{
		{"/$schema", "#/properties/$schema/type", "expected string, but got number"},
		{"/maxDiskBytes", "#/properties/maxDiskBytes/minimum", "must be >= 1 but found 0"},
		{"/name", "#/properties/name/type", "expected string, but got number"},
		{"/rules/0/select", "#/definitions/selector/type", "expected string, but got number"},
		{"/rules/0/select", "#/definitions/ruleSetting/properties/select/oneOf/1/type", "expected array, but got number"},
		{"/rules/0/severity", "#/definitions/ruleSetting/properties/severity/enum", `value must be one of "off", "info", "warning", "error"`},
		{"/rules/0", "#/definitions/ruleSetting/additionalProperties", "additionalProperties 'p', 'q' not allowed"},
		{"/version", "#/properties/version/const", `value must be "1"`},
		{"", "#/additionalProperties", "additionalProperties 'a', 'b', 'c' not allowed"},
	}
	var want []Problem
	for _, c := range cases {
		want = append(want, Problem{Pointer: c[0], Keyword: c[1], Message: c[2]})
	}
	for range 20 {
		got, err := Problems(Policy, doc)
		if err != nil || !slices.Equal(got, want) {
			t.Fatalf("got %q, %v\nwant %q", got, err, want)
		}
	}
}

// TestPolicyValidatorAgreesOnGenerated compares the two on random
// documents built from the schema's fields, each given a good value or a
// bad one.
func TestPolicyValidatorAgreesOnGenerated(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	n := 1000
	if testing.Short() {
		n = 300
	}
	for range n {
		agree(t, []byte(genPolicy(r)))
	}
}

// genPolicy writes a random policy-like document.
func genPolicy(r *rand.Rand) string {
	pick := func(vs ...string) string { return vs[r.IntN(len(vs))] }
	scalar := func() string {
		return pick(`null`, `true`, `false`, `0`, `1`, `-1`, `1.0`, `1e0`, `2.5`, `9007199254740992`, `""`, `"x"`, `"all"`, `{}`, `[]`)
	}
	list := func(max int, item func() string) string {
		items := make([]string, r.IntN(max+1))
		for i := range items {
			items[i] = item()
		}
		return "[" + strings.Join(items, ",") + "]"
	}
	selector := func() string {
		return pick(`"all"`, `"-all"`, `"HW*"`, `"HW0*"`, `"HW01*"`, `"HW012*"`, `"MF004"`, `"-MF004"`, `"mf004"`, `"XX1"`, `"POL008"`, `"all "`, scalar())
	}
	rule := func() string {
		var fields []string
		if r.IntN(8) > 0 {
			fields = append(fields, `"select":`+pick(selector(), list(4, selector), list(120, selector)))
		}
		if r.IntN(8) > 0 {
			fields = append(fields, `"severity":`+pick(`"off"`, `"info"`, `"warning"`, `"error"`, `"fatal"`, scalar()))
		}
		if r.IntN(6) == 0 {
			fields = append(fields, pick(`"x"`, `"Select"`, `"a'b"`)+`:`+scalar())
		}
		r.Shuffle(len(fields), func(i, j int) { fields[i], fields[j] = fields[j], fields[i] })
		return "{" + strings.Join(fields, ",") + "}"
	}
	props := map[string]func() string{
		"$schema": func() string { return pick(`"https://ovacheck.dev/schemas/policy.schema.json"`, scalar()) },
		"version": func() string { return pick(`1`, `1.0`, `10e-1`, `2`, `"1"`, scalar()) },
		"name":    func() string { return pick(`"n"`, `"`+strings.Repeat("é", 199+r.IntN(3))+`"`, scalar()) },
		"rules": func() string {
			return pick(list(3, rule), list(40, rule), list(3, scalar), `[`+repeat(`{"select":"all","severity":"off"}`, 499+r.IntN(3))+`]`, scalar())
		},
		"requireSignature": func() string { return pick(`true`, `false`, scalar()) },
		"pinnedSigners": func() string {
			fp := func() string { return pick(`"`+strings.Repeat("a", 64)+`"`, `"`+strings.Repeat("a", 63)+`"`, scalar()) }
			return pick(list(3, fp), list(130, fp), scalar())
		},
		"minimumDigest": func() string { return pick(`"sha1"`, `"sha256"`, `"sha512"`, `"md5"`, scalar()) },
		"requiredTargets": func() string {
			tg := func() string {
				return pick(`"vsphere-8.0"`, `"Vsphere"`, `"-x"`, `"`+strings.Repeat("a", 65)+`"`, scalar())
			}
			return pick(list(3, tg), list(60, tg), scalar())
		},
		"maxDiskBytes": func() string {
			return pick(`1`, `0`, `-5`, `1.5`, `1.0`, `9007199254740991`, `9007199254740992`, `1e300`, `"1"`, scalar())
		},
		"zz":  scalar,
		"a'b": scalar,
	}
	var fields []string
	for name, gen := range props {
		if r.IntN(3) == 0 {
			fields = append(fields, fmt.Sprintf("%q:%s", name, gen()))
		}
	}
	if r.IntN(50) == 0 {
		return pick(scalar(), list(3, scalar))
	}
	return "{" + strings.Join(fields, ",") + "}"
}

// FuzzPolicyValidatorAgrees holds policycheck to the library's answers on
// any input.
func FuzzPolicyValidatorAgrees(f *testing.F) {
	for _, doc := range examplePolicies(f) {
		f.Add(doc)
	}
	for _, s := range policySeeds {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, doc []byte) {
		agree(t, doc)
	})
}
