// Package envelope parses OVF descriptors (OVF 0.9, 1.x and 2.x) into a
// model that keeps the line and column of every element and attribute, with
// the tables and lookups the descriptor rules share (disk format names
// and resource types; member-name rules are in engine/internal/pkgname).
//
// Parse reads the XML with encoding/xml in strict mode. It refuses any
// document type declaration (so no entity is ever expanded or fetched),
// tolerates a UTF-8 byte-order mark and the mismatched encoding declarations
// real producers write, and caps depth, element and attribute counts (see
// internal/limits). Elements are matched by namespace URI, never by prefix.
// The model (Envelope, Content, Item, ...) is built from a generic element
// tree (Node) that is kept: every model value points at its Node, so checks
// of element order and section placement can walk the document as written.
//
// Parse reports only what decides whether there is a model at all:
// well-formedness, encoding, namespaces and limits (ENV001-ENV012, ENV020).
// Every other descriptor rule lives in package conformance. Summary turns
// the model into the report's package summary.
package envelope
