package signature

import (
	"strconv"
	"strings"

	"github.com/ovacheck/ovacheck/engine/report"
	"github.com/ovacheck/ovacheck/engine/rules"
)

// Coverage describes, for one certificate file, the manifest its signature
// covers and what that manifest leaves out. The engine fills it from the
// package's members and the parsed manifest.
type Coverage struct {
	// Certificate is the certificate file's member name.
	Certificate string
	// Manifest is the manifest's member name, "" when the package has none.
	Manifest string
	// Descriptor is the descriptor's member name; DescriptorListed says
	// whether the manifest lists it.
	Descriptor       string
	DescriptorListed bool
	// Unlisted are the package's other members (besides the descriptor,
	// the manifest and the certificate) that the manifest does not list.
	Unlisted []string
}

// maxNamed caps the member names one coverage finding lists.
const maxNamed = 10

// CoverageFindings reports what the signature cannot protect: everything,
// when there is no manifest for it to cover (SIG029), or the members the
// manifest does not list (SIG030). A manifest that lists the certificate is
// the manifest package's finding (MF024), not reported here.
func CoverageFindings(c Coverage) []report.Finding {
	if c.Manifest == "" {
		return []report.Finding{rules.SigNoManifest.New(report.InMember(c.Certificate),
			"%s holds a signature, but the package has no manifest for it to cover: nothing in the package is protected by it", c.Certificate).
			WithHint("Add the manifest the signature was made over (it must be named in the signature line), or remove the certificate file.")}
	}
	var left []string
	if !c.DescriptorListed && c.Descriptor != "" {
		left = append(left, c.Descriptor)
	}
	left = append(left, c.Unlisted...)
	if len(left) == 0 {
		return nil
	}
	named := left
	more := ""
	if len(named) > maxNamed {
		named, more = named[:maxNamed], " and "+strconv.Itoa(len(left)-maxNamed)+" more"
	}
	return []report.Finding{rules.SigPartialCoverage.New(report.InMember(c.Certificate),
		"the signature protects only the files %s lists; it does not cover %s%s, which could be changed without breaking it",
		c.Manifest, strings.Join(named, ", "), more).
		WithRelated(report.InMember(c.Manifest)).
		WithHint("List every file of the package, the descriptor first, in the manifest, then sign it again.")}
}
