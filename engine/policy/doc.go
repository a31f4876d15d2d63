// Package policy reads an organisation's policy document and applies it to
// reports. A policy is JSON checked against schemas/policy.schema.json:
//
//	{
//	  "version": 1,
//	  "name": "appliances we deploy",
//	  "rules": [
//	    {"select": "MF013", "severity": "off"},
//	    {"select": ["HW*", "-HW010"], "severity": "error"}
//	  ],
//	  "requireSignature": true,
//	  "pinnedSigners": ["9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"],
//	  "minimumDigest": "sha256",
//	  "requiredTargets": ["vsphere-8.0"],
//	  "maxDiskBytes": 107374182400
//	}
//
// Every field is optional. "rules" settings are applied in order to every
// finding of the report, the policy's own POL findings included; a later
// setting wins over an earlier one for the rules both select. A selector is
// "all", an ID prefix ending in * ("HW*", "HW0*") or an exact rule ID
// ("MF004"); a list of selectors is read left to right, plain ones adding
// rules and "-" ones taking them away, and a list (or a single selector)
// that starts with "-" starts from all rules. Severity "off" drops the
// findings; "info", "warning" and "error" set their severity.
//
// The requirements produce POL findings (see engine/rules/pol.go):
// requireSignature (POL001 unsigned, POL002 not verified), pinnedSigners
// (implies requireSignature; POL003 for another signer), minimumDigest
// (POL004 weaker digests, POL005 no manifest), requiredTargets (POL006 the
// target rejects, POL007 it was not judged) and maxDiskBytes (POL008, for
// a disk's capacity or its image file's size).
//
// Load returns an *Error listing each problem of an invalid document with
// the JSON pointer of the field at fault. A *Policy is an engine.Policy:
// pass it to engine.WithPolicy, or use Options, which also makes sure the
// required targets are judged.
package policy
