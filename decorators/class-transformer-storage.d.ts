/**
 * Types for class-transformer's metadata storage, which its package ships without a
 * declaration file at this path. Only what class-transformer.ts reads is declared.
 */
declare module 'class-transformer/cjs/storage.js' {
  interface TypeMetadataLike {
    readonly target: object;
    readonly propertyName: string;
    readonly reflectedType: unknown;
    readonly typeFunction: (options?: unknown) => unknown;
    readonly options?: {
      readonly discriminator?: { readonly property: string; readonly subTypes: readonly { readonly name: string; readonly value: unknown }[] };
    };
  }
  interface ExposeMetadataLike {
    readonly target: object;
    readonly propertyName: string | undefined;
    readonly options?: { readonly name?: string; readonly toClassOnly?: boolean; readonly toPlainOnly?: boolean };
  }
  interface ExcludeMetadataLike {
    readonly target: object;
    readonly propertyName: string | undefined;
  }
  export const defaultMetadataStorage: {
    findTypeMetadata(target: object, propertyName: string): TypeMetadataLike | undefined;
    findExposeMetadata(target: object, propertyName: string): ExposeMetadataLike | undefined;
    findExcludeMetadata(target: object, propertyName: string): ExcludeMetadataLike | undefined;
    getExposedMetadatas(target: object): ExposeMetadataLike[];
    getExcludedMetadatas(target: object): ExcludeMetadataLike[];
    readonly _typeMetadatas?: Map<object, Map<string, TypeMetadataLike>>;
  };
}
