/**
 * `avrokit/decorators/rpc`: everything of `avrokit/decorators`, plus decorated classes as Avro
 * RPC services (`@AvroService`, `@AvroMessage`, `@Param`, `protocolOf`, `serve`, `serverOf`,
 * `clientOf`). A subpath of its own because it loads the Node transports (`node:net`,
 * `node:http`), which would keep `avrokit/decorators` from bundling for browsers.
 */
export * from './index.js';
export * from './service.js';
