/**
 * The course's parts, as the home page's map groups the lessons. Lesson order stays in each lesson's
 * frontmatter; this only names the groups, and checkParts() fails the build when a lesson is in no
 * part or in two, so a new lesson cannot silently vanish from the map.
 */
export interface CoursePart {
  title: string;
  /** One line on what the part is for. */
  blurb: string;
  lessons: readonly string[];
}

export const COURSE_PARTS: readonly CoursePart[] = [
  {
    title: 'The problem',
    blurb: 'Why a server cannot simply speak first over HTTP, and the five ways around it, side by side.',
    lessons: ['introduction'],
  },
  {
    title: 'The techniques, one by one',
    blurb: 'Each technique live: watch it, break it, read the code that runs it, then write a client.',
    lessons: ['polling', 'long-polling', 'sse', 'fetch-streaming', 'websocket'],
  },
  {
    title: 'Choosing and running them',
    blurb: 'All of them raced on one stream, what it takes to serve many learners, and how to pick one.',
    lessons: ['comparison', 'scaling', 'choosing'],
  },
];

/** Groups lessons (in course order) by part; throws naming any lesson in no part, two parts, or none. */
export function groupByPart<L extends { id: string }>(lessons: readonly L[]): { part: CoursePart; lessons: L[] }[] {
  for (const lesson of lessons) {
    const parts = COURSE_PARTS.filter((p) => p.lessons.includes(lesson.id));
    if (parts.length !== 1)
      throw new Error(
        `Lesson "${lesson.id}" is in ${parts.length} parts of src/lib/course-parts.ts; each lesson belongs to exactly one.`,
      );
  }
  return COURSE_PARTS.map((part) => ({
    part,
    lessons: lessons.filter((l) => part.lessons.includes(l.id)),
  })).filter((g) => g.lessons.length > 0);
}
