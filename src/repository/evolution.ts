/**
 * Schema evolution of a dataset: the class may change (a field added with a default, removed,
 * renamed with an alias, a type promoted) as long as its schema still reads every file already
 * written, through schema resolution. The check runs when the repository opens, before
 * anything is written; what does not resolve is refused with the compatibility report.
 */
import { checkCompatibility } from '../resolution/compatibility.js';
import { parseSchema } from '../schema/parse.js';
import type { EntityModel } from './entity.js';
import { RepositoryError } from './errors.js';
import type { SchemaIncompatibility } from './errors.js';
import type { Manifest } from './manifest.js';

/** Throws RepositoryError when `model` does not fit the dataset `manifest` describes. */
export function checkEvolution(model: EntityModel, manifest: Manifest, dir: string): void {
  const hasData = manifest.files.length > 0;
  const partitionBy = model.partitions.map((p) => p.name);
  if (hasData && partitionBy.join('/') !== manifest.partitionBy.join('/')) {
    throw new RepositoryError(
      'config',
      `the dataset ${dir} is partitioned by [${manifest.partitionBy.join(', ')}], the options say [${partitionBy.join(', ')}]: ` +
        'open it with its partitioning (to change it, save the entities into a new dataset)',
    );
  }
  if (hasData && (model.idField ?? null) !== manifest.idField) {
    throw new RepositoryError(
      'config',
      `the dataset ${dir} has idField ${JSON.stringify(manifest.idField)}, the options say ${JSON.stringify(model.idField ?? null)}`,
    );
  }
  const problems: SchemaIncompatibility[] = [];
  const checked = new Set<number>();
  for (const f of manifest.files) {
    if (checked.has(f.schema)) continue;
    checked.add(f.schema);
    const text = manifest.schemas[f.schema]!;
    if (text === model.storedText) continue;
    let writer;
    try {
      writer = parseSchema(text);
    } catch (e) {
      throw new RepositoryError('manifest', `the manifest's schema of ${f.path} does not parse: ${e instanceof Error ? e.message : String(e)}`, {
        file: f.path,
        cause: e,
      });
    }
    const result = checkCompatibility(model.stored, writer);
    for (const i of result.incompatibilities) {
      // Files of several older schemas often fail the same way: report each problem once.
      if (!problems.some((p) => p.kind === i.kind && p.path === i.path && p.message === i.message)) {
        problems.push({ file: f.path, kind: i.kind, message: i.message, path: i.path });
      }
    }
  }
  if (problems.length > 0) {
    const lines = problems.map((p) => `  - ${p.path || '(root)'}: ${p.kind}: ${p.message} (data of ${p.file})`);
    throw new RepositoryError(
      'incompatible',
      `the schema of ${model.record.name} cannot read data already in ${dir}; nothing was written. ` +
        `Give new fields defaults, rename with aliases, or keep the old field:\n${lines.join('\n')}`,
      { incompatibilities: problems },
    );
  }
}
