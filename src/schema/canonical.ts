import type { Schema } from './model.js';

/**
 * The schema's Parsing Canonical Form, as the spec's "Parsing Canonical Form for Schemas"
 * defines it: the text two schemas share exactly when no reader can tell their data apart.
 *
 * - PRIMITIVES: a primitive is its bare name (`"int"`, never `{"type":"int"}`).
 * - FULLNAMES: named types carry their full name and no `namespace`.
 * - STRIP: only `type`, `name`, `fields`, `symbols`, `items`, `values`, `size` remain; docs,
 *   aliases, defaults, orders, logical types and custom attributes are dropped.
 * - ORDER: attributes appear as `name`, `type`, `fields`, `symbols`, `items`, `values`, `size`.
 * - STRINGS / INTEGERS / WHITESPACE: strings unescaped (valid names are plain ASCII), sizes as
 *   bare decimal integers, no whitespace outside strings.
 *
 * A named type is written in full where the depth-first, left-to-right walk meets it first,
 * and by its full name everywhere after (which also ends the walk of a recursive record).
 *
 * A record declared with `"type": "error"` is written as `"record"`: the two encode the same
 * data, so the form that identifies a writer's data must not tell them apart (Java's
 * `SchemaNormalization` does the same).
 *
 * @example
 * canonicalForm(parseSchema({ type: 'fixed', name: 'MD5', namespace: 'x', size: 16, doc: 'd' }))
 * // '{"name":"x.MD5","type":"fixed","size":16}'
 */
export function canonicalForm(schema: Schema): string {
  const parts: string[] = [];
  write(schema, new Set<string>(), parts);
  return parts.join('');
}

function write(s: Schema, seen: Set<string>, out: string[]): void {
  switch (s.kind) {
    case 'record': {
      if (reference(s.name, seen, out)) return;
      out.push('{"name":', str(s.name), ',"type":"record","fields":[');
      s.fields.forEach((f, i) => {
        if (i > 0) out.push(',');
        out.push('{"name":', str(f.name), ',"type":');
        write(f.type, seen, out);
        out.push('}');
      });
      out.push(']}');
      return;
    }
    case 'enum': {
      if (reference(s.name, seen, out)) return;
      out.push('{"name":', str(s.name), ',"type":"enum","symbols":[', s.symbols.map(str).join(','), ']}');
      return;
    }
    case 'fixed': {
      if (reference(s.name, seen, out)) return;
      // INTEGERS: a JS number prints without quotes or leading zeros.
      out.push('{"name":', str(s.name), ',"type":"fixed","size":', String(s.size), '}');
      return;
    }
    case 'array':
      out.push('{"type":"array","items":');
      write(s.items, seen, out);
      out.push('}');
      return;
    case 'map':
      out.push('{"type":"map","values":');
      write(s.values, seen, out);
      out.push('}');
      return;
    case 'union':
      out.push('[');
      s.branches.forEach((b, i) => {
        if (i > 0) out.push(',');
        write(b, seen, out);
      });
      out.push(']');
      return;
    default:
      out.push('"', s.kind, '"');
  }
}

/** Writes the full name of an already written named type and says so. */
function reference(fullName: string, seen: Set<string>, out: string[]): boolean {
  if (seen.has(fullName)) {
    out.push(str(fullName));
    return true;
  }
  seen.add(fullName);
  return false;
}

/**
 * A JSON string literal with only the escapes JSON requires (`"`, `\` and control characters);
 * every other character stays itself, as the STRINGS rule asks. Names that passed the spec's
 * grammar never need any escape.
 */
function str(s: string): string {
  return JSON.stringify(s);
}
