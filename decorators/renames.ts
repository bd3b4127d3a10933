/**
 * Fields whose Avro name differs from the property name (`@Field({ name: 'order_id' })
 * orderId`). The codec reads and writes records by field name, so the class's prototype gets
 * a hidden accessor under the Avro name that forwards to the property: encoding an instance
 * reads `order_id` → `this.orderId`, and decoding assigns `order_id` → sets `this.orderId`.
 * Plain objects given to `toBuffer` use the Avro names.
 */
import { AvroDecoratorError, className } from './errors.js';
import type { AnyClass } from './spec.js';

const ours = new WeakSet<object>();

/** Installs the forwarding accessors (once per class and name). */
export function installRenames(renames: ReadonlyMap<AnyClass, readonly { property: string; name: string }[]>): void {
  for (const [cls, list] of renames) {
    const proto = cls.prototype as object;
    for (const { property, name } of list) {
      const existing = Object.getOwnPropertyDescriptor(proto, name);
      if (existing?.get !== undefined && ours.has(existing.get)) continue;
      // `constructor`, `__proto__`, `toString`, a method…: shadowing any of them would break the class.
      if (name in proto) {
        throw new AvroDecoratorError(className(cls), property, `its Avro name ${JSON.stringify(name)} is already a member of the class (or of Object); choose another name`);
      }
      const get = function (this: Record<string, unknown>): unknown {
        return this[property];
      };
      const set = function (this: Record<string, unknown>, v: unknown): void {
        this[property] = v;
      };
      ours.add(get);
      Object.defineProperty(proto, name, { get, set, enumerable: false, configurable: true });
    }
  }
}
