package site

import (
	"html"
	"strings"
)

// Markdown renders the small subset of markdown the rule documents use:
// "#" headings, paragraphs, **bold**, `code`, fenced code blocks and "-",
// "*" or "1." lists. Everything else is text; every character of the input
// is HTML-escaped, so the result is safe to insert as HTML whatever it holds.
func Markdown(src string) string {
	var b strings.Builder
	lines := strings.Split(strings.ReplaceAll(src, "\r\n", "\n"), "\n")
	var para []string
	listTag := ""
	flushPara := func() {
		if len(para) > 0 {
			b.WriteString("<p>" + inline(strings.Join(para, " ")) + "</p>\n")
			para = nil
		}
	}
	closeList := func() {
		if listTag != "" {
			b.WriteString("</" + listTag + ">\n")
			listTag = ""
		}
	}
	for i := 0; i < len(lines); i++ {
		line := lines[i]
		trimmed := strings.TrimSpace(line)
		switch {
		case strings.HasPrefix(trimmed, "```"):
			flushPara()
			closeList()
			var code []string
			for i++; i < len(lines) && !strings.HasPrefix(strings.TrimSpace(lines[i]), "```"); i++ {
				code = append(code, lines[i])
			}
			b.WriteString("<pre><code>" + html.EscapeString(strings.Join(code, "\n")) + "</code></pre>\n")
		case trimmed == "":
			flushPara()
			closeList()
		case strings.HasPrefix(trimmed, "#"):
			flushPara()
			closeList()
			level := len(trimmed) - len(strings.TrimLeft(trimmed, "#"))
			if level > 6 {
				level = 6
			}
			tag := "h" + string(rune('0'+level))
			b.WriteString("<" + tag + ">" + inline(strings.TrimSpace(trimmed[level:])) + "</" + tag + ">\n")
		case strings.HasPrefix(trimmed, "|"):
			flushPara()
			closeList()
			var rows []string
			for ; i < len(lines) && strings.HasPrefix(strings.TrimSpace(lines[i]), "|"); i++ {
				rows = append(rows, strings.TrimSpace(lines[i]))
			}
			i--
			b.WriteString(table(rows))
		case listItem(trimmed) != "":
			flushPara()
			tag := "ul"
			if trimmed[0] >= '0' && trimmed[0] <= '9' {
				tag = "ol"
			}
			if listTag != tag {
				closeList()
				b.WriteString("<" + tag + ">\n")
				listTag = tag
			}
			item := listItem(trimmed)
			// Continuation lines indented under the item belong to it.
			for i+1 < len(lines) && strings.HasPrefix(lines[i+1], "  ") && listItem(strings.TrimSpace(lines[i+1])) == "" && strings.TrimSpace(lines[i+1]) != "" {
				i++
				item += " " + strings.TrimSpace(lines[i])
			}
			b.WriteString("<li>" + inline(item) + "</li>\n")
		default:
			if listTag != "" && strings.HasPrefix(line, " ") {
				// A lazily continued list item was already closed; treat as text.
				closeList()
			}
			closeList()
			para = append(para, trimmed)
		}
	}
	flushPara()
	closeList()
	return b.String()
}

// table renders the rows of a pipe table ("| a | b |"); the first row is
// the header and a row of dashes after it is skipped. "\|" is a pipe
// inside a cell.
func table(rows []string) string {
	var b strings.Builder
	b.WriteString("<table>\n")
	for n, row := range rows {
		cells := tableCells(row)
		if n == 1 && isTableRule(cells) {
			continue
		}
		tag := "td"
		if n == 0 {
			tag = "th"
		}
		b.WriteString("<tr>")
		for _, c := range cells {
			b.WriteString("<" + tag + ">" + inline(c) + "</" + tag + ">")
		}
		b.WriteString("</tr>\n")
	}
	b.WriteString("</table>\n")
	return b.String()
}

func tableCells(row string) []string {
	row = strings.TrimSuffix(strings.TrimPrefix(row, "|"), "|")
	const escaped = "\x00"
	row = strings.ReplaceAll(row, `\|`, escaped)
	var out []string
	for _, c := range strings.Split(row, "|") {
		out = append(out, strings.TrimSpace(strings.ReplaceAll(c, escaped, "|")))
	}
	return out
}

func isTableRule(cells []string) bool {
	for _, c := range cells {
		if strings.Trim(c, "-: ") != "" {
			return false
		}
	}
	return true
}

// listItem returns the text of a list item line ("- x", "* x", "1. x"), or
// "" if line is not one.
func listItem(line string) string {
	if strings.HasPrefix(line, "- ") || strings.HasPrefix(line, "* ") {
		return strings.TrimSpace(line[2:])
	}
	j := 0
	for j < len(line) && line[j] >= '0' && line[j] <= '9' {
		j++
	}
	if j > 0 && j < len(line)-1 && line[j] == '.' && line[j+1] == ' ' {
		return strings.TrimSpace(line[j+2:])
	}
	return ""
}

// inline renders **bold** and `code` spans in s, escaping all text.
func inline(s string) string {
	var b strings.Builder
	bold := false
	for len(s) > 0 {
		switch {
		case s[0] == '`':
			end := strings.IndexByte(s[1:], '`')
			if end < 0 {
				b.WriteString(html.EscapeString(s))
				s = ""
				continue
			}
			b.WriteString("<code>" + html.EscapeString(s[1:1+end]) + "</code>")
			s = s[end+2:]
		case strings.HasPrefix(s, "**"):
			if bold {
				b.WriteString("</strong>")
			} else if strings.Contains(s[2:], "**") {
				b.WriteString("<strong>")
			} else {
				b.WriteString("**")
				s = s[2:]
				continue
			}
			bold = !bold
			s = s[2:]
		default:
			next := strings.IndexAny(s, "`*")
			if next < 0 {
				next = len(s)
			} else if next == 0 {
				next = 1 // a lone '*'
			}
			b.WriteString(html.EscapeString(s[:next]))
			s = s[next:]
		}
	}
	if bold {
		b.WriteString("</strong>")
	}
	return b.String()
}
