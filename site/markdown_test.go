package site

import (
	"strings"
	"testing"
)

func TestMarkdown(t *testing.T) {
	tests := []struct {
		name, in string
		want     []string
	}{
		{"heading", "# PKG050 no descriptor", []string{"<h1>PKG050 no descriptor</h1>"}},
		{"paragraph joins lines", "one\ntwo\n\nthree", []string{"<p>one two</p>", "<p>three</p>"}},
		{"bold and code", "**What.** a `x.ovf` file", []string{"<p><strong>What.</strong> a <code>x.ovf</code> file</p>"}},
		{"fenced code escaped", "```xml\n<File ovf:href=\"a\"/>\n```", []string{"<pre><code>&lt;File ovf:href=&#34;a&#34;/&gt;</code></pre>"}},
		{"list", "- a\n- b `c`", []string{"<ul>", "<li>a</li>", "<li>b <code>c</code></li>", "</ul>"}},
		{"ordered list", "1. a\n2. b", []string{"<ol>", "<li>b</li>"}},
		{"html escaped", "<script>alert(1)</script> & <b>", []string{"&lt;script&gt;alert(1)&lt;/script&gt; &amp; &lt;b&gt;"}},
		{"unclosed bold is text", "a ** b", []string{"<p>a ** b</p>"}},
		{"unclosed code is text", "a `b", []string{"<p>a `b</p>"}},
		{"lone star", "2 * 3", []string{"<p>2 * 3</p>"}},
		{"table", "| consumer | effect |\n|---|---|\n| vSphere | refuses `a\\|b` <x> |",
			[]string{"<table>", "<tr><th>consumer</th><th>effect</th></tr>", "<tr><td>vSphere</td><td>refuses <code>a|b</code> &lt;x&gt;</td></tr>", "</table>"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Markdown(tt.in)
			for _, w := range tt.want {
				if !strings.Contains(got, w) {
					t.Errorf("Markdown(%q) = %q, lacks %q", tt.in, got, w)
				}
			}
		})
	}
}

// FuzzMarkdown checks that no input produces a tag the renderer does not
// write itself.
func FuzzMarkdown(f *testing.F) {
	for _, s := range []string{"# h\n\n**b** `c`\n\n```\n<x>\n```\n- a\n1. b", "<script>", "**`**`", "- \n1. "} {
		f.Add(s)
	}
	allowed := map[string]bool{"h1": true, "h2": true, "h3": true, "h4": true, "h5": true, "h6": true, "p": true,
		"strong": true, "code": true, "pre": true, "ul": true, "ol": true, "li": true,
		"table": true, "tr": true, "th": true, "td": true}
	f.Fuzz(func(t *testing.T, s string) {
		out := Markdown(s)
		for i := 0; i < len(out); i++ {
			if out[i] != '<' {
				continue
			}
			j := strings.IndexByte(out[i:], '>')
			if j < 0 {
				t.Fatalf("unterminated tag in %q", out)
			}
			tag := strings.TrimPrefix(out[i+1:i+j], "/")
			if !allowed[tag] {
				t.Fatalf("Markdown(%q) wrote tag %q", s, tag)
			}
		}
	})
}
