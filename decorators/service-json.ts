/**
 * Rewrites of the schema JSON the decorators build, on the way to protocol JSON: declared
 * errors become Avro `error`s (as Java requires), and named types move to the protocol's
 * `types`, in order of first use, leaving references in the messages (the form `.avpr` files
 * have and other implementations' code generators expect).
 */
import { namespaceOf, qualify, shortName } from '../src/index.js';

const NAMED: ReadonlySet<unknown> = new Set(['record', 'error', 'enum', 'fixed']);

type Json = Record<string, unknown>;

function isObject(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** True for the JSON definition of a named type. */
export function isNamedDefinition(v: unknown): v is Json {
  return isObject(v) && NAMED.has(v['type']);
}

/** Full name of a named definition written inside namespace `ns`. */
export function definitionName(def: Json, ns: string): string {
  const name = String(def['name']);
  if (name.includes('.')) return name;
  const own = def['namespace'];
  return qualify(name, typeof own === 'string' ? own : ns);
}

/** Full name of a reference (a name string) written inside namespace `ns`. */
export function referenceName(ref: string, ns: string): string {
  return ref.includes('.') ? ref : qualify(ref, ns);
}

/** Every named definition in `json` (written inside `ns`), by full name. */
export function definitions(json: unknown, ns: string, out: Map<string, Json> = new Map()): Map<string, Json> {
  if (Array.isArray(json)) {
    for (const b of json) definitions(b, ns, out);
    return out;
  }
  if (!isObject(json)) return out;
  const t = json['type'];
  if (NAMED.has(t)) {
    const full = definitionName(json, ns);
    out.set(full, json);
    const inner = namespaceOf(full);
    if (Array.isArray(json['fields'])) for (const f of json['fields'] as unknown[]) if (isObject(f)) definitions(f['type'], inner, out);
    return out;
  }
  if (t === 'array') definitions(json['items'], ns, out);
  else if (t === 'map') definitions(json['values'], ns, out);
  else if (typeof t === 'object') definitions(t, ns, out);
  return out;
}

/** How a protocol in namespace `ns` refers to `full` at the top of a message. */
function reference(full: string, ns: string): string {
  return namespaceOf(full) === ns ? shortName(full) : full;
}

/**
 * Moves the outermost named definitions of `json` (written at the top of a message or of
 * `types`, inside the protocol's namespace `ns`) to `types` and returns `json` with references
 * in their place. A type in the null namespace stays where it is when `ns` is not null: a
 * protocol in a namespace cannot refer to it by name.
 */
export function hoist(json: unknown, ns: string, types: unknown[]): unknown {
  if (Array.isArray(json)) return json.map((b) => hoist(b, ns, types));
  if (!isObject(json)) return json;
  const t = json['type'];
  if (NAMED.has(t)) {
    const full = definitionName(json, ns);
    if (namespaceOf(full) === '' && ns !== '') return json;
    types.push(json);
    return reference(full, ns);
  }
  if (t === 'array') return { ...json, items: hoist(json['items'], ns, types) };
  if (t === 'map') return { ...json, values: hoist(json['values'], ns, types) };
  if (typeof t === 'object') return { ...json, type: hoist(t, ns, types) };
  return json;
}

/** A deep copy of JSON-safe data, with own keys defined (never through a `__proto__` setter). */
export function cloneJson<T>(v: T): T {
  if (Array.isArray(v)) return v.map(cloneJson) as T;
  if (!isObject(v)) return v;
  const out: Json = {};
  for (const k of Object.keys(v)) define(out, k, cloneJson(v[k]));
  return out as T;
}

/** Sets an own enumerable property (safe for keys such as `__proto__`). */
export function define(o: Json, k: string, v: unknown): void {
  Object.defineProperty(o, k, { value: v, enumerable: true, writable: true, configurable: true });
}
