// The official AsyncAPI parser on a document read over HTTP, its $refs resolved where they point (not from disk):
// prints every diagnostic and exits 1 on any error. Usage: node parse-asyncapi.mjs http://host/asyncapi.yaml
import { Parser, fromURL, DiagnosticSeverity } from '@asyncapi/parser';

const url = process.argv[2];
if (!url) {
  console.error('usage: node parse-asyncapi.mjs URL');
  process.exit(2);
}
const parser = new Parser();
const { document, diagnostics } = await fromURL(parser, url).parse();
const name = (severity) => Object.keys(DiagnosticSeverity).find((k) => DiagnosticSeverity[k] === severity);
for (const d of diagnostics) {
  console.log(`${name(d.severity)} ${d.code} ${d.path.join('.')} ${d.message}`);
}
const errors = diagnostics.filter((d) => d.severity === DiagnosticSeverity.Error).length;
const warnings = diagnostics.filter((d) => d.severity === DiagnosticSeverity.Warning).length;
console.log(`AsyncAPI ${url}: ${errors} errors, ${warnings} warnings, document ${document ? 'parsed' : 'not parsed'}`);
process.exit(errors === 0 && document ? 0 : 1);
