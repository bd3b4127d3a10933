/**
 * Thrown when a decorated class cannot become a schema: at decoration (a bad option, a type
 * that cannot be inferred) or at first use (`schemaOf`/`typeOf`: a thunk that names nothing
 * usable, a default that does not fit, two definitions of one full name). The message names
 * the class and property and shows the fix.
 */
export class AvroDecoratorError extends Error {
  override name = 'AvroDecoratorError';
  /** The class being described (its JavaScript name). */
  readonly className: string;
  /** The property, when the problem is one field's. */
  readonly property: string | undefined;

  constructor(className: string, property: string | undefined, message: string, options?: { cause?: unknown }) {
    super(`${property === undefined ? className : `${className}.${property}`}: ${message}`, options);
    this.className = className;
    this.property = property;
  }
}

/** The JavaScript name of a class for messages (`<anonymous class>` when it has none). */
export function className(c: unknown): string {
  const name = typeof c === 'function' ? (c as { name?: unknown }).name : undefined;
  return typeof name === 'string' && name !== '' ? name : '<anonymous class>';
}
