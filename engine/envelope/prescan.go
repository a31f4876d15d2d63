package envelope

import "bytes"

// countTagAttributes returns an upper bound on the attributes of the
// document: the '=' signs inside start tags, outside quoted values. Text,
// comments, CDATA sections and processing instructions are skipped, so a
// base64 blob or a line of '=' in an annotation does not count. It stops
// counting once the count passes limit.
func countTagAttributes(data []byte, limit int) int {
	n := 0
	for i := 0; i < len(data) && n <= limit; {
		lt := bytes.IndexByte(data[i:], '<')
		if lt < 0 {
			break
		}
		i += lt
		rest := data[i:]
		switch {
		case bytes.HasPrefix(rest, []byte("<!--")):
			i += skipPast(rest, "-->")
			continue
		case bytes.HasPrefix(rest, []byte("<![CDATA[")):
			i += skipPast(rest, "]]>")
			continue
		case bytes.HasPrefix(rest, []byte("<?")):
			i += skipPast(rest, "?>")
			continue
		}
		// A tag: count '=' until the '>' that is outside quotes.
		i++
		var quote byte
	tag:
		for i < len(data) {
			c := data[i]
			i++
			switch {
			case quote != 0:
				if c == quote {
					quote = 0
				}
			case c == '"' || c == '\'':
				quote = c
			case c == '=':
				n++
			case c == '>':
				break tag
			}
		}
	}
	return n
}

// skipPast returns how many bytes of b go up to and including the end
// marker, or len(b) when there is none.
func skipPast(b []byte, end string) int {
	if j := bytes.Index(b, []byte(end)); j >= 0 {
		return j + len(end)
	}
	return len(b)
}
