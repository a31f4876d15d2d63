// Package api is ovacheck's HTTP API, a plain http.Handler: the Worker in
// wasm/worker serves it on Cloudflare Workers (and locally under workerd),
// and tests serve it with httptest. It does not import syumai/workers.
//
// # Endpoints
//
// POST /api/v1/validate checks one package and answers with its report:
// JSON (the report contract, schemas/report.schema.json) unless the Accept
// header prefers text/html, in which case it is the same single-file HTML
// page `ovacheck --format html` writes. The body is one of:
//
//   - an OVF descriptor (.ovf XML), checked on its own: file presence, sizes
//     and digests are skipped and the report says so;
//   - an OVA (a tar archive), streamed through the engine without being
//     kept in memory;
//   - multipart/form-data with one part per file, each named by its file
//     name (the part's filename, or its form name when it has none): a
//     descriptor with its manifest and certificate (and, within the size
//     limit, its disks), or a single OVA. A part whose form name is
//     "policy" holds a policy document instead. Files the descriptor or
//     manifest names but the body leaves out (usually the disks) count as
//     not sent: their presence, sizes and digests are not judged, and the
//     report's "skipped" says so.
//
// What the body is, is decided by its first bytes, not by its Content-Type
// (only multipart/form-data is taken from the header). A body that is none
// of these gets a report that says what it is; a check never fails with a
// 5xx status.
//
// Options are query parameters, parsed by engine/settings as the command
// line's flags and the page's fields are (settings.APIKeys):
//
//	profile=compat|strict   the profile (default compat)
//	targets=a,b             targets to judge (repeatable; default all)
//	sha256=HEX, sha512=HEX  the whole file's published checksum
//	signer-sha256=HEX       the signer's pinned fingerprint
//	at=YYYY-MM-DD           judge certificates at this time
//	deep=true               inflate every grain of stream-optimized disks
//	fail-on=error|warning   the least severity that fails the verdict
//	name=appliance.ova      the name the report gives the input
//
// Any other parameter, a misspelled value (profile=strcit) or two options
// that contradict each other get 400 with the reason.
// and a policy (package engine/policy) is either the multipart part named
// "policy" or, for any body, the header X-Ovacheck-Policy holding the
// policy JSON in base64 (standard or URL alphabet, padding optional), since
// a header cannot carry the JSON's line breaks and quotes safely. An
// invalid policy, profile or target gets 400 with a JSON body listing the
// problems (for a policy, each with the JSON pointer of its field).
//
// POST /api/v1/validate-url with the JSON body {"url": "https://..."} (and
// the query options that need no byte past the structure: profile,
// targets, signer-sha256, at, fail-on) reads the package where it lies, through range
// subrequests, and answers with the report of its structure: tar headers,
// descriptor, manifest syntax and coverage, certificate and signature over
// the manifest, disk headers. The members' digests are left to the client
// and the report's "skipped" says so; its input gives the URL, the bytes
// transferred and the subrequests made. Only https URLs are read, and
// none whose host is, or resolves to, a private, loopback, link-local or
// reserved address, or is a local name (localhost, *.local, one label);
// redirects are followed by hand, each hop checked. A package needs at
// most MaxURLSubrequests subrequests (name lookups included) and
// MaxURLBytes bytes. Each refusal is a JSON body with "error" and
// "refused" ("scheme", "name", "address", "redirect", "limit", "ranges",
// "fetch"): 400 for a malformed body, 403 for a refused address, 422 for a
// package that cannot be read so (no range support, a limit, the server's
// error); never a 5xx. A server without range support is refused: the
// command line reads such a server once, as a stream.
//
// GET /api/v1/rules lists every rule as a JSON array of {id, title,
// family, severity, strict, spec}; GET /api/v1/rules/{id} gives one rule
// with its markdown document in "doc", or 404.
//
// # Limits
//
// Bodies over MaxBodyBytes (32 MiB), multipart bodies over
// MaxMultipartBytes (16 MiB), and descriptors over MaxDescriptorBytes
// (512 KiB, sent as the body or as a part) get 413 with a JSON message
// naming the limit ("limit", "limitOf") and pointing to the browser page,
// which checks packages of any size on the user's own machine. The limits
// are for the Worker's sake: a Worker isolate has 128 MB of memory; a
// multipart body is held in memory to give the engine random access, and
// reading a part costs about twice its size while buffers grow (a 32 MiB
// part allocated about 137 MB in all), so multipart stays at 16 MiB; a
// descriptor costs up to 90 times its size to check (see
// MaxDescriptorBytes); a streamed body costs CPU time per chunk (50 MB
// took 5.5 s under workerd). Real descriptors, manifests and certificates
// are kilobytes.
//
// Every request body is read to its end (at most MaxBodyBytes and a
// byte) or cancelled before the answer is written, whatever the answer:
// under workerd a body left part-read breaks the client's next request on
// the same connection (see drain.go).
//
// # Headers
//
// Every response carries Content-Security-Policy (nothing may load; the
// HTML report may use its own inline style sheet, named by its hash),
// X-Content-Type-Options: nosniff, X-Frame-Options: DENY (and
// frame-ancestors 'none'), Referrer-Policy: no-referrer and, for reports,
// Cache-Control: no-store. Wrong methods get 405 with Allow.
package api
