#!/usr/bin/env bash
# npm run fuzz: run every fuzz target of the repository (each `func Fuzz...`
# in a *_test.go file) for FUZZTIME each (default 60s), one after the other,
# and print the executions each made.
#
#   FUZZTIME=20s npm run fuzz            # shorter runs
#   FUZZMINIMIZETIME=5s npm run fuzz     # another minimisation limit
#   npm run fuzz -- FuzzCheck FuzzStream # only the targets named
#
# -fuzzminimizetime is bounded (default 10x: ten executions) because Go's
# default (60s per new input) spends nearly all the time minimising each new
# interesting input: FuzzCheck made 9 executions in 3 minutes that way.
#
# New interesting inputs go to Go's cache ($(go env GOCACHE)/fuzz), not the
# repository. When a target finds a failure, Go writes the input that broke
# it to testdata/fuzz/<FuzzName>/ beside the test; commit it there, and it is
# run as a regression seed by every plain `go test` from then on.
set -uo pipefail
cd "$(dirname "$0")/.."

fuzztime="${FUZZTIME:-60s}"
minimize="${FUZZMINIMIZETIME:-10x}"
only=" $* "

# Every target as "package-dir target", in a stable order.
mapfile -t targets < <(
	grep -rn --include='*_test.go' -E '^func Fuzz[A-Za-z0-9_]*\(' . \
		| grep -v -e '^./node_modules/' -e '/testdata/' \
		| sed -E 's|^(.*)/[^/]+_test\.go:[0-9]+:func (Fuzz[A-Za-z0-9_]*)\(.*|\1 \2|' \
		| sort -u
)
if [ "${#targets[@]}" -eq 0 ]; then
	echo "fuzz: no fuzz targets found" >&2
	exit 2
fi

log="$(mktemp -d)"
trap 'rm -rf "$log"' EXIT
results=()
failed=0
for t in "${targets[@]}"; do
	dir="${t% *}"
	name="${t#* }"
	if [ "$only" != "  " ] && [[ "$only" != *" $name "* ]]; then
		continue
	fi
	out="$log/$(echo "$dir" | tr '/.' '__')_$name.log"
	echo "== $dir $name ($fuzztime, minimise $minimize)"
	go test "$dir" -run '^$' -fuzz "^${name}\$" -fuzztime "$fuzztime" \
		-fuzzminimizetime "$minimize" >"$out" 2>&1
	rc=$?
	# The last progress line, e.g.
	# "fuzz: elapsed: 20s, execs: 123456 (6172/sec), new interesting: 3 (total: 40)".
	last="$(grep -E '^fuzz: elapsed: .*execs: [0-9]+' "$out" | tail -n 1)"
	execs="$(sed -nE 's/.*execs: ([0-9]+).*/\1/p' <<<"$last")"
	# Go's "/sec" is the rate of the last interval; the table shows the mean.
	elapsed="$(sed -nE 's/^fuzz: elapsed: ([0-9hms]+),.*/\1/p' <<<"$last")"
	secs="$(awk -v d="$elapsed" 'BEGIN { s = 0; while (match(d, /^[0-9]+[hms]/)) {
		n = substr(d, 1, RLENGTH - 1); u = substr(d, RLENGTH, 1); d = substr(d, RLENGTH + 1)
		s += n * (u == "h" ? 3600 : u == "m" ? 60 : 1) } print s }')"
	rate=""
	if [ -n "$execs" ] && [ "${secs:-0}" -gt 0 ]; then
		rate=$((execs / secs))
	fi
	newin="$(sed -nE 's/.*new interesting: ([0-9]+).*/\1/p' <<<"$last")"
	if [ "$rc" -eq 0 ]; then
		status=ok
	elif grep -q '\[build failed\]\|\[setup failed\]' "$out"; then
		status="did not build"
		failed=1
		head -n 20 "$out"
	else
		status=FAIL
		failed=1
		# The failure, and where Go kept the input that caused it.
		grep -E -e '--- FAIL' -e 'Failing input written to' -e 'panic:' -e 'Error' "$out" | head -n 20
		tail -n 5 "$out"
	fi
	results+=("$(printf '%-42s %-22s %12s %9s %6s  %s' "$dir" "$name" "${execs:--}" "${rate:--}" "${newin:--}" "$status")")
done

echo
printf '%-42s %-22s %12s %9s %6s  %s\n' package target execs "per sec" new result
for r in "${results[@]}"; do
	echo "$r"
done
if [ "$failed" -ne 0 ]; then
	echo
	echo "fuzz: a target failed. When it found an input that fails, Go wrote it to that package's"
	echo "testdata/fuzz/<target>/: fix the cause and commit the input, a regression seed for every go test."
	exit 1
fi
