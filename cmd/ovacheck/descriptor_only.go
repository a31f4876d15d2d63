package main

import (
	"bytes"
	"fmt"
	"path/filepath"

	"github.com/ovacheck/ovacheck/engine"
)

// descriptorOnlySource opens name for --descriptor-only when it does not
// end in .ovf. Producers keep descriptor templates under other names
// (template.xml, appliance.ovf.in), so the name does not decide: a file
// whose first bytes are XML markup is judged as a descriptor, and anything
// else (an OVA, a disk) is refused with the reason.
func descriptorOnlySource(name string) (engine.Source, error) {
	data, err := readCapped(name)
	if err != nil {
		return engine.Source{}, err
	}
	if !looksLikeXML(data) {
		return engine.Source{}, fmt.Errorf("--descriptor-only takes an OVF descriptor, and %s does not start with XML markup; check a package without the flag", filepath.Base(name))
	}
	return engine.Descriptor(filepath.Base(name), data), nil
}

// looksLikeXML reports whether data starts, after an optional byte-order
// mark and white space, with '<'. UTF-16 descriptors start with a BOM.
func looksLikeXML(data []byte) bool {
	switch {
	case bytes.HasPrefix(data, []byte{0xFE, 0xFF}), bytes.HasPrefix(data, []byte{0xFF, 0xFE}):
		return true
	}
	data = bytes.TrimPrefix(data, []byte{0xEF, 0xBB, 0xBF})
	data = bytes.TrimLeft(data, " \t\r\n")
	return len(data) > 0 && data[0] == '<'
}
