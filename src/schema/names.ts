/** The spec's name grammar, and full-name resolution against a namespace. */

const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** True when `s` is a valid simple name (also the grammar of field names and enum symbols). */
export function isValidName(s: string): boolean {
  return NAME.test(s);
}

/** True when `s` is a valid namespace: empty, or dot-separated valid names. */
export function isValidNamespace(s: string): boolean {
  return s === '' || s.split('.').every(isValidName);
}

/** True when `s` is a valid full name: dot-separated valid names. */
export function isValidFullName(s: string): boolean {
  return s !== '' && s.split('.').every(isValidName);
}

/** Full name of `name` written inside `namespace` (a dotted name is already full). */
export function qualify(name: string, namespace: string): string {
  if (name.includes('.') || namespace === '') return name;
  return `${namespace}.${name}`;
}

/** Namespace part of a full name (`''` for the null namespace). */
export function namespaceOf(fullName: string): string {
  const i = fullName.lastIndexOf('.');
  return i < 0 ? '' : fullName.slice(0, i);
}
