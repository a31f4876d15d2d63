// Package oracle holds no code, only tests: they compare ovacheck's
// verdicts with those of real consumers and producers (virt-v2v, qemu-img,
// vmdkinfo) on packages built by real tools and on the real-world corpus.
// Every disagreement must be listed, with its reason, in testdata; a
// disagreement not listed, or a listed one that no longer disagrees, fails.
//
// The tests need those tools installed; without them they skip, unless
// OVACHECK_REQUIRE_TOOLS=1 (set by npm test), which makes them fail.
// OVACHECK_ORACLE_TABLE=1 logs every comparison (run with -v to see it):
//
//	OVACHECK_ORACLE_TABLE=1 go test -count=1 -v ./engine/oracle
package oracle
