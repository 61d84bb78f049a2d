// The API contract (ctest server/api-contract): the OpenAPI document is valid OpenAPI 3, and every reply the server
// suite received (tests/server/api_client.cpp records them with WAYPOINT_API_RECORD) is one the document promises:
// its status is listed for its route, its body matches that status's schema (ajv, strict: required keys, types,
// formats, enums, no unknown keys), and a request the server accepted matches the documented request body and query
// parameters. Fails listing every mismatch, or when there is nothing to check.
//   node tests/contract/check.mjs WAYPOINT_SERVER RECORDINGS_FOLDER
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { Validator } from '@seriousme/openapi-schema-validator';

const [serverBinary, recordings] = process.argv.slice(2);
if (!serverBinary || !recordings) {
  console.error('usage: node tests/contract/check.mjs WAYPOINT_SERVER RECORDINGS_FOLDER');
  process.exit(2);
}

function fail(message) {
  console.error(`api-contract: ${message}`);
  process.exit(1);
}

// [SECTION] The document, as the server prints it
const printed = spawnSync(serverBinary, ['openapi'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
if (printed.status !== 0) fail(`${serverBinary} openapi exited ${printed.status}: ${printed.stderr}`);
const doc = JSON.parse(printed.stdout);

const validator = new Validator();
const valid = await validator.validate(structuredClone(doc));
if (!valid.valid) fail(`the document is not valid OpenAPI ${doc.openapi}:\n${JSON.stringify(valid.errors, null, 2)}`);
try {
  validator.resolveRefs();
} catch (error) {
  fail(`the document has a $ref that does not resolve: ${error.message}`);
}
console.log(`api-contract: the document is valid OpenAPI ${doc.openapi} (${Object.keys(doc.paths).length} paths)`);

// [SECTION] Schemas, compiled by ajv
// The component schemas go in under one id, and every "#/components/schemas/X" becomes a reference into it.
const ajv = new Ajv({ strict: true, allErrors: true });
addFormats(ajv);
const rebase = (schema) =>
  JSON.parse(JSON.stringify(schema).replaceAll('"#/components/schemas/', '"waypoint-api#/$defs/'));
ajv.addSchema({ $id: 'waypoint-api', $defs: rebase(doc.components.schemas) });
const compiled = new Map();
function validatorFor(schema) {
  const key = JSON.stringify(schema);
  if (!compiled.has(key)) compiled.set(key, ajv.compile(rebase(schema)));
  return compiled.get(key);
}

function resolveResponse(response) {
  if (!response || !response.$ref) return response;
  return doc.components.responses[response.$ref.replace('#/components/responses/', '')];
}

// The shared failure response of each status, for requests refused before any route (unknown paths, methods).
const sharedByStatus = { 404: doc.components.responses.NotFound, 405: doc.components.responses.MethodNotAllowed };
for (const item of Object.values(doc.paths))
  for (const op of Object.values(item))
    for (const [status, response] of Object.entries(op.responses))
      if (response.$ref && !(status in sharedByStatus)) sharedByStatus[status] = resolveResponse(response);

const routes = Object.entries(doc.paths).map(([template, item]) => ({
  template,
  item,
  pattern: new RegExp(`^${template.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace('{id}', '\\d+')}$`),
}));

// [SECTION] One recorded reply against the document
const mismatches = new Map();  // message -> how many replies
const seen = new Map();        // "GET /api/x" -> Map(status -> count)
let checked = 0, outside = 0;

function mismatch(where, message) {
  const text = `${where}: ${message}`;
  mismatches.set(text, (mismatches.get(text) || 0) + 1);
}

function schemaErrors(schema, value) {
  const validate = validatorFor(schema);
  if (validate(value)) return null;
  return validate.errors.map((e) => `${e.instancePath || '(body)'} ${e.message}` +
    (e.params && Object.keys(e.params).length ? ` ${JSON.stringify(e.params)}` : '')).join('; ');
}

function checkBody(where, response, record) {
  for (const [name, header] of Object.entries(response.headers || {}))
    if (header.required && !(name.toLowerCase() in record.headers)) mismatch(where, `no ${name} header`);
  const content = response.content && response.content['application/json'];
  if (record.method === 'HEAD') return;
  if (!content) {
    if (record.body !== '') mismatch(where, `the document promises no body, got ${record.body.slice(0, 200)}`);
    return;
  }
  const type = record.headers['content-type'] || '';
  if (!type.startsWith('application/json')) mismatch(where, `Content-Type ${type || '(none)'}, not application/json`);
  let body;
  try {
    body = JSON.parse(record.body);
  } catch {
    mismatch(where, `the body is not JSON: ${record.body.slice(0, 200)}`);
    return;
  }
  const errors = schemaErrors(content.schema, body);
  if (errors) mismatch(where, `the body does not match the schema: ${errors}`);
}

// A request the server accepted must be one the document allows: body and query parameters.
function checkAccepted(where, op, record, query) {
  const body = op.requestBody && op.requestBody.content['application/json'].schema;
  if (body && record.request_body !== undefined) {
    let parsed;
    try {
      parsed = JSON.parse(record.request_body || '{}');
    } catch {
      mismatch(where, `accepted a body that is not JSON`);
    }
    if (parsed !== undefined) {
      const errors = schemaErrors(body, parsed);
      if (errors) mismatch(where, `accepted a request body the document's schema refuses: ${errors}`);
    }
  }
  const parameters = (op.parameters || []).map((p) => (p.$ref ? doc.components.parameters[p.$ref.split('/').pop()] : p));
  for (const [name, value] of query) {
    const parameter = parameters.find((p) => p.in === 'query' && p.name === name);
    if (!parameter) {
      mismatch(where, `accepted the undocumented query parameter ${name}`);
      continue;
    }
    const typed = parameter.schema.type === 'integer' && /^-?\d+$/.test(value) ? Number(value) : value;
    const errors = schemaErrors(parameter.schema, typed);
    if (errors) mismatch(where, `accepted ${name}=${value}, which the document refuses: ${errors}`);
  }
}

function check(record) {
  const [pathname, search = ''] = record.path.split('?');
  if (!pathname.startsWith('/api/')) {
    outside += 1;
    return;
  }
  checked += 1;
  const method = record.method === 'HEAD' ? 'get' : record.method.toLowerCase();
  const route = routes.find((r) => r.pattern.test(pathname));
  const op = route && route.item[method];
  const name = op ? `${record.method} ${route.template}`
                 : route ? '(a method the path lacks)' : '(an unknown /api/ path)';
  const statuses = seen.get(name) || new Map();
  statuses.set(record.status, (statuses.get(record.status) || 0) + 1);
  seen.set(name, statuses);
  const where = `${op ? name : `${record.method} ${pathname.slice(0, 120)}`} -> ${record.status}`;

  let response;
  if (op) {
    response = resolveResponse(op.responses[String(record.status)]);
    if (!response) return mismatch(where, `a status the document does not list for this route (${record.path.slice(0, 120)})`);
  } else {
    // Refused before any route: an unknown path is 404, a known one asked with a method it lacks 405; the edge's
    // own refusals are the same for every request.
    const expected = route ? 405 : 404;
    const other = expected === 404 ? 405 : 404;
    response = record.status === other ? undefined : sharedByStatus[record.status];
    if (!response) return mismatch(where, `expected ${expected} or an edge refusal (${record.path.slice(0, 120)})`);
  }
  checkBody(where, response, record);
  if (op && record.status >= 200 && record.status < 300) checkAccepted(where, op, record, new URLSearchParams(search));
}

// [SECTION] Every recording
if (!fs.existsSync(recordings)) fail(`no recordings in ${recordings}: run the server suite (server/api) first`);
const files = fs.readdirSync(recordings).filter((f) => f.endsWith('.jsonl'));
for (const file of files) {
  const lines = fs.readFileSync(path.join(recordings, file), 'utf8').split('\n').filter(Boolean);
  for (const line of lines) check(JSON.parse(line));
}
if (checked === 0) fail(`no replies from /api/ recorded in ${recordings} (${files.length} files): nothing was checked`);

console.log(`api-contract: ${checked} replies from ${files.length} recording(s) checked (${outside} outside /api/ skipped)`);
const width = Math.max(...[...seen.keys()].map((k) => k.length));
for (const [name, statuses] of [...seen.entries()].sort()) {
  const total = [...statuses.values()].reduce((a, b) => a + b, 0);
  const detail = [...statuses.entries()].sort((a, b) => a[0] - b[0]).map(([s, n]) => `${s}×${n}`).join(' ');
  console.log(`  ${name.padEnd(width)}  ${String(total).padStart(6)}  ${detail}`);
}
const unexercised = routes.flatMap((r) => Object.keys(r.item).map((m) => `${m.toUpperCase()} ${r.template}`))
  .filter((name) => !seen.has(name));
if (unexercised.length) console.log(`api-contract: no replies recorded for ${unexercised.join(', ')}`);

if (mismatches.size > 0) {
  const total = [...mismatches.values()].reduce((a, b) => a + b, 0);
  console.error(`api-contract: ${total} replies do not match the OpenAPI document (${mismatches.size} distinct):`);
  for (const [message, count] of mismatches) console.error(`  ${count > 1 ? `[${count}×] ` : ''}${message}`);
  process.exit(1);
}
console.log('api-contract: every reply matches the document');
