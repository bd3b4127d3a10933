/**
 * How named types are written. A definition states its namespace when it differs from the
 * enclosing one (`"namespace": ""` for the null namespace inside a namespaced record).
 * References use the short name inside the same namespace and the full name elsewhere.
 */
import { namespaceOf, shortName } from '../src/index.js';

/** `name` (short) and, when needed, `namespace` for a definition of `fullName` inside `ns`. */
export function nameAttrs(fullName: string, ns: string): { name: string; namespace?: string } {
  const own = namespaceOf(fullName);
  return own === ns ? { name: shortName(fullName) } : { name: shortName(fullName), namespace: own };
}

/** How to refer to `fullName` from inside `ns`. */
export function refText(fullName: string, ns: string): string {
  return namespaceOf(fullName) === ns ? shortName(fullName) : fullName;
}
