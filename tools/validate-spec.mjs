// Validates AsyncAPI documents with the official parser; exits 1 on any error.
// Usage: node tools/validate-spec.mjs asyncapi.yaml [more.yaml ...]
import { Parser, fromFile } from '@asyncapi/parser';

const ERROR = 0;
const parser = new Parser();
let failed = false;
for (const path of process.argv.slice(2)) {
  const { document, diagnostics } = await fromFile(parser, path).parse();
  const errors = diagnostics.filter((d) => d.severity === ERROR);
  for (const d of errors) {
    console.error(`${path}: ${d.message} at /${d.path.join('/')}`);
  }
  if (errors.length > 0 || document === undefined) {
    failed = true;
  } else {
    console.log(`${path}: valid AsyncAPI ${document.version()}`);
  }
}
process.exit(failed ? 1 : 0);
