/**
 * The site's own words (layouts, pages, Astro components, the small page scripts), in English. The type
 * of this object is the `site` area of the catalogue: src/i18n/ko/site.ts is of that type, so a missing
 * Korean string is a type error and, through assertSameShape, a build error.
 * A sentence with a value put in is a function.
 */
import { TECHNIQUES, type TechniqueId } from '../../../protocol/techniques.ts';

const minutes = (n: number) => (n < 60 ? `${n} min` : `${Math.floor(n / 60)} h ${n % 60} min`);

export const siteStrings = {
  name: 'Realtime Lab',
  /** A technique's name as a tag on the home page's course map. */
  techniqueNames: Object.fromEntries(TECHNIQUES.map((t) => [t.id, t.name])) as Record<TechniqueId, string>,
  skipLink: 'Skip to content',
  navLabel: 'Site',
  nav: { lessons: 'Lessons', glossary: 'Glossary', api: 'API', lab: 'Lab', benchmarks: 'Benchmarks' },
  footer:
    'Realtime Lab: every demo on this site talks to a real server on this origin. Facts about protocols link to their specifications. Your progress stays in this browser.',
  language: {
    /** The switcher's label, for screen readers. */
    label: 'Language',
    /** The other language's name, in that language, as the switcher's link shows it. */
    otherName: '한국어',
    /** The same, as a phone's header shows it where room is short. */
    otherShort: '한',
    otherLabel: 'Read this page in Korean',
  },
  theme: { label: 'Theme', system: 'System', light: 'Light', dark: 'Dark' },
  search: {
    open: 'Search',
    title: 'Search the course',
    close: 'Close',
    closeWhat: 'search',
    inputLabel: 'Search lessons, glossary and API',
    placeholder: 'Try: Last-Event-ID, backpressure, 1009',
    idle: 'Type to search.',
  },
  lesson: {
    kicker: (order: number) => `Lesson ${order}`,
    draft: ' (draft)',
    youWillLead: 'In this lesson you will',
    /** What follows youWill: the sentence's end. */
    youWill: (youWill: string) => ` ${youWill}.`,
    readingTime: (min: number, deep: number) =>
      `About ${min} min to read${deep > 0 ? `, plus ${deep} min of optional deep dives` : ''}.`,
    goal: 'Goal:',
    end: 'End of the lesson.',
    endRead: 'End of the lesson: it is marked as read in your progress.',
    pagerLabel: 'Previous and next lesson',
    previous: 'Previous',
    next: 'Next',
    backTo: 'Back to',
    allLessons: 'All lessons',
    doneReview: 'Course done? Review',
    theGlossary: 'The glossary',
    headingLink: (text: string) => `Link to the section “${text}”`,
  },
  lessonNav: {
    label: 'Lessons',
    all: 'All lessons',
    here: (order: number, title: string) => `: you are on ${order}. ${title}`,
    title: 'Lessons',
  },
  toc: { label: 'On this page' },
  progress: {
    none: 'Your progress (lessons read, quizzes passed) is kept in this browser only: no account needed.',
    reset: 'Reset my progress',
  },
  quiz: {
    title: 'Check your understanding',
    count: (n: number) => `${n === 1 ? '1 question' : `${n} questions`}. Your answers are kept in this browser.`,
    hint: {
      single: 'Choose one answer.',
      multiple: 'Choose every answer that is right.',
      predict: 'Predict first, then try it in the demo.',
    },
    observe: 'Now observe:',
    toDemo: 'Go to the live demo',
    predict: 'Lock in my prediction',
    reveal: 'I have watched it: show the answer',
    check: 'Check answer',
  },
  predictGate: {
    first: 'Predict first.',
    note: 'This demo starts once you lock in your answer to the question above.',
    toQuestion: 'Go to the question',
    skip: 'Skip and start the demo',
  },
  deepDive: 'Deep dive',
  source: {
    region: 'region',
    lines: (from: number, to: number) => `lines ${from}–${to}`,
    whole: 'whole file',
    kicker: 'Source file',
    description: (file: string) => `The source of ${file}, as it runs on this server.`,
    about: (lines: number) => `The code that runs on this site, ${lines} lines`,
    regions: 'regions shown in lessons:',
  },
  console: {
    printed: (where: string) => `What it printed in ${where}, pasted into the console of a page of this site:`,
  },
  verdict: { confirmed: '✓ confirmed', nuanced: '~ nuanced', corrected: '✗ corrected' },
  postClaim: {
    head: (id: string) => `The post's claim ${id}`,
    inEnglish: 'In English:',
  },
  postTable: {
    label: "The source post's table, every cell judged",
    caption: "The source post's table, cell by cell, with the course's verdicts",
    row: 'row',
    note: (provenance: string) =>
      `Measured in ${provenance} (content/measurements/race.json, recorded by npm run measure); the difficulty row counts the code as it is now. Cells a run cannot measure cite their source.`,
  },
  measured: { source: 'Source:' },
  /** A lesson diagram's figure (src/lib/mdast-diagrams.ts). */
  diagram: { open: 'Open full size', source: 'Diagram source (mermaid)', close: 'Close' },
  home: {
    description:
      'An interactive course on how a server pushes data to a browser: short polling, long polling, Server-Sent Events and WebSocket, with live demos against a real server.',
    lead: 'How does a server tell a browser that something happened? Below, the answers the web has (**short polling**, **long polling**, **Server-Sent Events**, **streaming with fetch** and **WebSocket**) read one live channel of this server right now.',
    start: (title: string) => `Start here: ${title}`,
    continue: 'Continue',
    more: 'Or go straight to [the lab](/lab/) (every live demo on one page) or [the benchmarks](/benchmarks/) (what each technique costs the server).',
    demoTitle: 'Every technique, one channel, live',
    progressTitle: 'Your progress',
    courseTitle: 'The course',
    courseLead:
      'Why they differ, with the real code that runs them and every protocol fact linked to its specification:',
    length: (lessons: number, parts: number, total: number, wpm: number, deep: number, exercises: number) =>
      `${lessons} lessons in ${parts} parts: about **${minutes(total)}** of reading on a first pass (at ${wpm} words a minute), plus ${minutes(deep)} of optional deep dives, and ${exercises} exercises graded by the live server.`,
    none: 'No lessons are published yet.',
    part: (n: number) => `Part ${n}`,
    minRead: (n: number) => `${n} min read`,
    deepMin: (n: number) => `+${n} min of deep dives`,
    exercise: (title: string) => `Exercise: ${title}`,
    techniques: 'Techniques',
    moreLinks:
      'Look up a word in the [glossary](/glossary/), try the server yourself with the [API reference](/api-reference/), or read [the blog post the course grew from, claim by claim](/source-post/).',
    parts: [
      {
        title: 'The problem',
        blurb: 'Why a server cannot simply speak first over HTTP, and the five ways around it, side by side.',
      },
      {
        title: 'The techniques, one by one',
        blurb: 'Each technique live: watch it, break it, read the code that runs it, then write a client.',
      },
      {
        title: 'Choosing and running them',
        blurb: 'All of them raced on one stream, what it takes to serve many learners, and how to pick one.',
      },
    ],
  },
  notFound: {
    title: 'Page not found',
    description: 'This address is not a page of Realtime Lab: search the course, or pick a lesson.',
    before: 'There is no page at ',
    thisAddress: 'this address',
    after: '. It may have moved, or the link may have a typo.',
    search: 'Search the course',
    home: 'Go to the home page',
    lessons: 'The lessons',
    also: 'Also: the [glossary](/glossary/), the [API reference](/api-reference/), the [lab](/lab/) with every live demo, and the [benchmarks](/benchmarks/).',
  },
  glossary: {
    title: 'Glossary',
    description:
      'The words of realtime web delivery in plain language: polling interval, cursor, epoch, backpressure, heartbeat and more.',
    lead: 'The words this course uses, each in a few plain sentences, with a link to the lesson that teaches it and, where there is one, the specification.',
    index: 'Glossary index',
    learnMore: 'Learn more:',
    seeAlso: 'See also:',
    source: 'Source:',
  },
  lab: {
    title: 'Lab',
    description:
      'Every live widget of the course on one page: each technique with fault injection and the wire inspector, a two-way chat, the connection-limit lab, the race of every technique and what your browser supports.',
    lead: 'Every live widget of the course on one page. Each demo reads a private channel of its own, which the server ticks once a second, so you can break it without disturbing anyone else.',
    twoWay: 'Talking back: WebSocket or SSE + POST',
    twoWayPair: 'The two ways side by side',
    connectionLimit: 'Six connections per host',
    race: 'The race: every technique on one stream',
    browserSupport: 'What your browser supports',
  },
  benchmarks: {
    title: 'Benchmarks',
    description:
      'What short polling, long polling, SSE and WebSocket cost this server, measured against bare ws and node:http baselines: memory per connection, fan-out latency, polling throughput, bytes on the wire, connection churn.',
    lead: "“Scalability” in a comparison table is a claim until someone measures it. These are this server's figures, each next to a bare server doing the same job with nothing else (no log, no cursor rule, no limits, no metrics), so the cost of each technique and the cost of this project's extras can be told apart.",
    runTitle: 'Run them yourself',
    run: '`npm run bench` starts the server exactly as `npm start` does, in its own process, and drives it from separate load generator processes on loopback addresses (127.0.0.x). It takes under 10 minutes, prints this table on the terminal and writes `bench/results/<date>.json`, `bench/results/latest.json` and one SVG chart per figure. `npm run bench -- --quick` runs smaller sizes in under 2 minutes. The page below is built from the committed `latest.json`.',
    oneMachine:
      "Everything runs on one machine: the server, the generators and the publisher share its cores, so latencies include the generators' own work, for the project and the baselines alike. Compare ratios rather than absolute numbers across machines.",
  },
  api: {
    title: 'API reference',
    description:
      'Every endpoint of the Realtime Lab server: publish, poll, long-poll, SSE, WebSocket, health and metrics, with curl and browser console examples.',
    lead: 'Every demo on this site talks to this server through these endpoints, and so can you. One log per channel, one cursor rule for every technique: send back the last `seq` you have (and its `epoch`) and the server continues right after it, or tells you about a [gap](/glossary/#gap) or a [reset](/glossary/#reset).',
    examplesBefore: 'The examples use ',
    examplesAfter:
      ', this page\'s own address. Paste the `curl` lines into a terminal and the JavaScript into the browser console on this site. Errors are JSON: `{"error":{"code":"…","message":"…"}}`. The same API as a machine-readable OpenAPI 3.1 document: [`/api/openapi.json`](/api/openapi.json).',
    index: 'Endpoints',
    labTitle: "The lab: the widgets' extension",
    lab: "The live demos need two things the contract does not offer: the bytes of your own connections, and a way to break them. A demo makes a random lab id and adds `?lab=<id>` to its own URLs; these endpoints then act on those connections only, and on the demo's private channel `lab-<id>`, never on a shared one.",
    errorsTitle: 'Error codes',
    code: 'code',
    status: 'status',
    meaning: 'what it means',
    params: (method: string, path: string) => `Parameters of ${method} ${path}`,
    parameter: 'parameter',
    where: 'in',
    whereNames: { path: 'path', query: 'query', header: 'header', body: 'body' },
    returns: 'Returns:',
    inTerminal: 'In a terminal:',
    inConsole: 'In the browser console, on this site:',
  },
  sourcePost: {
    title: 'The source post, claim by claim',
    description:
      "Every claim of the Korean blog post this course grew from, quoted in its own words with an English translation, each with the course's verdict and a link to the evidence.",
    leadBefore: 'This course grew out of a Korean blog post, ',
    leadDated: ', dated ',
    leadTags: (tags: string) => ` (tags: ${tags}). `,
    leadAfter:
      'It compares the four techniques in prose and ends with a table. Here is every claim it makes, in its order, quoted in its own Korean with an English translation, and what the course found.',
    restored:
      'The copy the course received had its Korean garbled by a double encoding; the text quoted here was restored from it and checked (`content/source-post.md` in the repository says how). The image the post shows above its table is not in the copy. Each verdict is one of',
    verdictsJoin: {
      nuanced: '(true, with a condition the post leaves out) or',
      after: ', and links to its evidence: a measurement in a lesson, the benchmark, or a primary source.',
    },
    prose: 'The prose',
    proseCount: (n: number, tally: string) => `${n} claims: ${tally}.`,
    tally: (n: number, verdict: string) => `${n} ${verdict}`,
    verdictWords: { confirmed: 'confirmed', nuanced: 'nuanced', corrected: 'corrected' },
    evidenceIn: (title: string) => `The evidence, in ${title}`,
    table: 'The table',
    tableCount: (rows: number, cells: number, tally: string, provenance: string) =>
      `${rows} rows of ${cells} cells: ${tally}. The verdicts are computed from ${provenance}, by the same code that judges a race you run in the`,
    comparisonLesson: 'comparison lesson',
    cellEvidence: 'The evidence, cell by cell',
  },
};

export type SiteStrings = typeof siteStrings;
