import { AvroSchemaError } from '../schema/errors.js';
import type { Incompatibility } from './plan.js';

/**
 * Thrown when a resolver cannot be built: the reader's schema cannot read what the writer's
 * schema wrote (spec, "Schema Resolution"). `path` locates the first problem in the reader's
 * schema (e.g. `Order.items[].price`); `incompatibilities` lists every problem found, each with
 * its kind and location. It is an {@link AvroSchemaError}, so existing handlers catch it.
 */
export class AvroResolutionError extends AvroSchemaError {
  override name = 'AvroResolutionError';
  readonly incompatibilities: readonly Incompatibility[];
  constructor(incompatibilities: readonly Incompatibility[]) {
    const first = incompatibilities[0];
    const more = incompatibilities.length > 1 ? ` (and ${incompatibilities.length - 1} more)` : '';
    super(
      first === undefined
        ? 'the writer schema cannot be read with the reader schema'
        : `cannot read the writer's data with the reader's schema: ${first.message}${more}`,
      first?.path ?? '',
    );
    this.incompatibilities = incompatibilities;
  }
}
