/**
 * JSON text without the two losses of `JSON.parse`/`JSON.stringify` that matter to Avro: an
 * integer literal beyond ±(2^53 - 1) is read as an exact `bigint`, and a `bigint` is written
 * as a bare JSON integer. Knows nothing of schemas.
 */

/** Thrown for text that is not JSON; `offset` is the UTF-16 index where reading stopped. */
export class JsonSyntaxError extends SyntaxError {
  override name = 'JsonSyntaxError';
  readonly offset: number;
  constructor(reason: string, offset: number) {
    super(`invalid JSON at character ${offset}: ${reason}`);
    this.offset = offset;
  }
}

export interface ParseJsonOptions {
  /** Deepest nesting of arrays and objects accepted (default 1000). */
  readonly maxDepth?: number;
}

const NUMBER = /-?(?:0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/y;
const PLAIN_RUN = /[^"\\\u0000-\u001f]*/y;
const ESCAPES: Record<string, string> = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };

/**
 * Parses JSON text like `JSON.parse`, except that integer literals that a number cannot hold
 * exactly become `bigint`s. Objects are plain; a `__proto__` key becomes an own property.
 */
export function parseJsonText(text: string, options: ParseJsonOptions = {}): unknown {
  const p = new Parser(text, options.maxDepth ?? 1000);
  p.skipSpace();
  const v = p.value(0);
  p.skipSpace();
  if (p.pos < text.length) p.fail('unexpected text after the value');
  return v;
}

class Parser {
  pos = 0;
  constructor(
    private readonly text: string,
    private readonly maxDepth: number,
  ) {}

  fail(reason: string, at = this.pos): never {
    throw new JsonSyntaxError(reason, at);
  }

  skipSpace(): void {
    const t = this.text;
    let i = this.pos;
    for (;;) {
      const c = t.charCodeAt(i);
      if (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) i++;
      else break;
    }
    this.pos = i;
  }

  value(depth: number): unknown {
    const t = this.text;
    const c = t[this.pos];
    switch (c) {
      case '{':
        return this.object(depth + 1);
      case '[':
        return this.array(depth + 1);
      case '"':
        return this.string();
      case 't':
        return this.word('true', true);
      case 'f':
        return this.word('false', false);
      case 'n':
        return this.word('null', null);
      case undefined:
        return this.fail('unexpected end of text');
      default:
        if (c === '-' || (c >= '0' && c <= '9')) return this.number();
        return this.fail(`unexpected character ${JSON.stringify(c)}`);
    }
  }

  private word<T>(w: string, v: T): T {
    if (!this.text.startsWith(w, this.pos)) this.fail(`expected ${w}`);
    this.pos += w.length;
    return v;
  }

  private number(): number | bigint {
    NUMBER.lastIndex = this.pos;
    const m = NUMBER.exec(this.text);
    if (m === null) return this.fail('malformed number');
    const lit = m[0];
    this.pos += lit.length;
    const n = Number(lit);
    // Only integer literals can be exact beyond 2^53; a fraction or exponent means a double.
    if (m[1] === undefined && m[2] === undefined && !Number.isSafeInteger(n)) return BigInt(lit);
    return n;
  }

  private string(): string {
    const t = this.text;
    const start = this.pos;
    let i = start + 1;
    let out = '';
    for (;;) {
      PLAIN_RUN.lastIndex = i;
      PLAIN_RUN.exec(t);
      out += t.slice(i, PLAIN_RUN.lastIndex);
      i = PLAIN_RUN.lastIndex;
      const c = t[i];
      if (c === '"') {
        this.pos = i + 1;
        return out;
      }
      if (c === undefined) this.fail('unterminated string', start);
      if (c !== '\\') this.fail('control character in string', i);
      const e = t[i + 1];
      if (e === 'u') {
        const hex = t.slice(i + 2, i + 6);
        if (!/^[0-9a-fA-F]{4}$/.test(hex)) this.fail('bad \\u escape', i);
        out += String.fromCharCode(parseInt(hex, 16));
        i += 6;
      } else {
        const r = e === undefined ? undefined : ESCAPES[e];
        if (r === undefined) this.fail('bad escape', i);
        out += r;
        i += 2;
      }
    }
  }

  private array(depth: number): unknown[] {
    if (depth > this.maxDepth) this.fail(`nesting deeper than ${this.maxDepth}`);
    this.pos++;
    const out: unknown[] = [];
    this.skipSpace();
    if (this.text[this.pos] === ']') {
      this.pos++;
      return out;
    }
    for (;;) {
      this.skipSpace();
      out.push(this.value(depth));
      this.skipSpace();
      const c = this.text[this.pos++];
      if (c === ']') return out;
      if (c !== ',') this.fail('expected , or ]', this.pos - 1);
    }
  }

  private object(depth: number): Record<string, unknown> {
    if (depth > this.maxDepth) this.fail(`nesting deeper than ${this.maxDepth}`);
    this.pos++;
    const out: Record<string, unknown> = {};
    this.skipSpace();
    if (this.text[this.pos] === '}') {
      this.pos++;
      return out;
    }
    for (;;) {
      this.skipSpace();
      if (this.text[this.pos] !== '"') this.fail('expected a string key');
      const k = this.string();
      this.skipSpace();
      if (this.text[this.pos] !== ':') this.fail('expected :');
      this.pos++;
      this.skipSpace();
      const v = this.value(depth);
      // Like JSON.parse: the last duplicate wins, and `__proto__` is data, never a prototype.
      Object.defineProperty(out, k, { value: v, enumerable: true, writable: true, configurable: true });
      this.skipSpace();
      const c = this.text[this.pos++];
      if (c === '}') return out;
      if (c !== ',') this.fail('expected , or }', this.pos - 1);
    }
  }
}

/**
 * Writes a JSON value as text like `JSON.stringify`, except that a `bigint` is written as a bare
 * integer and `-0` keeps its sign (written `-0.0`, which Java reads as negative zero, unlike `-0`). `space` indents as in `JSON.stringify`. Non-finite numbers
 * have no JSON form and throw.
 */
export function stringifyJson(value: unknown, space?: string | number): string {
  const indent = typeof space === 'number' ? ' '.repeat(Math.max(0, Math.min(10, space))) : (space ?? '').slice(0, 10);
  return write(value, indent, '') ?? 'null';
}

function write(v: unknown, indent: string, current: string): string | undefined {
  switch (typeof v) {
    case 'string':
      return JSON.stringify(v);
    case 'number':
      if (!Number.isFinite(v)) throw new TypeError(`${v} has no JSON form`);
      return Object.is(v, -0) ? '-0.0' : String(v);
    case 'bigint':
      return v.toString();
    case 'boolean':
      return v ? 'true' : 'false';
    case 'undefined':
    case 'function':
    case 'symbol':
      return undefined;
    default:
      break;
  }
  if (v === null) return 'null';
  const inner = current + indent;
  const open = indent === '' ? '' : `\n${inner}`;
  const sep = indent === '' ? ',' : `,\n${inner}`;
  const close = indent === '' ? '' : `\n${current}`;
  if (Array.isArray(v)) {
    if (v.length === 0) return '[]';
    const parts = v.map((x: unknown) => write(x, indent, inner) ?? 'null');
    return `[${open}${parts.join(sep)}${close}]`;
  }
  const toJSON = (v as { toJSON?: unknown }).toJSON;
  if (typeof toJSON === 'function') return write((toJSON as () => unknown).call(v), indent, current);
  const parts: string[] = [];
  const colon = indent === '' ? ':' : ': ';
  for (const k of Object.keys(v as object)) {
    const s = write((v as Record<string, unknown>)[k], indent, inner);
    if (s !== undefined) parts.push(`${JSON.stringify(k)}${colon}${s}`);
  }
  if (parts.length === 0) return '{}';
  return `{${open}${parts.join(sep)}${close}}`;
}
