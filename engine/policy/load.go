package policy

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"strings"

	"github.com/ovacheck/ovacheck/engine/internal/limits"
	"github.com/ovacheck/ovacheck/engine/rules"
	"github.com/ovacheck/ovacheck/engine/signature"
)

// Policy is a loaded, valid policy document. Its fields are read-only
// after Load.
type Policy struct {
	// Name is the policy's name, or "".
	Name string
	// Settings are the rule settings in document order.
	Settings []Setting
	// RequireSignature is true when the document requires a signature or
	// pins signers.
	RequireSignature bool
	// PinnedSigners are the allowed signer fingerprints, lower-case hex.
	PinnedSigners []string
	// MinimumDigest is "", "sha1", "sha256" or "sha512".
	MinimumDigest string
	// RequiredTargets are the targets that must not reject the package.
	RequiredTargets []string
	// MaxDiskBytes is the largest disk allowed, or 0 for no limit.
	MaxDiskBytes int64

	// resolved maps every registered rule ID to its severity under
	// Settings ("" for unchanged). It is filled by Load and only read
	// afterwards, so one Policy may serve concurrent checks.
	resolved map[string]string
}

// Setting is one entry of the document's "rules": the selectors and the
// severity ("off", "info", "warning" or "error") given to what they select.
type Setting struct {
	Select   []string
	Severity string
}

// Problem is one thing wrong with a policy document.
type Problem struct {
	// Pointer is the JSON pointer of the offending field, "" for the
	// document as a whole.
	Pointer string `json:"pointer"`
	Message string `json:"message"`
}

func (p Problem) String() string {
	if p.Pointer == "" {
		return p.Message
	}
	return p.Pointer + ": " + p.Message
}

// Error is what Load returns for a document that is not a valid policy.
type Error struct {
	Problems []Problem
}

func (e *Error) Error() string {
	parts := make([]string, len(e.Problems))
	for i, p := range e.Problems {
		parts[i] = p.String()
	}
	return "invalid policy: " + strings.Join(parts, "; ")
}

// document is the JSON shape, decoded after the schema accepted it.
type document struct {
	Name             string      `json:"name"`
	Rules            []ruleEntry `json:"rules"`
	RequireSignature bool        `json:"requireSignature"`
	PinnedSigners    []string    `json:"pinnedSigners"`
	MinimumDigest    string      `json:"minimumDigest"`
	RequiredTargets  []string    `json:"requiredTargets"`
	MaxDiskBytes     int64       `json:"maxDiskBytes"`
}

type ruleEntry struct {
	Select   selectors `json:"select"`
	Severity string    `json:"severity"`
}

// selectors decodes a selector or a list of them.
type selectors struct {
	list   []string
	isList bool
}

func (s *selectors) UnmarshalJSON(b []byte) error {
	if len(b) > 0 && b[0] == '[' {
		s.isList = true
		return json.Unmarshal(b, &s.list)
	}
	var one string
	if err := json.Unmarshal(b, &one); err != nil {
		return err
	}
	s.list = []string{one}
	return nil
}

// Load reads a policy document. A document that is not JSON, breaks the
// schema, or names rules that do not exist gives an *Error listing every
// problem found with the pointer of its field.
func Load(data []byte) (*Policy, error) {
	if len(data) > limits.MaxPolicySize {
		return nil, &Error{[]Problem{{Message: fmt.Sprintf("the policy is %d bytes; the limit is %d", len(data), limits.MaxPolicySize)}}}
	}
	if p := syntaxProblem(data); p != nil {
		return nil, &Error{[]Problem{*p}}
	}
	sp, err := schemaProblems(data)
	if err != nil {
		return nil, &Error{[]Problem{{Message: err.Error()}}}
	}
	if len(sp) > 0 {
		return nil, &Error{explain(sp, data)}
	}
	var doc document
	if err := json.Unmarshal(data, &doc); err != nil {
		// The schema accepted it, so this is a value Go cannot hold.
		return nil, &Error{[]Problem{{Message: err.Error()}}}
	}
	return build(doc)
}

// LoadFile reads and loads the policy document at path: what a --policy
// flag does. The error names the file.
func LoadFile(path string) (*Policy, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("reading the policy: %w", err)
	}
	p, err := Load(data)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return p, nil
}

// syntaxProblem returns a problem when data is not exactly one JSON value,
// with the line and column of the fault.
func syntaxProblem(data []byte) *Problem {
	dec := json.NewDecoder(bytes.NewReader(data))
	var v any
	err := dec.Decode(&v)
	if err == nil {
		if _, extra := dec.Token(); extra == nil {
			line, col := lineCol(data, dec.InputOffset())
			return &Problem{Message: fmt.Sprintf("line %d, column %d: more data after the policy object", line, col)}
		}
		return nil
	}
	var se *json.SyntaxError
	if errors.As(err, &se) {
		line, col := lineCol(data, se.Offset-1) // Offset is just past the fault
		return &Problem{Message: fmt.Sprintf("not JSON: line %d, column %d: %v", line, col, se)}
	}
	return &Problem{Message: "not JSON: " + err.Error()}
}

// lineCol converts a byte offset into a 1-based line and column.
func lineCol(data []byte, off int64) (int, int) {
	off = min(max(off, 0), int64(len(data)))
	before := data[:off]
	line := bytes.Count(before, []byte{'\n'}) + 1
	col := len(before) - bytes.LastIndexByte(before, '\n')
	return line, col
}

// build checks what the schema cannot (that selectors name rules that
// exist) and makes the Policy.
func build(doc document) (*Policy, error) {
	p := &Policy{Name: doc.Name, RequireSignature: doc.RequireSignature || len(doc.PinnedSigners) > 0,
		MinimumDigest: doc.MinimumDigest, RequiredTargets: doc.RequiredTargets, MaxDiskBytes: doc.MaxDiskBytes}
	var probs []Problem
	for i, e := range doc.Rules {
		for j, sel := range e.Select.list {
			ptr := fmt.Sprintf("/rules/%d/select", i)
			if e.Select.isList {
				ptr += fmt.Sprintf("/%d", j)
			}
			if msg := checkSelector(sel); msg != "" {
				probs = append(probs, Problem{Pointer: ptr, Message: msg})
			}
		}
		p.Settings = append(p.Settings, Setting{Select: e.Select.list, Severity: e.Severity})
	}
	for i, fp := range doc.PinnedSigners {
		n, err := signature.NormalizePin(fp)
		if err != nil {
			probs = append(probs, Problem{Pointer: fmt.Sprintf("/pinnedSigners/%d", i), Message: fmt.Sprintf("%q is not a SHA-256 fingerprint", fp)})
			continue
		}
		p.PinnedSigners = append(p.PinnedSigners, n)
	}
	if len(probs) > 0 {
		return nil, &Error{probs}
	}
	p.resolved = map[string]string{}
	for _, r := range rules.All() {
		p.resolved[r.ID] = p.resolve(r.ID)
	}
	return p, nil
}

// Severity returns the severity the policy's settings give findings of
// rule id, or "" when no setting selects the rule. "off" means the
// findings are dropped.
func (p *Policy) Severity(id string) string {
	if s, ok := p.resolved[id]; ok {
		return s
	}
	return p.resolve(id)
}

// resolve applies the settings in order to id; the last that selects it
// wins.
func (p *Policy) resolve(id string) string {
	sev := ""
	for _, s := range p.Settings {
		if selects(s.Select, id) {
			sev = s.Severity
		}
	}
	return sev
}
