// Every lesson of the course, in order, with every section a learner relies on. Read from the built
// site (dist/), so it checks what a reader gets: a missing goal, code panel, diagram, live widget, quiz,
// pasteable example, primary-source citation or summary fails here, naming the lesson and the part.
// (Broken internal links are checked over every page by tests/e2e/links.test.ts; a code panel whose
// source region does not exist fails the build itself.)
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { projectRoot } from '../helpers/server.ts';

/** The course, in order: slugs are part of the site's URLs. */
export const COURSE = [
  'introduction',
  'polling',
  'long-polling',
  'sse',
  'fetch-streaming',
  'websocket',
  'comparison',
  'scaling',
  'choosing',
] as const;

/** Where protocol facts must be cited from: the RFCs, the WHATWG HTML standard, MDN. */
const PRIMARY_SOURCES =
  /href="https:\/\/(www\.rfc-editor\.org\/rfc\/rfc\d+|datatracker\.ietf\.org\/doc\/html\/rfc\d+|html\.spec\.whatwg\.org\/|fetch\.spec\.whatwg\.org\/|websockets\.spec\.whatwg\.org\/|streams\.spec\.whatwg\.org\/|developer\.mozilla\.org\/|www\.w3\.org\/TR\/)[^"]*"/g;

function page(slug: string): string {
  const file = join(projectRoot, 'dist', 'lessons', slug, 'index.html');
  assert.ok(existsSync(file), `lesson "${slug}" is not built (${file}); is content/lessons/${slug}.mdx there?`);
  return readFileSync(file, 'utf8');
}

/** Number of questions in each quiz of a page, by quiz id. */
function quizzes(html: string): Map<string, number> {
  const out = new Map<string, number>();
  const parts = html.split(/<section[^>]*class="quiz"[^>]*data-quiz="/).slice(1);
  for (const part of parts) {
    const id = part.slice(0, part.indexOf('"'));
    const body = part.slice(0, part.indexOf('</section>'));
    out.set(id, (body.match(/class="quiz-question"/g) ?? []).length);
  }
  return out;
}

describe('the course has its lessons, in order', () => {
  it('the home page links to every lesson in course order', () => {
    const home = readFileSync(join(projectRoot, 'dist', 'index.html'), 'utf8');
    const positions = COURSE.map((slug) => home.indexOf(`href="/lessons/${slug}/"`));
    assert.ok(
      positions.every((p) => p >= 0),
      `missing from the home page: ${COURSE.filter((_, i) => positions[i]! < 0).join(', ')}`,
    );
    assert.deepEqual(
      [...positions].sort((a, b) => a - b),
      positions,
      'the home page lists the lessons in course order',
    );
  });
});

for (const [index, slug] of COURSE.entries()) {
  describe(`lesson ${index + 1}: ${slug}`, () => {
    it('has a goal line, the real code, a diagram, a live widget, a quiz, an example to paste, citations and a summary', () => {
      const html = page(slug);
      const problems: string[] = [];
      if (!/class="lesson-goal"/.test(html)) problems.push('no goal line (frontmatter `goal`)');
      if ((html.match(/<figure class="source-panel"/g) ?? []).length < 1)
        problems.push('no source panel showing the real code');
      if ((html.match(/<figure class="diagram"/g) ?? []).length < 1) problems.push('no mermaid diagram');
      if (!/data-demo="[a-z-]+"/.test(html)) problems.push('no live widget (an element with data-demo)');
      const quizSizes = [...quizzes(html).values()];
      if (!quizSizes.some((n) => n >= 3 && n <= 6))
        problems.push(
          `no "check your understanding" quiz of 3–6 questions (quizzes found: ${JSON.stringify(quizSizes)})`,
        );
      // Highlighted code is split into token spans: look at the text.
      const codeText = (html.match(/<pre[\s\S]*?<\/pre>/g) ?? []).join('\n').replace(/<[^>]+>/g, '');
      if (!/curl |new WebSocket\(|new EventSource\(|fetch\(/.test(codeText))
        problems.push('no curl or console example a learner can paste (in a code block)');
      const sources = new Set(html.match(PRIMARY_SOURCES) ?? []);
      if (sources.size < 1) problems.push('no citation of a primary source (RFC, WHATWG, MDN) as a link');
      if (!/<h2[^>]*id="summary"/.test(html)) problems.push('no "## Summary" section');
      assert.deepEqual(problems, [], `lesson "${slug}": ${problems.join('; ')}`);
    });

    it('sits at its place in the course (frontmatter order) with previous and next links', () => {
      const html = page(slug);
      if (index > 0)
        assert.match(
          html,
          new RegExp(
            `href="/lessons/${COURSE[index - 1]}/"[^>]*rel="prev"|rel="prev"[^>]*href="/lessons/${COURSE[index - 1]}/"`,
          ),
          `previous link to ${COURSE[index - 1]}`,
        );
      if (index < COURSE.length - 1)
        assert.match(
          html,
          new RegExp(
            `href="/lessons/${COURSE[index + 1]}/"[^>]*rel="next"|rel="next"[^>]*href="/lessons/${COURSE[index + 1]}/"`,
          ),
          `next link to ${COURSE[index + 1]}`,
        );
    });
  });
}
