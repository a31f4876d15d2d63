package envelope

import (
	"net/url"
	"strings"
)

// HrefPath returns the package path an href names: percent-decoded when the
// escapes are valid, without a leading "./".
func HrefPath(href string) string {
	p := href
	if u, err := url.PathUnescape(href); err == nil {
		p = u
	}
	for strings.HasPrefix(p, "./") {
		p = p[2:]
	}
	return p
}
