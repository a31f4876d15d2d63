// Package manifest reads an OVF package's manifest (the .mf member), judges
// which files it protects, and compares its digests with computed ones.
//
// DSP0243 5.1 gives one line form, "SHA1(name)= hex" followed by LF, but real
// producers write several others: the BSD form of `sha256sum --tag` and of
// VirtualBox ("SHA256 (name) = hex"), OpenSSL 3's "SHA2-256(name)= hex",
// PowerShell's upper-case hex, CRLF line ends, and ovftool 4.0's run of
// spaces with no final newline. Consumers disagree on which of them they
// accept, and that disagreement is the most common reason a package that
// imports in one product is refused by another. Parse therefore accepts
// every form it can take apart, records each entry, and reports every
// non-standard line with the line quoted, the corrected line, and the
// consumers that refuse it.
//
// The three steps are independent so that the engine can report syntax and
// coverage before it hashes a single disk byte:
//
//	m := manifest.Parse(data, "app.mf", "1.x")   // syntax and dialect
//	manifest.CheckCoverage(m, manifest.Coverage{…}) // which files it lists
//	manifest.Verify(m, computed)                 // digests, after hashing
package manifest
