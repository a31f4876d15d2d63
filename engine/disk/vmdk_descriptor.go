package disk

import (
	"bytes"
	"strconv"
	"strings"
)

// vmdkDescriptor is the parsed text of a VMDK descriptor, embedded in a
// sparse extent or stand-alone.
type vmdkDescriptor struct {
	createType string
	parentCID  string
	parentHint string
	parentLine int
	extents    []vmdkExtent
	ddb        map[string]string
}

// vmdkExtent is one line of the extent description, e.g.
// `RW 5860 SPARSE "disk.vmdk"`.
type vmdkExtent struct {
	access  string
	sectors int64
	kind    string
	file    string
	line    int
}

// looksLikeVMDKDescriptor reports whether head starts like a VMDK text
// descriptor.
func looksLikeVMDKDescriptor(head []byte) bool {
	t := bytes.TrimLeft(head, " \t\r\n")
	if bytes.HasPrefix(t, []byte("# Disk DescriptorFile")) {
		return true
	}
	if !bytes.HasPrefix(t, []byte("#")) && !bytes.HasPrefix(t, []byte("version=")) {
		return false
	}
	return bytes.Contains(head, []byte("createType"))
}

// parseVMDKDescriptor reads descriptor text up to the first NUL. It is
// lenient: lines it does not understand are skipped.
func parseVMDKDescriptor(text []byte) vmdkDescriptor {
	if i := bytes.IndexByte(text, 0); i >= 0 {
		text = text[:i]
	}
	d := vmdkDescriptor{ddb: map[string]string{}}
	for n, raw := range strings.Split(string(text), "\n") {
		line := strings.TrimSpace(strings.TrimSuffix(raw, "\r"))
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		if ext, ok := parseExtent(line); ok {
			ext.line = n + 1
			d.extents = append(d.extents, ext)
			continue
		}
		key, value, ok := strings.Cut(line, "=")
		if !ok {
			continue
		}
		key = strings.TrimSpace(key)
		value = strings.Trim(strings.TrimSpace(value), `"`)
		switch {
		case key == "createType":
			d.createType = value
		case key == "parentCID":
			d.parentCID = strings.ToLower(value)
		case key == "parentFileNameHint":
			d.parentHint, d.parentLine = value, n+1
		case strings.HasPrefix(key, "ddb.") && len(d.ddb) < 64:
			d.ddb[key] = value
		}
	}
	return d
}

// parseExtent parses an extent line: access, size in sectors, type, and for
// every type but ZERO a quoted file name and an optional offset.
func parseExtent(line string) (vmdkExtent, bool) {
	fields := strings.Fields(line)
	if len(fields) < 3 {
		return vmdkExtent{}, false
	}
	switch fields[0] {
	case "RW", "RDONLY", "NOACCESS":
	default:
		return vmdkExtent{}, false
	}
	n, err := strconv.ParseInt(fields[1], 10, 64)
	if err != nil || n < 0 {
		return vmdkExtent{}, false
	}
	e := vmdkExtent{access: fields[0], sectors: n, kind: fields[2]}
	if i := strings.IndexByte(line, '"'); i >= 0 {
		rest := line[i+1:]
		if j := strings.IndexByte(rest, '"'); j >= 0 {
			e.file = rest[:j]
		}
	}
	return e, true
}

// hasParent reports whether the descriptor names a parent disk.
func (d vmdkDescriptor) hasParent() bool {
	return d.parentHint != "" || (d.parentCID != "" && d.parentCID != "ffffffff")
}

// extentSectors is the sum of the extents' sizes, or -1 on overflow.
func (d vmdkDescriptor) extentSectors() int64 {
	var total int64
	for _, e := range d.extents {
		if e.sectors > 1<<50 || total > 1<<50 {
			return -1
		}
		total += e.sectors
	}
	return total
}
