// Build the demo page (web/) into web/dist/, which app/http/demo_page.py serves under `/`:
//
//   web/dist/index.html                 web/index.html pointing at the hashed bundles below
//   web/dist/assets/demo-<hash>.js      web/demo.ts + the generated client + lightweight-charts
//   web/dist/assets/styles-<hash>.css   web/styles.css
//
// Content-hashed names let the server cache assets forever while index.html is revalidated.
// Run by `npm run build:web` (from `make install`); everything comes from node_modules, so the
// page works offline. The new build replaces the old one in one rename.

import { readFile, rename, rm, writeFile } from "node:fs/promises";
import { basename, relative } from "node:path";
import { fileURLToPath } from "node:url";
import * as esbuild from "esbuild";

const root = fileURLToPath(new URL("../", import.meta.url));
const web = `${root}web`;
const dist = `${web}/dist`;
const staging = `${web}/dist.tmp`;

await rm(staging, { recursive: true, force: true });
const result = await esbuild.build({
  absWorkingDir: root,
  entryPoints: { demo: "web/demo.ts", styles: "web/styles.css" },
  bundle: true,
  minify: true,
  sourcemap: "linked",
  format: "iife",
  target: "es2022",
  outdir: `${staging}/assets`,
  entryNames: "[name]-[hash]",
  metafile: true,
  logLevel: "warning",
  // The page imports the generated package by its name, as a frontend team would after
  // `npm install <path>/generated/ts`; here the name points at the package in the repository.
  alias: { "trading-ws-client": "./generated/ts" },
});

// "demo.js" -> "assets/demo-<hash>.js", "styles.css" -> "assets/styles-<hash>.css"
let html = await readFile(`${web}/index.html`, "utf8");
for (const [output, info] of Object.entries(result.metafile.outputs)) {
  if (info.entryPoint === undefined) continue;
  const source = basename(info.entryPoint).replace(/\.ts$/, ".js");
  const reference = `"${source}"`;
  if (!html.includes(reference)) throw new Error(`web/index.html does not reference ${reference}`);
  html = html.replace(reference, `"${relative(staging, `${root}${output}`)}"`);
}
await writeFile(`${staging}/index.html`, html);

await rm(dist, { recursive: true, force: true });
await rename(staging, dist);
const sizes = Object.entries(result.metafile.outputs)
  .filter(([name]) => !name.endsWith(".map"))
  .map(([name, info]) => `${basename(name)} ${(info.bytes / 1024).toFixed(0)} KiB`);
console.log(`web/dist: index.html, ${sizes.join(", ")}`);
