#!/usr/bin/env node
/**
 * Manifest tools, shared by webpack (base-URL rewrite), `npm run validate:offline` and the tests.
 *
 *   node scripts/manifest-tools.js check [manifest.xml]   xmllint against the team's schemas
 *                                                          (PAR_SHARED/schemas, else ../shared/schemas;
 *                                                          reported as NOT run when absent) + the
 *                                                          checks an XSD cannot make (resids,
 *                                                          en-US overrides, icon files and sizes)
 *   node scripts/manifest-tools.js rewrite URL [in] [out] write a manifest for another base URL
 */
'use strict';
const fs = require('fs');
const path = require('path');
const { spawnSync } = require('child_process');

const DEFAULT_BASE_URL = 'https://localhost:3000/';
const ROOT = path.resolve(__dirname, '..');
// The Office manifest XSDs are kept, with their source and local changes, in the team's shared
// folder beside the clone (not copied here, so there is one maintained copy); a clone on its own has
// none, and the schema check then says it did not run.
const SCHEMAS_DIR = process.env.PAR_SHARED
  ? path.resolve(process.env.PAR_SHARED, 'schemas')
  : path.resolve(ROOT, '..', 'shared', 'schemas');
const MAIN_SCHEMA = 'OfficeAppManifestV1_1.xsd';

/** "https://example.org/app" → "https://example.org/app/" (https only: Office requires it). */
function normalizeBaseUrl(url) {
  const u = new URL(url);
  if (u.protocol !== 'https:') throw new Error(`ADDIN_BASE_URL must be an https URL (Office loads add-ins over HTTPS only): ${url}`);
  u.search = '';
  u.hash = '';
  if (!u.pathname.endsWith('/')) u.pathname += '/';
  return u.toString();
}

/** The manifest with every https://localhost:3000/ URL (and the AppDomain) moved to baseUrl. */
function rewriteManifest(xml, baseUrl) {
  const base = normalizeBaseUrl(baseUrl || DEFAULT_BASE_URL);
  const origin = new URL(base).origin;
  return xml
    .split(DEFAULT_BASE_URL)
    .join(base)
    .split('<AppDomain>https://localhost:3000</AppDomain>')
    .join(`<AppDomain>${origin}</AppDomain>`);
}

function attr(tag, name) {
  const m = new RegExp(`\\b${name}="([^"]*)"`).exec(tag);
  return m ? m[1] : undefined;
}

/** Width and height from a PNG's IHDR chunk, or null when the file is not a PNG. */
function pngSize(file) {
  const buf = fs.readFileSync(file);
  const sig = '89504e470d0a1a0a';
  if (buf.length < 24 || buf.subarray(0, 8).toString('hex') !== sig || buf.subarray(12, 16).toString('ascii') !== 'IHDR') return null;
  return { width: buf.readUInt32BE(16), height: buf.readUInt32BE(20) };
}

/**
 * What an XSD cannot see: every resid names exactly one resource; every vi string has an en-US
 * override; DisplayName and Description too; every icon URL points to a PNG in assets/ of the
 * declared size. Returns a list of problems (empty = fine).
 */
