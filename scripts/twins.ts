// npm run twins: the twin check of the Korean lessons (src/lib/twin-check.ts), as the build runs it:
// every English lesson without a Korean twin, every twin whose structure differs, and every stale twin
// (its English file changed since translatedFrom). Exits 1 on a structural difference, 0 otherwise;
// `--strict` also exits 1 on a missing or stale twin.
import { fileURLToPath } from 'node:url';
import { describeReport } from '../src/lib/twin-check.ts';
import { projectTwinReport } from '../src/lib/twin-files.ts';

const report = projectTwinReport(fileURLToPath(new URL('..', import.meta.url)));
const { errors, warnings } = describeReport(report);
for (const e of errors) console.log(`error: ${e}`);
for (const w of warnings) console.log(`warning: ${w}`);
const stale = report.stale.map((s) => s.slug);
console.log(
  `twins: ${errors.length} structural error(s), ${report.missing.length} missing (${report.missing.join(', ') || 'none'}), ${stale.length} stale (${stale.join(', ') || 'none'})`,
);
process.exitCode = errors.length > 0 || (process.argv.includes('--strict') && warnings.length > 0) ? 1 : 0;
