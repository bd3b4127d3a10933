/**
 * Global set-up the decorators need before any decorated class is defined:
 * `Reflect.getMetadata` (reflect-metadata) so that legacy decorators see `design:type`, and
 * `Symbol.metadata` (missing on Node 20), without which TypeScript gives standard decorators
 * no `context.metadata`. Both are the standard polyfills, not our state. The symbol is
 * exported and used, so that bundlers honouring `sideEffects: false` keep this module.
 */
import 'reflect-metadata';

function installSymbolMetadata(): symbol {
  const S = Symbol as unknown as { metadata?: symbol };
  if (typeof S.metadata !== 'symbol') {
    Object.defineProperty(Symbol, 'metadata', { value: Symbol.for('Symbol.metadata'), configurable: true });
  }
  return S.metadata!;
}

/** `Symbol.metadata`, installed here where the runtime lacks it. */
export const SYMBOL_METADATA: symbol = installSymbolMetadata();
