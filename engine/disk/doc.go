// Package disk reads what disk images say about themselves and holds it
// against the OVF descriptor.
//
// Probe sniffs a member by its magic bytes (VMDK sparse and stream-optimized,
// VMDK text descriptors, VHD, VHDX, QCOW2, VDI, ISO 9660, else raw) and reads
// headers, footers and metadata only, through an io.ReaderAt, never more than
// limits.MaxDiskProbeRead bytes. ProbeGzip does the same for a member the
// descriptor declares gzip-compressed. CheckAgainst compares a probed image
// with its Disk element: capacity, ovf:format, ovf:populatedSize.
//
// The deep check (NewDeepChecker) is an io.Writer fed a member's bytes in
// order during the single pass that hashes it: it inflates every grain of a
// stream-optimized VMDK, or a whole gzip member, one grain or window at a
// time, so a disk the publisher shipped broken is caught even when its
// manifest digest is right.
//
// Every problem is a finding (rules DSK020-DSK069); nothing here panics,
// loops or allocates without bound on hostile input.
package disk
