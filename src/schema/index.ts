export * from './model.js';
export { AvroSchemaError, AvroTypeError } from './errors.js';
export { parseSchema, type ParseOptions } from './parse.js';
export { schemaToJson, type SchemaJsonOptions } from './to-json.js';
export { checkDefault } from './defaults.js';
export { isValidName, isValidNamespace, isValidFullName, qualify, namespaceOf } from './names.js';
