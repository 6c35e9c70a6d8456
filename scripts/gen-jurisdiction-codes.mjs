// Keeps the declaration schema's list of jurisdiction codes in step with the modules in
// jurisdictions/: adding a folder there and running `npm run gen` is all a new
// jurisdiction needs. A test fails when the list is stale.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';

/** The jurisdiction codes, from the module folders. */
export function moduleCodes() {
  return readdirSync(new URL('../jurisdictions/', import.meta.url), { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();
}

const isMain = import.meta.url === `file://${process.argv[1]}`;
if (isMain) {
  const file = new URL('../schemas/policy.schema.json', import.meta.url);
  const schema = JSON.parse(readFileSync(file, 'utf8'));
  schema.$defs.jurisdiction_code.enum = moduleCodes();
  writeFileSync(file, JSON.stringify(schema, null, 2) + '\n');
}