function checkManifest(xml, options = {}) {
  const baseUrl = normalizeBaseUrl(options.baseUrl || DEFAULT_BASE_URL);
  const assetsDir = options.assetsDir || path.join(ROOT, 'assets');
  const problems = [];

  // Resources and their ids.
  const resourceTags = [...xml.matchAll(/<bt:(Image|Url|String)\b[^>]*\bid="[^"]*"[^>]*>/g)].map((m) => ({ kind: m[1], tag: m[0] }));
  const ids = new Map();
  for (const r of resourceTags) {
    const id = attr(r.tag, 'id');
    ids.set(id, (ids.get(id) || 0) + 1);
  }
  for (const [id, count] of ids) if (count > 1) problems.push(`resource id "${id}" is defined ${count} times`);
  const referenced = new Set([...xml.matchAll(/\bresid="([^"]*)"/g)].map((m) => m[1]));
  for (const id of referenced) if (!ids.has(id)) problems.push(`resid "${id}" names no resource`);
  for (const id of ids.keys()) if (!referenced.has(id)) problems.push(`resource "${id}" is never used`);
  for (const id of referenced) if (id.length > 32) problems.push(`resid "${id}" is longer than 32 characters`);

  // en-US overrides of every string.
  for (const m of xml.matchAll(/<bt:String\b[^>]*\bid="([^"]*)"[^>]*?(\/>|>([\s\S]*?)<\/bt:String>)/g)) {
    const body = m[3] || '';
    if (!/<bt:Override\b[^>]*Locale="en-US"[^>]*Value="[^"]+"/.test(body)) problems.push(`string "${m[1]}" has no en-US override`);
  }
  for (const el of ['DisplayName', 'Description']) {
    const m = new RegExp(`<${el}\\b[^>]*>([\\s\\S]*?)</${el}>`).exec(xml);
    if (!m || !/<Override\b[^>]*Locale="en-US"[^>]*Value="[^"]+"/.test(m[1])) problems.push(`${el} has no en-US override`);
  }

  // Icons: bt:Image resources (size from the referencing <bt:Image size=…>), IconUrl (32) and
  // HighResolutionIconUrl (64).
  const imageSizes = new Map();
  for (const m of xml.matchAll(/<bt:Image\b[^>]*\bsize="(\d+)"[^>]*\bresid="([^"]*)"/g)) {
    const set = imageSizes.get(m[2]) || new Set();
    set.add(Number(m[1]));
    imageSizes.set(m[2], set);
  }
  const icons = [];
  for (const r of resourceTags.filter((x) => x.kind === 'Image')) {
    const id = attr(r.tag, 'id');
    for (const size of imageSizes.get(id) || []) icons.push({ what: `image "${id}"`, url: attr(r.tag, 'DefaultValue'), size });
  }
  const iconUrl = /<IconUrl\b[^>]*DefaultValue="([^"]*)"/.exec(xml);
  const hiRes = /<HighResolutionIconUrl\b[^>]*DefaultValue="([^"]*)"/.exec(xml);
  if (iconUrl) icons.push({ what: 'IconUrl', url: iconUrl[1], size: 32 });
  else problems.push('no IconUrl');
  if (hiRes) icons.push({ what: 'HighResolutionIconUrl', url: hiRes[1], size: 64 });
  for (const icon of icons) {
    if (!icon.url || !icon.url.startsWith(`${baseUrl}assets/`)) {
      problems.push(`${icon.what}: ${icon.url} is not under ${baseUrl}assets/`);
      continue;
    }
    const file = path.join(assetsDir, decodeURIComponent(icon.url.slice(`${baseUrl}assets/`.length)));
    if (!fs.existsSync(file)) {
      problems.push(`${icon.what}: ${path.relative(ROOT, file)} does not exist`);
      continue;
    }
    const size = pngSize(file);
    if (!size) problems.push(`${icon.what}: ${path.relative(ROOT, file)} is not a PNG`);
    else if (size.width !== icon.size || size.height !== icon.size) {
      problems.push(`${icon.what}: ${path.relative(ROOT, file)} is ${size.width}×${size.height}, expected ${icon.size}×${icon.size}`);
    }
  }

  // Every URL lives under the base URL (one origin for the CSP and AppDomains).
  for (const m of xml.matchAll(/DefaultValue="(https?:[^"]*)"/g)) {
    if (!m[1].startsWith(baseUrl)) problems.push(`URL ${m[1]} is not under ${baseUrl}`);
  }
  return problems;
}

/** The path of xmllint, or null. */
function findXmllint() {
  const r = spawnSync('xmllint', ['--version'], { encoding: 'utf8' });
  return r.error ? null : 'xmllint';
}

/**
 * Validate a manifest file against the offline schemas. Throws when xmllint is missing (with the
 * command that installs it); returns { ok, output } otherwise.
 */
function validateWithXmllint(file, schemasDir = SCHEMAS_DIR) {
  if (!findXmllint()) {
    throw new Error('xmllint is not installed: run `apt-get install -y libxml2-utils` (Debian/Ubuntu) to validate the manifest offline.');
  }
  const schema = path.join(schemasDir, MAIN_SCHEMA);
  if (!fs.existsSync(schema)) throw new Error(`schema not found: ${schema}`);
  const r = spawnSync('xmllint', ['--noout', '--nonet', '--schema', schema, file], { encoding: 'utf8' });
  return { ok: r.status === 0, status: r.status, output: `${r.stdout || ''}${r.stderr || ''}`.trim() };
}

function main(argv) {
  const [cmd, ...rest] = argv;
  if (cmd === 'check') {
    const file = path.resolve(rest[0] || path.join(ROOT, 'manifest.xml'));
    const xml = fs.readFileSync(file, 'utf8');
    let failed = false;
    if (!fs.existsSync(path.join(SCHEMAS_DIR, MAIN_SCHEMA))) {
      console.error(`manifest: schema validation NOT run: no ${MAIN_SCHEMA} in ${SCHEMAS_DIR} (set PAR_SHARED to the shared folder)`);
    } else {
      try {
        const v = validateWithXmllint(file);
        console.log(v.output || `${file} validates`);
        if (!v.ok) failed = true;
      } catch (e) {
        console.error(e.message);
        return 2;
      }
    }
    const baseUrl = /<SourceLocation DefaultValue="(https:\/\/[^"]*?\/)taskpane\.html/.exec(xml);
    const problems = checkManifest(xml, { baseUrl: baseUrl ? baseUrl[1] : DEFAULT_BASE_URL });
    for (const p of problems) console.error(`manifest: ${p}`);
    if (problems.length === 0) console.log('manifest: resources, en-US overrides and icons are consistent');
    return failed || problems.length > 0 ? 1 : 0;
  }
  if (cmd === 'rewrite') {
    const [url, input = path.join(ROOT, 'manifest.xml'), output] = rest;
    const xml = rewriteManifest(fs.readFileSync(input, 'utf8'), url);
    if (output) fs.writeFileSync(output, xml);
    else process.stdout.write(xml);
    return 0;
  }
  console.error('usage: manifest-tools.js check [manifest.xml] | rewrite URL [in] [out]');
  return 2;
}

if (require.main === module) process.exitCode = main(process.argv.slice(2));

module.exports = {
  DEFAULT_BASE_URL,
  SCHEMAS_DIR,
  MAIN_SCHEMA,
  normalizeBaseUrl,
  rewriteManifest,
  checkManifest,
  pngSize,
  findXmllint,
  validateWithXmllint,
};
