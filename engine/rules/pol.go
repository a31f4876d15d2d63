package rules

import "github.com/ovacheck/ovacheck/engine/report"

// Policy rules (POL001-POL099): what an organisation's policy document
// (package policy, schemas/policy.schema.json) requires of a package and
// the package does not give. They are errors in both profiles: a policy is
// a gate its author chose to set. They rest on no section of DSP0243.
var (
	PolUnsigned = register(Rule{ID: "POL001", Title: "policy requires a signature but the package is unsigned",
		Severity: report.Error})
	PolSignatureNotVerified = register(Rule{ID: "POL002", Title: "policy requires a signature that verifies",
		Severity: report.Error})
	PolSignerNotPinned = register(Rule{ID: "POL003", Title: "signer is not one the policy pins",
		Severity: report.Error})
	PolWeakDigest = register(Rule{ID: "POL004", Title: "digest algorithm weaker than the policy allows",
		Severity: report.Error})
	PolNoManifest = register(Rule{ID: "POL005", Title: "policy requires digests but the package has no manifest",
		Severity: report.Error})
	PolTargetRejects = register(Rule{ID: "POL006", Title: "a target the policy requires rejects the package",
		Severity: report.Error})
	PolTargetNotJudged = register(Rule{ID: "POL007", Title: "a target the policy requires was not judged",
		Severity: report.Error})
	PolDiskTooLarge = register(Rule{ID: "POL008", Title: "disk larger than the policy allows",
		Severity: report.Error})
)
