/**
 * How much code each technique takes, client and server, counted at build time from the real files
 * the registry names (protocol/techniques.ts `files`): the comparison lesson's "implementation
 * difficulty" measure.
 */
import { perTechnique } from '../../protocol/techniques.ts';
import { countCodeLines } from './code-lines.ts';
import { SOURCE_FILES } from './source-files.ts';

const linesOf = (files: readonly string[]) =>
  files.reduce((n, file) => {
    const text = SOURCE_FILES.get(file);
    if (text === undefined) throw new Error(`The registry names ${file}, which is not a published source file.`);
    return n + countCodeLines(text);
  }, 0);

export const codeLinesPerTechnique = () =>
  perTechnique((t) => ({ client: linesOf(t.files.client), server: linesOf(t.files.server) }));
