/**
 * The compatibility modes schema registries use, over an ordered list of schema versions
 * (oldest first; the last one is the new schema being admitted).
 */
import type { CompatibilityResult, SchemaLike } from './compatibility.js';
import { checkCompatibility } from './compatibility.js';

/**
 * - `backward`: the new schema reads data written with the previous version.
 * - `forward`: the previous version reads data written with the new schema.
 * - `full`: both.
 * - `*_transitive`: the same against every earlier version, not only the previous one.
 * - `none`: no check.
 */
export type CompatibilityMode =
  | 'backward'
  | 'forward'
  | 'full'
  | 'backward_transitive'
  | 'forward_transitive'
  | 'full_transitive'
  | 'none';

export const COMPATIBILITY_MODES: readonly CompatibilityMode[] = [
  'backward', 'forward', 'full', 'backward_transitive', 'forward_transitive', 'full_transitive', 'none',
];

/** One reader/writer check made for a mode. */
export interface VersionCheck {
  /** Index (in the list given) of the earlier version checked against the new one. */
  readonly version: number;
  /** `backward`: the new schema read the old one's data; `forward`: the other way round. */
  readonly direction: 'backward' | 'forward';
  readonly result: CompatibilityResult;
}

export interface ModeResult {
  readonly compatible: boolean;
  readonly mode: CompatibilityMode;
  /** Every check made, failing or not, oldest version first. */
  readonly checks: readonly VersionCheck[];
}

/** True when `s` names a mode (case-insensitive, `-` or `_`). */
export function parseCompatibilityMode(s: string): CompatibilityMode | undefined {
  const m = s.toLowerCase().replace(/-/g, '_');
  return (COMPATIBILITY_MODES as readonly string[]).includes(m) ? (m as CompatibilityMode) : undefined;
}

/**
 * Checks the last of `versions` (oldest first) against the earlier ones as `mode` asks. One
 * version alone is always compatible.
 */
export function checkVersions(mode: CompatibilityMode, versions: readonly SchemaLike[]): ModeResult {
  const checks: VersionCheck[] = [];
  const latest = versions.length - 1;
  if (mode !== 'none' && latest > 0) {
    const next = versions[latest]!;
    const transitive = mode.endsWith('_transitive');
    const base = mode.replace('_transitive', '');
    for (let v = transitive ? 0 : latest - 1; v < latest; v++) {
      const old = versions[v]!;
      if (base === 'backward' || base === 'full') {
        checks.push({ version: v, direction: 'backward', result: checkCompatibility(next, old) });
      }
      if (base === 'forward' || base === 'full') {
        checks.push({ version: v, direction: 'forward', result: checkCompatibility(old, next) });
      }
    }
  }
  return { compatible: checks.every((c) => c.result.compatible), mode, checks };
}
