// Generates src/api/schema.d.ts from the server's OpenAPI document, taken
// from the committed openapi.json (written by `cargo run -p qr-event-server
// --bin qr-event-openapi`). With --check, fails when the committed types or
// document drift from what the server produces.
import { execFileSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import openapiTS, { astToString } from "openapi-typescript";

const web = join(dirname(fileURLToPath(import.meta.url)), "..");
const check = process.argv.includes("--check");
const docPath = join(web, "openapi.json");
const typesPath = join(web, "src/api/schema.d.ts");

const env = { ...process.env };
env.CARGO_TARGET_DIR ??= join(process.env.HOME ?? "/tmp", ".cache/qr-event/target");
const fresh = execFileSync("cargo", ["run", "--quiet", "-p", "qr-event-server", "--bin", "qr-event-openapi"], {
  cwd: join(web, ".."),
  env,
  encoding: "utf8",
  stdio: ["ignore", "pipe", "inherit"],
  maxBuffer: 64 * 1024 * 1024,
});
const header = "// Generated from openapi.json by scripts/gen-api.mjs. Do not edit.\n";
const types = header + astToString(await openapiTS(JSON.parse(fresh)));

if (check) {
  const committedDoc = readFileSync(docPath, "utf8");
  const committedTypes = readFileSync(typesPath, "utf8");
  if (committedDoc !== fresh || committedTypes !== types) {
    console.error("web/openapi.json or web/src/api/schema.d.ts is out of date: run `npm run gen:api` in web/.");
    process.exit(1);
  }
  console.log("API types match the server.");
} else {
  writeFileSync(docPath, fresh);
  writeFileSync(typesPath, types);
  console.log("Wrote openapi.json and src/api/schema.d.ts.");
}
