/**
 * Global set-up the decorators need, done once on import, before any decorated class is
 * defined: `Reflect.getMetadata` (reflect-metadata) so that legacy decorators see
 * `design:type`, and `Symbol.metadata` (missing on Node 20), without which TypeScript gives
 * standard decorators no `context.metadata`. Both are the standard polyfills, not our state.
 */
import 'reflect-metadata';

if (typeof (Symbol as { metadata?: symbol }).metadata !== 'symbol') {
  Object.defineProperty(Symbol, 'metadata', { value: Symbol.for('Symbol.metadata'), configurable: true });
}
