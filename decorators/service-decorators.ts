/**
 * The service decorators: `@AvroService` on a class, `@AvroMessage` on each method that is a
 * message, `@Param` on each of its parameters (legacy decorators; standard decorators list
 * them in `@AvroMessage({ request })`, as they cannot decorate parameters).
 */
import './polyfill.js';
import type { AvroClassDecorator } from './decorators.js';
import { AvroDecoratorError } from './errors.js';
import { recordMessage, recordParam, recordService } from './service-metadata.js';
import { forgetServiceModel, serviceModel } from './service-model.js';
import type { AvroMessageOptions, AvroServiceOptions, ParamOptions } from './service-options.js';
import type { AnyClass, TypeInput } from './spec.js';

/** A method decorator for either standard. */
export interface AvroMethodDecorator {
  (target: object, propertyKey: string | symbol, descriptor: PropertyDescriptor): void;
  <This, F extends (this: This, ...args: any) => any>(value: F, context: ClassMethodDecoratorContext<This, F>): void;
}

/** A parameter decorator (legacy decorators). */
export type AvroParameterDecorator = (target: object, propertyKey: string | symbol | undefined, parameterIndex: number) => void;

/**
 * Makes a class an Avro service: a protocol (`protocolOf`) with one message per method
 * decorated with `@AvroMessage`, its parents' first. The protocol is named after the class
 * unless `options.protocol` says otherwise. Checks the class at once (types are resolved at
 * first use, as classes they name may be defined later).
 */
export function AvroService(options: AvroServiceOptions = {}): AvroClassDecorator {
  return ((...args: unknown[]) => {
    const cls = recordService(args, options);
    forgetServiceModel(cls);
    serviceModel(cls as AnyClass);
  }) as AvroClassDecorator;
}

/**
 * Makes a method a message of its service. Its parameters are named with `@Param` (or listed
 * in `options.request`); its response type is `options.response` (inferred only from a `void`
 * or plain return type under `emitDecoratorMetadata`: `Promise<T>` hides `T`); `options.errors`
 * lists the error classes it may throw; `oneWay: true` makes the caller not wait. The method
 * gets the parameters in order, then the call's `CallContext`.
 */
export function AvroMessage(options: AvroMessageOptions = {}): AvroMethodDecorator {
  return ((...args: unknown[]) => recordMessage(args, options)) as AvroMethodDecorator;
}

/**
 * Names a parameter of a message method (names do not exist at run time) and gives its type:
 * `@Param('message', () => Message)`, `@Param('count', 'int', { default: 1 })`; without a type
 * it is inferred from `design:paramtypes` (string, number as double, boolean, bigint as long,
 * Date, Uint8Array, a record class). Options are those of a record field (doc, default,
 * nullable, aliases, order, meta, conversion).
 */
export function Param(name: string, type?: TypeInput, options?: ParamOptions): AvroParameterDecorator {
  if (typeof name !== 'string') {
    throw new AvroDecoratorError('@Param', undefined, "takes the parameter's name first: @Param('message', () => Message)");
  }
  if (type === null || (type === undefined && arguments.length >= 2 && options === undefined)) {
    throw new AvroDecoratorError('@Param', name, `the type is ${String(type)} (a class used before it is defined, e.g. in an import cycle?); write it behind a thunk: @Param('${name}', () => MyClass)`);
  }
  const partial = { name, ...(type !== undefined ? { type } : {}), ...(options !== undefined ? { options } : {}) };
  return ((...args: unknown[]) => recordParam(args, partial)) as AvroParameterDecorator;
}
