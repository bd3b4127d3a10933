/**
 * Thrown for an invalid schema. `path` locates the offending part, e.g. `Order.items[].price`
 * (records by name, fields after a dot, `[]` for array items, `{}` for map values, `|N` for
 * union branch N).
 */
export class AvroSchemaError extends Error {
  override name = 'AvroSchemaError';
  readonly path: string;
  constructor(message: string, path = '', options?: { cause?: unknown }) {
    super(path ? `${path}: ${message}` : message, options);
    this.path = path;
  }
}

/**
 * Thrown when a value does not fit its schema (encoding, validation). `path` is the location
 * inside the value, e.g. `items[3].price`.
 */
export class AvroTypeError extends Error {
  override name = 'AvroTypeError';
  readonly path: string;
  constructor(message: string, path = '', options?: { cause?: unknown }) {
    super(path ? `${path}: ${message}` : message, options);
    this.path = path;
  }
}
