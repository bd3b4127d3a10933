/**
 * The only place that builds source text for generated code. Everything that comes from a
 * schema (names, symbols, defaults, docs) enters the source either as a JSON string literal or
 * as a runtime value passed in as a parameter: never as raw text.
 */

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;
const RESERVED = new Set(
  ('break case catch class const continue debugger default delete do else enum export extends false ' +
    'finally for function if import in instanceof new null return super switch this throw true try typeof ' +
    'var void while with yield let static implements interface package private protected public await ' +
    '__proto__ constructor prototype arguments eval undefined NaN Infinity').split(' '),
);

/** A JavaScript string literal for `s`. */
export function lit(s: string): string {
  return JSON.stringify(s);
}

/** Property read `obj.name` when `name` is a plain identifier, else `obj["name"]`. */
export function prop(obj: string, name: string): string {
  return IDENTIFIER.test(name) && !RESERVED.has(name) ? `${obj}.${name}` : `${obj}[${lit(name)}]`;
}

/** An object-literal key that defines an own property (computed for `__proto__`). */
export function key(name: string): string {
  if (name === '__proto__') return `[${lit(name)}]`;
  return IDENTIFIER.test(name) && !RESERVED.has(name) ? name : lit(name);
}

/**
 * Collects the source of one compiled unit: lines with indentation, fresh local names, and the
 * runtime values (constants) the code refers to by generated parameter names.
 */
export class Emitter {
  private readonly out: string[] = [];
  private depth = 0;
  private nextLocal = 0;
  private readonly constNames: string[] = [];
  private readonly constValues: unknown[] = [];
  private readonly constIndex = new Map<unknown, string>();

  /** A fresh local variable name (never derived from schema text). */
  local(prefix = 'v'): string {
    return `${prefix}${this.nextLocal++}`;
  }

  /** The parameter name under which `value` is available to the generated code. */
  constant(value: unknown): string {
    const hit = this.constIndex.get(value);
    if (hit !== undefined) return hit;
    const name = `k${this.constNames.length}`;
    this.constNames.push(name);
    this.constValues.push(value);
    this.constIndex.set(value, name);
    return name;
  }

  line(code: string): void {
    this.out.push('  '.repeat(this.depth) + code);
  }

  /** Emits `head {`, the body, then `}` (with `tail` after the brace, e.g. ` else {`). */
  block(head: string, body: () => void, tail = ''): void {
    this.line(`${head} {`);
    this.depth++;
    body();
    this.depth--;
    this.line(`}${tail}`);
  }

  indent(body: () => void): void {
    this.depth++;
    body();
    this.depth--;
  }

  source(): string {
    return this.out.join('\n');
  }

  /**
   * Builds the unit: the emitted lines form the body of a factory whose parameters are the
   * constants; the factory's return value is the result.
   */
  build<T>(): T {
    const factory = new Function(...this.constNames, `'use strict';\n${this.source()}`) as (...args: unknown[]) => T;
    return factory(...this.constValues);
  }
}

/** True when this runtime lets us create functions from source (no CSP forbidding eval). */
export function codegenAllowed(): boolean {
  try {
    return new Function('return 1')() === 1;
  } catch {
    return false;
  }
}
