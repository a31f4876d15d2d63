// Command browser is the ovacheck engine compiled to WebAssembly for the
// validator page. It runs inside a dedicated Web Worker (site/static/
// engine-worker.js), which hands it the File objects the user chose; it
// reads them with FileReaderSync (never holding a member but the
// descriptor, manifest and certificate in memory), hands byte ranges to the
// worker's pool of hash workers for digests, and posts back the structural
// report, progress and the final report rendered by site.Report.
package main
