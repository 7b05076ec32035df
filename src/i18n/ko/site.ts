/**
 * 사이트 자체의 문구(레이아웃, 페이지, Astro 컴포넌트)의 한국어판. 타입은 ../en/site.ts가 정한다.
 * 문장은 해라체, 레이블은 명사구로 쓰고, 용어는 ./terms.ts의 것만 쓴다. 실행 시간에 값이 들어가는
 * 문장은 함수이고, 숫자나 값 뒤에는 조사를 붙이지 않는다.
 */
import type { SiteStrings } from '../en/site.ts';

const duration = (n: number) => (n < 60 ? `${n}분` : `${Math.floor(n / 60)}시간 ${n % 60}분`);

export const siteStrings: SiteStrings = {
  name: 'Realtime Lab',
  techniqueNames: {
    poll: '숏 폴링',
    'long-poll': '롱 폴링',
    sse: 'SSE',
    websocket: '웹소켓',
    'fetch-stream': 'fetch 스트리밍',
  },
  skipLink: '본문으로 건너뛰기',
  navLabel: '사이트',
  nav: { lessons: '강의', glossary: '용어집', api: 'API', lab: '랩', benchmarks: '벤치마크' },
  footer:
    'Realtime Lab: 이 사이트의 데모는 모두 같은 출처의 실제 서버와 통신한다. 프로토콜에 관한 사실에는 명세 링크를 달았다. 학습 진도는 이 브라우저에만 저장된다.',
  language: {
    label: '언어',
    otherName: 'English',
    otherShort: 'EN',
    otherLabel: '이 페이지를 영어로 보기',
  },
  theme: { label: '테마', system: '시스템', light: '밝게', dark: '어둡게' },
  search: {
    open: '검색',
    title: '강좌 검색',
    close: '닫기',
    closeWhat: '검색',
    inputLabel: '강의, 용어집, API 검색',
    placeholder: '예: Last-Event-ID, 백프레셔, 1009',
    idle: '검색어를 입력한다.',
  },
  lesson: {
    kicker: (order: number) => `강의 ${order}`,
    draft: ' (초안)',
    youWillLead: '이 강의에서는',
    youWill: (youWill: string) => ` ${youWill}.`,
    readingTime: (min: number, deep: number) =>
      `읽는 데 약 ${min}분${deep > 0 ? `, 선택 심화 내용에 ${deep}분 더` : ''}.`,
    goal: '목표:',
    end: '강의 끝.',
    endRead: '강의 끝: 학습 진도에 읽음으로 기록했다.',
    pagerLabel: '이전 강의와 다음 강의',
    previous: '이전',
    next: '다음',
    backTo: '돌아가기',
    allLessons: '전체 강의',
    doneReview: '강좌를 마쳤다면 복습',
    theGlossary: '용어집',
    headingLink: (text: string) => `절 링크: ${text}`,
  },
  lessonNav: {
    label: '강의',
    all: '전체 강의',
    here: (order: number, title: string) => `: 지금 보는 강의 ${order}. ${title}`,
    title: '강의',
  },
  toc: { label: '이 페이지의 내용' },
  progress: {
    none: '학습 진도(읽은 강의, 통과한 퀴즈)는 이 브라우저에만 저장된다. 계정은 필요 없다.',
    reset: '학습 진도 초기화',
  },
  quiz: {
    title: '이해도 확인',
    count: (n: number) => `문제 ${n}개. 답은 이 브라우저에 저장된다.`,
    hint: {
      single: '답을 하나 고른다.',
      multiple: '맞는 답을 모두 고른다.',
      predict: '먼저 예측하고, 데모에서 확인한다.',
    },
    observe: '이제 관찰할 것:',
    toDemo: '라이브 데모로 가기',
    predict: '예측 확정',
    reveal: '데모를 봤다: 답 보기',
    check: '정답 확인',
  },
  predictGate: {
    first: '먼저 예측한다.',
    note: '위 질문에 답을 확정하면 이 데모가 시작된다.',
    toQuestion: '질문으로 가기',
    skip: '건너뛰고 데모 시작',
  },
  deepDive: '심화',
  source: {
    region: '영역',
    lines: (from: number, to: number) => `${from}–${to}행`,
    whole: '파일 전체',
    kicker: '소스 파일',
    description: (file: string) => `이 서버에서 실제로 실행되는 ${file} 소스.`,
    about: (lines: number) => `이 사이트에서 실행되는 코드, 총 ${lines}행`,
    regions: '강의에서 보여 주는 영역:',
  },
  console: { printed: (where: string) => `이 사이트 페이지의 콘솔에 붙여 넣어 실행한 결과(${where}):` },
  verdict: { confirmed: '✓ 맞음', nuanced: '~ 조건부', corrected: '✗ 바로잡음' },
  postClaim: {
    head: (id: string) => `원글의 주장 ${id}`,
    inEnglish: '영어 번역:',
  },
  postTable: {
    label: '원글의 표, 칸마다 판정',
    caption: '원글의 표를 칸마다 판정한 결과',
    row: '행',
    note: (provenance: string) =>
      `측정 조건: ${provenance} (content/measurements/race.json, npm run measure로 기록). 난이도 행은 지금 코드의 줄 수로 센다. 측정으로 판정할 수 없는 칸은 근거를 단다.`,
  },
  measured: { source: '근거:' },
  diagram: { open: '크게 보기', source: '다이어그램 소스(mermaid)', close: '닫기' },
  home: {
    description:
      '서버가 브라우저에 데이터를 보내는 방법을 배우는 인터랙티브 강좌: 숏 폴링, 롱 폴링, SSE, 웹소켓을 실제 서버와 통신하는 라이브 데모로 다룬다.',
    lead: '서버는 무슨 일이 생겼다는 것을 브라우저에 어떻게 알릴까? 웹이 가진 답(**숏 폴링**, **롱 폴링**, **SSE**, **fetch 스트리밍**, **웹소켓**)이 아래에서 지금 이 서버의 라이브 채널 하나를 함께 읽고 있다.',
    start: (title: string) => `여기서 시작: ${title}`,
    continue: '이어서 보기',
    more: '바로 [랩](/lab/)(모든 라이브 데모를 한 페이지에)이나 [벤치마크](/benchmarks/)(기법마다 서버가 치르는 비용)로 가도 된다.',
    demoTitle: '모든 기법, 채널 하나, 라이브',
    progressTitle: '학습 진도',
    courseTitle: '강좌',
    courseLead: '기법들이 왜 다른지, 그것을 실행하는 실제 코드와 함께 보고, 프로토콜에 관한 사실마다 명세를 링크했다.',
    length: (lessons: number, parts: number, total: number, wpm: number, deep: number, exercises: number) =>
      `강의 ${lessons}개, ${parts}부 구성: 처음 읽는 데 약 **${duration(total)}**(영어판 기준 분당 ${wpm}단어), 선택 심화 내용 ${duration(deep)}, 라이브 서버가 채점하는 연습 문제 ${exercises}개.`,
    none: '아직 공개된 강의가 없다.',
    part: (n: number) => `${n}부`,
    minRead: (n: number) => `약 ${n}분`,
    deepMin: (n: number) => `심화 +${n}분`,
    // The exercises' titles are English until content/exercises/ has Korean ones: the map names it only.
    exercise: (_title: string) => '연습 문제 포함',
    techniques: '기법',
    moreLinks:
      '모르는 말은 [용어집](/glossary/)에서 찾고, [API 레퍼런스](/api-reference/)로 서버를 직접 써 보고, [강좌의 출발점이 된 블로그 글을 주장별로](/source-post/) 읽어 볼 수 있다.',
    parts: [
      {
        title: '문제',
        blurb: 'HTTP에서 서버가 먼저 말을 걸 수 없는 이유와, 이를 우회하는 다섯 가지 방법을 나란히 본다.',
      },
      {
        title: '기법 하나씩',
        blurb: '기법마다 라이브로 보고, 일부러 끊어 보고, 실행되는 코드를 읽고, 클라이언트를 직접 작성한다.',
      },
      {
        title: '고르고 운영하기',
        blurb:
          '모든 기법을 스트림 하나로 경주시키고, 많은 학습자를 감당하는 데 필요한 것을 살피고, 하나를 고르는 법을 다룬다.',
      },
    ],
  },
  notFound: {
    title: '페이지를 찾을 수 없음',
    description: '이 주소는 Realtime Lab의 페이지가 아니다. 강좌를 검색하거나 강의를 고른다.',
    before: '이 주소에는 페이지가 없다: ',
    thisAddress: '이 주소',
    after: '. 페이지가 옮겨졌거나 링크에 오타가 있을 수 있다.',
    search: '강좌 검색',
    home: '홈으로 가기',
    lessons: '강의 목록',
    also: '그 밖에: [용어집](/glossary/), [API 레퍼런스](/api-reference/), 모든 라이브 데모가 있는 [랩](/lab/), [벤치마크](/benchmarks/).',
  },
  glossary: {
    title: '용어집',
    description: '실시간 웹 전송의 용어를 쉬운 말로: 폴링 간격, 커서, 에포크, 백프레셔, 하트비트 등.',
    lead: '이 강좌가 쓰는 용어를 몇 문장으로 풀고, 그 용어를 가르치는 강의와, 있으면 명세를 링크했다.',
    index: '용어 색인',
    learnMore: '더 알아보기:',
    seeAlso: '함께 보기:',
    source: '근거:',
  },
  lab: {
    title: '랩',
    description:
      '강좌의 모든 라이브 위젯을 한 페이지에: 장애 주입과 와이어 인스펙터가 있는 기법별 데모, 양방향 채팅, 연결 수 제한 실험, 모든 기법의 경주, 지금 브라우저가 지원하는 기능.',
    lead: '강좌의 모든 라이브 위젯을 한 페이지에 모았다. 데모마다 서버가 1초에 한 번씩 이벤트를 쌓는 전용 채널을 읽으므로, 일부러 끊어도 다른 사람에게는 영향이 없다.',
    twoWay: '되받아 말하기: 웹소켓 또는 SSE + POST',
    twoWayPair: '두 방법 나란히',
    connectionLimit: '호스트당 연결 6개',
    race: '경주: 스트림 하나에 모든 기법',
    browserSupport: '지금 브라우저가 지원하는 기능',
  },
  benchmarks: {
    title: '벤치마크',
    description:
      '숏 폴링, 롱 폴링, SSE, 웹소켓이 이 서버에 치르게 하는 비용을 맨 ws와 node:http 기준 서버와 비교해 측정했다: 연결당 메모리, 팬아웃 지연 시간, 폴링 처리량, 전송 바이트, 연결 교체.',
    lead: '비교표의 “확장성”은 누군가 측정하기 전까지는 주장일 뿐이다. 아래는 이 서버의 수치이고, 같은 일을 아무 부가 기능 없이(로그도, 커서 규칙도, 제한도, 메트릭도 없이) 하는 맨 서버의 수치를 옆에 두었다. 그래서 기법 자체의 비용과 이 프로젝트가 더한 기능의 비용을 나누어 볼 수 있다.',
    runTitle: '직접 실행하기',
    run: '`npm run bench`는 `npm start`와 똑같이 서버를 별도 프로세스로 띄우고, 루프백 주소(127.0.0.x)에서 부하 생성 프로세스를 따로 돌려 서버를 몰아붙인다. 10분이 안 걸리고, 이 표를 터미널에 출력하며 `bench/results/<date>.json`, `bench/results/latest.json`과 수치마다 SVG 차트 하나를 쓴다. `npm run bench -- --quick`은 작은 규모로 2분 안에 끝난다. 아래 내용은 커밋된 `latest.json`으로 만든다.',
    oneMachine:
      '모든 것이 한 머신에서 돈다. 서버, 부하 생성기, 발행자가 코어를 나눠 쓰므로 지연 시간에는 부하 생성기 자신의 작업도 들어 있고, 이는 프로젝트와 기준 서버 모두 같다. 머신이 다르면 절대 수치보다 비율을 비교한다.',
  },
  api: {
    title: 'API 레퍼런스',
    description:
      'Realtime Lab 서버의 모든 엔드포인트: 발행, 폴링, 롱 폴링, SSE, 웹소켓, 상태 확인, 메트릭. curl과 브라우저 콘솔 예제 포함.',
    lead: '이 사이트의 데모는 모두 이 엔드포인트로 서버와 통신하고, 누구나 똑같이 쓸 수 있다. 채널마다 로그 하나, 모든 기법에 커서 규칙 하나: 가진 마지막 `seq`(와 그 `epoch`)를 돌려보내면 서버는 바로 다음부터 이어 보내거나, [갭](/glossary/#gap)이나 [리셋](/glossary/#reset)을 알린다.',
    examplesBefore: '예제는 이 페이지의 주소를 쓴다: ',
    examplesAfter:
      '. `curl` 줄은 터미널에, JavaScript는 이 사이트의 브라우저 콘솔에 붙여 넣는다. 오류는 JSON이다: `{"error":{"code":"…","message":"…"}}`. 같은 API를 기계가 읽는 OpenAPI 3.1 문서로도 제공한다: [`/api/openapi.json`](/api/openapi.json).',
    index: '엔드포인트',
    labTitle: '랩: 위젯용 확장',
    lab: '라이브 데모에는 계약에 없는 두 가지가 필요하다. 자기 연결의 바이트와, 그 연결을 끊는 방법이다. 데모는 무작위 랩 id를 만들어 자기 URL에 `?lab=<id>`를 붙이고, 아래 엔드포인트는 그 연결과 데모 전용 채널 `lab-<id>`에만 작용하며 공용 채널은 건드리지 않는다.',
    errorsTitle: '오류 코드',
    code: '코드',
    status: '상태',
    meaning: '의미',
    params: (method: string, path: string) => `매개변수: ${method} ${path}`,
    parameter: '매개변수',
    where: '위치',
    whereNames: { path: '경로', query: '쿼리', header: '헤더', body: '본문' },
    returns: '반환:',
    inTerminal: '터미널에서:',
    inConsole: '이 사이트의 브라우저 콘솔에서:',
  },
  sourcePost: {
    title: '원글, 주장별로',
    description:
      '이 강좌의 출발점이 된 한국어 블로그 글의 모든 주장을 원문 그대로 인용하고, 주장마다 강좌의 판정과 근거 링크를 달았다.',
    leadBefore: '이 강좌는 한국어 블로그 글 ',
    leadDated: '(작성일 ',
    leadTags: (tags: string) => `, 태그: ${tags})에서 출발했다. `,
    leadAfter:
      '글은 네 가지 기법을 본문에서 비교하고 표로 마무리한다. 아래는 글의 모든 주장을 순서대로 원문 그대로 인용하고, 강좌가 확인한 결과를 붙인 것이다.',
    restored:
      '강좌가 받은 사본은 이중 인코딩으로 한국어가 깨져 있었다. 여기 인용한 글은 그 사본에서 복원하고 확인한 것이다(방법은 저장소의 `content/source-post.md`에 있다). 글이 표 위에 보여 주는 이미지는 사본에 없다. 판정은',
    verdictsJoin: {
      nuanced: '(맞지만 글이 빠뜨린 조건이 있음),',
      after: ' 가운데 하나이고, 근거로 링크한다: 강의 속 측정, 벤치마크, 또는 1차 자료.',
    },
    prose: '본문',
    proseCount: (n: number, tally: string) => `주장 ${n}개: ${tally}.`,
    tally: (n: number, verdict: string) => `${verdict} ${n}개`,
    verdictWords: { confirmed: '맞음', nuanced: '조건부', corrected: '바로잡음' },
    evidenceIn: (title: string) => `근거: ${title}`,
    table: '표',
    tableCount: (rows: number, cells: number, tally: string, provenance: string) =>
      `행 ${rows}개, 행마다 칸 ${cells}개: ${tally}. 판정은 다음 조건의 기록으로 계산했다: ${provenance}. 판정하는 코드는 직접 돌려 보는 경주와 같고, 그 경주는`,
    comparisonLesson: '비교 강의',
    cellEvidence: '칸별 근거',
  },
};
