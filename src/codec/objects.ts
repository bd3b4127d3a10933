/**
 * Sets an own enumerable property even for keys such as `__proto__`, which plain assignment
 * would turn into a prototype change.
 */
export function setOwn(o: Record<string, unknown>, k: string, v: unknown): void {
  if (k === '__proto__') Object.defineProperty(o, k, { value: v, enumerable: true, writable: true, configurable: true });
  else o[k] = v;
}
