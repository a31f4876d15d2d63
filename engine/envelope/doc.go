// Package envelope parses OVF descriptors (OVF 0.9, 1.x and 2.x) into a
// model that keeps the line and column of every element and attribute, and
// checks the descriptor's internal references.
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
// CrossCheck applies the structure and reference rules (ENV, REF, DSK, NET,
// HW families) and, when given the package's files, their presence and
// sizes. Summary turns the model into the report's package summary.
package envelope
