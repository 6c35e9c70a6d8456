// Generates dist/generated/validate-policy.cjs and validate-config.cjs: the validators of the
// declaration's and the project config's schemas as code, so that a build does not compile
// them at start-up (see docs/benchmarks.md).
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import Ajv2020Module from 'ajv/dist/2020.js';
import standaloneCode from 'ajv/dist/standalone/index.js';
import addFormatsModule from 'ajv-formats';
import { AJV_FORMATS, AJV_OPTIONS } from '../dist/validate/ajv-options.js';

const Ajv2020 = Ajv2020Module.default ?? Ajv2020Module;
const addFormats = addFormatsModule.default ?? addFormatsModule;
mkdirSync(new URL('../dist/generated/', import.meta.url), { recursive: true });
for (const [schemaFile, out] of [
  ['policy.schema.json', 'validate-policy.cjs'],
  ['config.schema.json', 'validate-config.cjs'],
]) {
  const text = readFileSync(new URL(`../schemas/${schemaFile}`, import.meta.url), 'utf8');
  // The options src/validate/validate.ts compiles with (built into dist/ just before), plus code generation.
  const ajv = new Ajv2020({ ...AJV_OPTIONS, keywords: [...AJV_OPTIONS.keywords], code: { source: true } });
  addFormats(ajv, [...AJV_FORMATS]);
  const validate = ajv.compile(JSON.parse(text));
  const code = (standaloneCode.default ?? standaloneCode)(ajv, validate);
  // The hash of the schema it was made from: policygen uses the file only when it still matches.
  const hash = createHash('sha256').update(text).digest('hex');
  writeFileSync(
    new URL(`../dist/generated/${out}`, import.meta.url),
    `${code}\nmodule.exports.schemaHash = ${JSON.stringify(hash)};\n`,
  );
}
