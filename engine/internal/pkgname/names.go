// Package pkgname holds the one set of rules by which ovacheck matches the
// names in a package with each other: File hrefs of the descriptor, member
// names of an archive or folder, manifest entries, and the members of a
// chunked file. Every check that asks "which member does this name mean"
// asks it here, so that the checks cannot disagree.
//
// Two matches are told apart, because consumers differ:
//
//   - Exact: the member's name is the href as written, or the href's path
//     (percent-decoded, leading "./" removed). This is what importers that
//     compare member names look for: virt-v2v 2.2 (run here: an OVA whose
//     member is ./disk.vmdk for the href disk.vmdk is refused, "OVF
//     references file ... which was not found in the OVA archive"), GNU tar
//     as Proxmox calls it, and VirtualBox (see engine/rules PKG025).
//   - Loose: the two name the same file once extracted: "./x" and ".//x"
//     are both "x". A tool that extracts the whole archive finds it; the
//     layout rules use it to know which File a member holds, and report
//     the spelling (PKG025) themselves.
package pkgname

import (
	"net/url"
	"strings"
)

// Href returns the member name an href designates: percent-decoded when
// every escape in it is valid (a bad escape leaves the href as written),
// with each leading "./" removed. A "/" after "./" is kept: ".//x" is
// "/x", which is no member of a package.
func Href(href string) string {
	p := decode(href)
	for strings.HasPrefix(p, "./") {
		p = p[2:]
	}
	return p
}

// decode percent-decodes href, or returns it as written when an escape in
// it is not valid.
func decode(href string) string {
	if u, err := url.PathUnescape(href); err == nil {
		return u
	}
	return href
}

// HrefPaths returns the paths an href lands at once extracted (Extracted):
// that of the decoded href, then that of the href as written when it
// differs. A member whose Extracted name is one of them holds the href's
// file for a tool that extracts the archive.
func HrefPaths(href string) []string {
	dec, raw := Extracted(decode(href)), Extracted(href)
	if dec == raw {
		return []string{dec}
	}
	return []string{dec, raw}
}

// Extracted returns the path a member name (or a decoded href) lands at
// when extracted: leading "./" removed with the slashes after it, so
// "./x", ".//x" and "././x" are all "x".
func Extracted(name string) string {
	for strings.HasPrefix(name, "./") {
		name = strings.TrimLeft(name[2:], "/")
	}
	return name
}

// Folded returns the key by which two names count as a near miss: they
// differ only in what a user does not see but consumers, which compare
// names exactly, do not forgive: letter case, a leading "./" (and the
// slashes after it) and Windows "\" separators. Rules report a near miss
// with both spellings; no check treats it as the same file.
func Folded(name string) string {
	return strings.ToLower(Extracted(strings.ReplaceAll(name, `\`, "/")))
}
