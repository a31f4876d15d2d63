package pkgname

import "fmt"

// ChunkDigits is the width of a chunk number (DSP0243 7.1: nine digits).
const ChunkDigits = 9

// Chunk returns the member name of chunk i of the file called name: the
// name, a dot and i in nine digits (DSP0243 7.1).
func Chunk(name string, i int) string { return fmt.Sprintf("%s.%0*d", name, ChunkDigits, i) }

// Numbered splits a name of the form BASE.DIGITS, the shape of a chunk
// with any number of digits, into BASE and DIGITS; ok is false for any
// other name. The chunk rules use it to find stray chunk-like members.
func Numbered(name string) (base, digits string, ok bool) {
	dot := -1
	for i := len(name) - 1; i >= 0; i-- {
		if name[i] == '.' {
			dot = i
			break
		}
		if name[i] < '0' || name[i] > '9' {
			return "", "", false
		}
	}
	if dot < 0 || dot == len(name)-1 {
		return "", "", false
	}
	return name[:dot], name[dot+1:], true
}

// ChunkOf splits the name of a chunk, BASE and a dot and nine digits, into
// BASE and the chunk number; ok is false when the suffix is not exactly
// nine digits.
func ChunkOf(name string) (base string, n int, ok bool) {
	base, digits, ok := Numbered(name)
	if !ok || len(digits) != ChunkDigits {
		return "", 0, false
	}
	for i := 0; i < len(digits); i++ {
		n = n*10 + int(digits[i]-'0')
	}
	return base, n, true
}
