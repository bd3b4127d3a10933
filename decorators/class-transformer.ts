/**
 * class-transformer interop: a class already annotated for class-transformer means the same
 * to us, without a second set of decorators. `@Type(() => X)` gives a property's type (an
 * array or map of X when the property is declared as one; a union of the sub-types when it
 * has a discriminator), `@Exclude()` leaves the property out, and `@Expose({ name })` renames
 * it (the exposed name is the name on the wire). A property that class-transformer knows
 * through `@Type` or `@Expose` is a field even without `@Field`.
 *
 * The storage is class-transformer's CommonJS `defaultMetadataStorage` (the copy Node loads
 * for `import ... from 'class-transformer'`); a bundler that picks its ESM copy has a second
 * storage that we do not see: then annotate with `@Field`.
 */
import { defaultMetadataStorage } from 'class-transformer/cjs/storage.js';
import { union } from './spec.js';
import type { TypeInput, TypeSpec } from './spec.js';

/** What class-transformer says about one property of a class. */
export interface TransformerProperty {
  readonly property: string;
  readonly excluded: boolean;
  /** `@Expose({ name })`. */
  readonly exposedName?: string;
  /** From `@Type`: a thunk of the element type, or of a union for discriminated sub-types. */
  readonly elementType?: TypeInput;
  /** `design:type`, which TypeScript emits for any decorated property (legacy decorators). */
  readonly designType?: unknown;
}

/** Properties that class-transformer annotated on `cls` itself (not on its parents), in order. */
export function transformerProperties(cls: object): TransformerProperty[] {
  const s = defaultMetadataStorage;
  const names = new Set<string>();
  for (const m of s.getExposedMetadatas(cls)) if (m.target === cls && m.propertyName) names.add(m.propertyName);
  for (const m of s.getExcludedMetadatas(cls)) if (m.target === cls && m.propertyName) names.add(m.propertyName);
  // The storage has no public listing of @Type properties; read its map where it exists.
  for (const p of s._typeMetadatas?.get(cls)?.keys() ?? []) names.add(p);
  return [...names].map((p) => transformerProperty(cls, p));
}

/** What class-transformer says about `property` of `cls` (its parents' decorators included). */
export function transformerProperty(cls: object, property: string): TransformerProperty {
  const s = defaultMetadataStorage;
  const exclude = s.findExcludeMetadata(cls, property);
  const expose = s.findExposeMetadata(cls, property);
  const type = s.findTypeMetadata(cls, property);
  let elementType: TypeInput | undefined;
  if (type) {
    const subTypes = type.options?.discriminator?.subTypes;
    elementType = subTypes?.length
      ? () => union(...subTypes.map((t) => t.value as TypeInput))
      : () => type.typeFunction() as TypeSpec;
  }
  const exposedName = expose?.options?.name;
  const reflect = Reflect as unknown as { getMetadata?: (k: string, t: object, p: string) => unknown };
  const proto = (cls as { prototype?: object }).prototype;
  const designType = proto && reflect.getMetadata ? reflect.getMetadata('design:type', proto, property) : undefined;
  return {
    property,
    ...(designType !== undefined ? { designType } : {}),
    excluded: exclude !== undefined,
    ...(exposedName !== undefined ? { exposedName } : {}),
    ...(elementType !== undefined ? { elementType } : {}),
  };
}
