// Builds dist/esm (ES modules) and dist/cjs (CommonJS) so the package works from both
// `import` and `require`. Each half gets a package.json that states its module kind.
import { execFileSync } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';

rmSync("dist/esm", { recursive: true, force: true });
rmSync("dist/cjs", { recursive: true, force: true });
const tsc = ['node_modules/typescript/bin/tsc'];
execFileSync(process.execPath, [...tsc, '-p', 'tsconfig.build.json'], { stdio: 'inherit' });
execFileSync(process.execPath, [...tsc, '-p', 'tsconfig.cjs.json'], { stdio: 'inherit' });
writeFileSync('dist/esm/package.json', '{"type":"module"}\n');
writeFileSync('dist/cjs/package.json', '{"type":"commonjs"}\n');
