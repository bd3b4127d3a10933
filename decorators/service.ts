/**
 * Decorated service classes: `@AvroService` on a class, `@AvroMessage` on its methods, `@Param`
 * on their parameters; `protocolOf(Class)` is its Avro protocol, `serverOf(instance)` /
 * `serve(instance, uri)` serve it, `clientOf(Class, uri)` calls it with the class's own method
 * signatures. See docs/rpc.md ("Decorated services").
 */
export { AvroService, AvroMessage, Param } from './service-decorators.js';
export type { AvroMethodDecorator, AvroParameterDecorator } from './service-decorators.js';
export type { AvroServiceOptions, AvroMessageOptions, ParamOptions, ParamDefinition } from './service-options.js';
export { protocolOf } from './service-protocol.js';
export type { ProtocolOfOptions } from './service-protocol.js';
export { serverOf, serve, clientOf } from './service-runtime.js';
export type { ServiceClient, ClientArgs, ServerOfOptions, ServeOptions, ClientOfOptions } from './service-runtime.js';
