/**
 * Schema files of the corpus test (./corpus.test.ts) that cannot take the full round trip
 * through both codecs, each with the reason (STYLE.md item 10). Keyed by the path under the
 * shared avro folder. The corpus test checks that every entry is still needed.
 */

/**
 * Valid schemas without a single finite value: a record holds itself through a plain field,
 * with no union, array or map to stop the recursion (the spec allows them; no datum can be
 * written). For these the test checks that both codecs build and that `Type.random` says so.
 */
export const NO_FINITE_VALUES: ReadonlyMap<string, string> = new Map([
  ['lang/c/tests/schema_tests/pass/namespace_fullname', 'x.Z has the field g of type x.Z'],
  ['lang/c/tests/schema_tests/pass/namespace_null_record', 'Z has the field f of type Z'],
  ['lang/c/tests/schema_tests/pass/namespace_simple', 'x.Z has the field f of type x.Z'],
]);

/**
 * Files that go through the interpreted codec only, because their compiled codec is broken or
 * too slow for a test; each names the bug, which corpus.test.ts reproduces in a small
 * `it.fails` test. When the repro passes, move the file back (the test says so).
 */
export const INTERPRETED_ONLY: ReadonlyMap<string, { readonly reason: string; readonly repro: string }> = new Map();

/** Files that fail the round trip for another reason (none today). */
export const CORPUS_KNOWN_FAILURES: ReadonlyMap<string, string> = new Map<string, string>();
