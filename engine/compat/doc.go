// Package compat judges whether a package will import on each target
// platform: vSphere 6.5 to 9.0, VMware Workstation 17, VirtualBox 7,
// Proxmox VE 8, KVM through virt-v2v, and XenServer 8. Each target is a Go
// table of facts (targets.go), each fact with its source in a comment; a
// fact that holds for the package gives a CMP finding naming the target and
// the fact, and the target's verdict is the worst of its facts: accepts,
// warns or rejects.
//
// Avoiding double counting. Some facts are the same predicate as a generic
// rule whose finding already names the consumers concerned (the spaced
// manifest form of MF002 says vSphere refuses it; PKG020 says VMware
// requires the descriptor first; PRD004 says a property type is not
// DSP0243's). Such a fact has a Covers rule: when it holds, the target
// lists the covering rule's ID in its Rules and no CMP finding is added, so
// the report says each thing once and the per-target table still shows why.
// Facts without Covers emit one CMP finding per target and place. The
// covering rules are emitted by the engine whenever their predicate holds
// (tests in this package hold the two sides together).
package compat
