import type { RecordConstructor } from '../codec/context.js';
import type { RecordSchema } from '../schema/model.js';
import { Emitter, lit } from './emit.js';
import { runtime } from './runtime.js';

/**
 * A constructor that assigns the record's fields in order and whose instances have the user
 * class's prototype (so methods and getters work) without running the user's constructor.
 * Shared by the plain decoder and the resolving reader.
 */
export function makeRecordConstructor(s: RecordSchema, ctor: RecordConstructor): unknown {
  const em = new Emitter();
  const setOwn = em.constant(runtime.setOwn);
  const params = s.fields.map(() => em.local('a'));
  em.block(`function R(${params.join(', ')})`, () => {
    s.fields.forEach((f, i) => {
      if (f.name === '__proto__') em.line(`${setOwn}(this, ${lit(f.name)}, ${params[i]});`);
      else em.line(`this[${lit(f.name)}] = ${params[i]};`);
    });
  });
  em.line('return R;');
  const R = em.build<{ prototype: object }>();
  R.prototype = ctor.prototype;
  return R;
}
