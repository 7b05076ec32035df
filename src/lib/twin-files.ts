/** The lessons on disk for the twin check: slug → file text, English and Korean (src/lib/twin-check.ts). */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { twinReport, type TwinReport } from './twin-check.ts';

export const ENGLISH_LESSONS = 'content/lessons';
export const KOREAN_LESSONS = 'content/ko/lessons';

function lessonsIn(dir: string): Map<string, string> {
  const files = new Map<string, string>();
  if (!existsSync(dir)) return files;
  for (const name of readdirSync(dir).sort())
    if (name.endsWith('.mdx')) files.set(name.slice(0, -'.mdx'.length), readFileSync(join(dir, name), 'utf8'));
  return files;
}

/** The twin report of the project at `root` (the repository's folder). */
export function projectTwinReport(root: string): TwinReport {
  return twinReport(lessonsIn(join(root, ENGLISH_LESSONS)), lessonsIn(join(root, KOREAN_LESSONS)));
}
