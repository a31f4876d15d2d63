// Package conformance holds every rule about an OVF descriptor beyond
// well-formedness, one file per subject, named by the rule family so that a
// rule's code is found from its ID:
//
//	env_structure.go       ENV013-ENV019  the Envelope's children and Content ids
//	env_schema.go          ENV030-ENV042, ENV048, ENV049  DSP8023 order,
//	env_schema_tables.go   cardinality, attributes, placement, Info, extensions
//	env_strings.go         ENV043-ENV047  Strings bundles and ovf:msgid
//	ovf09.go               OVF 0.9's own conventions for the rules above
//	ref.go                 REF001-REF018  References, hrefs, presence and sizes
//	dsk.go                 DSK001-DSK014  DiskSection
//	dsk_links.go           DSK070-DSK075  disks against properties, parents, devices
//	net.go                 NET001-NET005, NET030-NET031  networks and connections
//	hw.go, hw_parents.go   HW001-HW014, HW050  Items, parents, host resources
//	hw_items.go, hw_cim.go HW030-HW053  CIM elements and values, devices
//	prd_product.go         PRD001-PRD019  ProductSection and its properties
//	prd_properties.go      (property types and qualifiers)
//	prd_sections.go        PRD020-PRD038  deployment options, startup, install,
//	                       EULA, operating system
//	prd_ovf2.go            PRD040-PRD045  OVF 2.x sections
//
// Check runs them all on a model built by envelope.Parse, which itself
// decides only well-formedness, encoding, namespaces, limits and OVF 0.9's
// xsi:type (ENV001-ENV012, ENV020, ENV050, ENV060, ENV061). OVF 0.9
// descriptors are judged on the model envelope gives them (their xsi:typed
// Section and Content read as the 1.x elements). The schema facts of
// DSP8023 (1.x and 2.x) are Go tables, not an XSD engine: schema validity
// rejects descriptors every consumer accepts, and many requirements are
// prose. Findings carry each rule's declared severity; the engine settles
// compat and strict severities from the rule's consumer records
// (engine/rules).
package conformance
