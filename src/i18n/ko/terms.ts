/**
 * The Korean edition's terms: one Korean term per concept, used by every Korean lesson, catalogue and
 * glossary entry, with the forms not to use. `findTermViolations` (./terms.test.ts holds it to the
 * list) finds a forbidden form in any Korean text; content/glossary.ko.yaml, ./techniques.ts and
 * ./exercises.ts are checked with it, and later Korean lessons should be too.
 *
 * How the choices were made: the form a Korean engineer writes in docs and blog posts, the source
 * post's own where it writes the word in Korean (웹소켓, 재연결, 양방향, 단방향, 실시간, 확장성), the
 * loanword orthography where usage is split (핸드셰이크, 에포크, 선더링 허드), and MDN's Korean pages
 * for web-platform words Korean readers already meet there (출처 for origin). The post is right
 * except for two spellings, which are quoted as they are but never copied: 매커니즘 (메커니즘) and the
 * spaced suffix in "클라이언트 당" (클라이언트당).
 *
 * Register: 해라체, as the post writes (-다, -한다, -이다). A UI label or state is a noun phrase
 * ("실행 중…", "모범 답안 보기"); no sentence ends in 합니다/습니다/세요/해요.
 *
 * Left in English as they are: code, identifiers (`EventSource`, `bufferedAmount`, `seq`), HTTP
 * headers and methods (`Last-Event-ID`, `Retry-After`, `GET`), status and close codes, message types
 * (`gap`, `reset`, `hello`), media types, and the acronyms Korean engineers write in Latin letters
 * (SSE, HTTP, TCP, TLS, CORS, QUIC). Those concepts have `english: 'keep'`.
 */

/**
 * How the English original appears in Korean text:
 * - `keep`: the English form itself is the Korean term (an identifier, a header, an acronym);
 * - `gloss`: the Korean term, with the English original in parentheses at its first use in a lesson
 *   and in the glossary heading, e.g. 롱 폴링(long polling);
 * - `never`: an everyday Korean word that needs no English beside it.
 */
export type EnglishUse = 'keep' | 'gloss' | 'never';

export interface KoTerm {
  /** The concept's id: a glossary entry's id where the glossary has one. */
  readonly id: string;
  /** The English term as the English course writes it in prose. */
  readonly en: string;
  /** The one Korean term for the concept. */
  readonly ko: string;
  /** Forms not to use for it in Korean text (spacing variants, other renderings, misspellings). */
  readonly forbidden: readonly string[];
  readonly english: EnglishUse;
  /** Why this form, where the choice is not obvious. */
  readonly why?: string;
}

export const KO_TERMS = [
  // The techniques
  {
    id: 'polling',
    en: 'polling',
    ko: '폴링',
    forbidden: ['폴링링', '포올링'],
    english: 'gloss',
    why: 'The word every Korean engineer uses; the family of asking again and again.',
  },
  {
    id: 'short-polling',
    en: 'short polling',
    ko: '숏 폴링',
    forbidden: ['숏폴링', '쇼트 폴링', '쇼트폴링', '짧은 폴링'],
    english: 'gloss',
    why: 'Usage, not the orthography (쇼트): 숏 폴링 is what Korean posts write, spaced like 롱 폴링.',
  },
  {
    id: 'polling-interval',
    en: 'polling interval',
    ko: '폴링 간격',
    forbidden: ['폴링 주기', '폴링주기', '폴링간격'],
    english: 'gloss',
  },
  {
    id: 'long-polling',
    en: 'long polling',
    ko: '롱 폴링',
    forbidden: ['롱폴링', '긴 폴링', '롱 풀링', '롱풀링', '롱-폴링'],
    english: 'gloss',
    why: 'Spaced as the issue writes it; 긴 폴링 is a word-for-word rendering nobody uses.',
  },
  {
    id: 'sse',
    en: 'Server-Sent Events',
    ko: 'SSE',
    forbidden: ['서버 전송 이벤트', '서버-전송 이벤트', '서버 센트 이벤트', '서버센트 이벤트', '서버 발송 이벤트'],
    english: 'keep',
    why: 'The post writes SSE(Server-Sent Events) and then SSE; so do Korean engineers.',
  },
  {
    id: 'eventsource',
    en: 'EventSource',
    ko: 'EventSource',
    forbidden: ['이벤트소스', '이벤트 소스'],
    english: 'keep',
    why: 'An interface name: it stays as the code spells it.',
  },
  {
    id: 'fetch-streaming',
    en: 'streaming with fetch',
    ko: 'fetch 스트리밍',
    forbidden: ['패치 스트리밍', '페치 스트리밍', 'fetch 스트림 방식'],
    english: 'gloss',
    why: '`fetch` is the function name and stays in Latin letters.',
  },
  {
    id: 'event-stream-parser',
    en: 'event-stream parser',
    ko: '이벤트 스트림 파서',
    forbidden: ['이벤트스트림 파서', '이벤트 스트림 분석기', '이벤트 스트림 파싱기'],
    english: 'gloss',
  },
  {
    id: 'websocket',
    en: 'WebSocket',
    ko: '웹소켓',
    forbidden: ['웹 소켓', '웹쏘켓', '웹소캣', 'Websocket'],
    english: 'gloss',
    why: "The post's own word (웹소켓과 HTTP는…), one word; the API and code keep `WebSocket`.",
  },
  {
    id: 'technique',
    en: 'technique',
    ko: '기법',
    forbidden: ['테크닉'],
    english: 'never',
  },
  {
    id: 'push',
    en: 'push',
    ko: '푸시',
    forbidden: ['푸쉬'],
    english: 'gloss',
    why: '푸쉬 is common but misspelt: a final sh is written 시 (플래시, 푸시).',
  },
  {
    id: 'real-time',
    en: 'real time',
    ko: '실시간',
    forbidden: ['리얼타임', '리얼 타임', '실 시간'],
    english: 'never',
  },
  {
    id: 'bidirectional',
    en: 'two-way',
    ko: '양방향',
    forbidden: ['쌍방향', '양 방향'],
    english: 'never',
  },
  {
    id: 'unidirectional',
    en: 'one-way',
    ko: '단방향',
    forbidden: ['일방향', '단 방향'],
    english: 'never',
  },

  // HTTP and the connection
  {
    id: 'request',
    en: 'request',
    ko: '요청',
    forbidden: ['리퀘스트'],
    english: 'never',
  },
  {
    id: 'response',
    en: 'response',
    ko: '응답',
    forbidden: ['리스폰스'],
    english: 'never',
  },
  {
    id: 'header',
    en: 'header',
    ko: '헤더',
    forbidden: ['해더'],
    english: 'never',
  },
  {
    id: 'status-code',
    en: 'status code',
    ko: '상태 코드',
    forbidden: ['스테이터스 코드', '상태코드'],
    english: 'never',
  },
  {
    id: 'conditional-request',
    en: 'conditional request',
    ko: '조건부 요청',
    forbidden: ['조건 요청', '컨디셔널 요청'],
    english: 'gloss',
    why: "The term of MDN's Korean HTTP pages.",
  },
  {
    id: 'connection',
    en: 'connection',
    ko: '연결',
    forbidden: ['커넥션', '컨넥션'],
    english: 'never',
    why: "The post's word throughout (연결의 수, 연결이 끊어지면).",
  },
  {
    id: 'persistent-connection',
    en: 'persistent connection',
    ko: '지속 연결',
    forbidden: ['영구 연결', '퍼시스턴트 연결', '상시 연결'],
    english: 'gloss',
    why: "The post's 지속적인 연결, as a noun.",
  },
  {
    id: 'disconnect',
    en: 'disconnect',
    ko: '연결 끊김',
    forbidden: ['디스커넥트', '연결 단절'],
    english: 'never',
  },
  {
    id: 'reconnection',
    en: 'reconnection',
    ko: '재연결',
    forbidden: ['재접속', '재 연결', '리커넥트', '리커넥션'],
    english: 'never',
    why: "The post's word (자동으로 재연결).",
  },
  {
    id: 'resume',
    en: 'resume',
    ko: '재개',
    forbidden: ['리쥼', '리줌', '이어 받기'],
    english: 'never',
    why: 'A stream is resumed from the cursor: 스트림을 재개한다.',
  },
  {
    id: 'keep-alive',
    en: 'keep-alive',
    ko: 'keep-alive',
    forbidden: ['킵얼라이브', '킵 얼라이브', '킵어라이브', '킵 어라이브'],
    english: 'keep',
    why: 'The `Connection: keep-alive` token; Korean engineers write it in Latin letters.',
  },
  {
    id: 'connection-limit',
    en: 'six connections per host',
    ko: '호스트당 연결 6개',
    forbidden: ['호스트별 6개 연결', '호스트별 연결 6개'],
    english: 'gloss',
  },
  {
    id: 'per',
    en: 'per (client, host, connection)',
    ko: '당',
    forbidden: ['클라이언트 당', '연결 당', '호스트 당', '초 당', '채널 당'],
    english: 'never',
    why: 'A suffix: 클라이언트당. The post spaces it (클라이언트 당); its table is quoted so, never copied.',
  },
  {
    id: 'multiplexing',
    en: 'multiplexing',
    ko: '멀티플렉싱',
    forbidden: ['다중화', '멀티플랙싱'],
    english: 'gloss',
  },
  {
    id: 'http2',
    en: 'HTTP/2 multiplexing',
    ko: 'HTTP/2 멀티플렉싱',
    forbidden: ['HTTP/2 다중화', 'HTTP2 멀티플렉싱'],
    english: 'gloss',
  },
  {
    id: 'server-push',
    en: 'HTTP/2 server push',
    ko: 'HTTP/2 서버 푸시',
    forbidden: ['HTTP/2 서버푸시', 'HTTP/2 푸시 기능'],
    english: 'gloss',
  },
  {
    id: 'quic',
    en: 'QUIC',
    ko: 'QUIC',
    forbidden: ['퀵 프로토콜'],
    english: 'keep',
  },
  {
    id: 'tcp-handshake',
    en: '3-way handshake',
    ko: '3-way 핸드셰이크',
    forbidden: ['3방향 핸드셰이크', '쓰리웨이 핸드셰이크', '3웨이 핸드셰이크'],
    english: 'gloss',
    why: 'The post writes 3-way handshake; the number part stays as Korean network books write it.',
  },
  {
    id: 'handshake',
    en: 'opening handshake',
    ko: '웹소켓 핸드셰이크',
    forbidden: ['핸드쉐이크', '핸드 셰이크', '핸드세이크', '오프닝 핸드셰이크'],
    english: 'gloss',
    why: 'The orthography spells 셰; 핸드쉐이크 is the common misspelling.',
  },
  {
    id: 'proxy',
    en: 'proxy',
    ko: '프록시',
    forbidden: ['프락시', '대리 서버'],
    english: 'never',
  },
  {
    id: 'reverse-proxy',
    en: 'reverse proxy',
    ko: '리버스 프록시',
    forbidden: ['역방향 프록시', '리버스프록시'],
    english: 'gloss',
  },
  {
    id: 'load-balancer',
    en: 'load balancer',
    ko: '로드 밸런서',
    forbidden: ['로드밸런서', '로드 발란서', '부하 분산기'],
    english: 'never',
    why: "The cloud vendors' Korean docs write it spaced.",
  },
  {
    id: 'buffering',
    en: 'buffering',
    ko: '버퍼링',
    forbidden: ['버퍼 링'],
    english: 'never',
  },
  {
    id: 'timeout',
    en: 'timeout',
    ko: '타임아웃',
    forbidden: ['타임 아웃'],
    english: 'never',
  },
  {
    id: 'idle-timeout',
    en: 'idle timeout',
    ko: '유휴 타임아웃',
    forbidden: ['아이들 타임아웃', 'idle 타임아웃', '유휴 시간 초과'],
    english: 'gloss',
  },
  {
    id: 'draining',
    en: 'connection draining',
    ko: '연결 드레이닝',
    forbidden: ['연결 배수', '연결 드레인'],
    english: 'gloss',
    why: "The name load balancers' Korean docs give it; 연결 as everywhere else.",
  },
  {
    id: 'latency',
    en: 'latency',
    ko: '지연 시간',
    forbidden: ['레이턴시', '레이턴씨'],
    english: 'never',
  },
  {
    id: 'throughput',
    en: 'throughput',
    ko: '처리량',
    forbidden: ['스루풋', '쓰루풋'],
    english: 'never',
  },
  {
    id: 'scalability',
    en: 'scalability',
    ko: '확장성',
    forbidden: ['스케일러빌리티', '규모 가변성'],
    english: 'never',
    why: "The post's row label.",
  },
  {
    id: 'scale-out',
    en: 'scaling out',
    ko: '스케일 아웃',
    forbidden: ['스케일아웃'],
    english: 'gloss',
  },
  {
    id: 'rate-limit',
    en: 'rate limit',
    ko: '속도 제한',
    forbidden: ['레이트 리밋', '레이트 리미트', '레이트리밋'],
    english: 'gloss',
  },
  {
    id: 'mechanism',
    en: 'mechanism',
    ko: '메커니즘',
    forbidden: ['매커니즘', '메카니즘'],
    english: 'never',
    why: 'The post writes 매커니즘 (its table is quoted so); the word is 메커니즘.',
  },

  // The log and the cursor rule
  {
    id: 'channel',
    en: 'channel',
    ko: '채널',
    forbidden: ['체널', '챈널'],
    english: 'gloss',
  },
  {
    id: 'event-log',
    en: 'event log',
    ko: '이벤트 로그',
    forbidden: ['이벤트로그', '이벤트 기록'],
    english: 'gloss',
  },
  {
    id: 'seq',
    en: 'sequence number',
    ko: '시퀀스 번호',
    forbidden: ['순서 번호', '일련번호', '시퀀스 넘버', '시퀀스넘버'],
    english: 'gloss',
    why: 'Next to the field `seq`, which stays as it is.',
  },
  {
    id: 'history',
    en: 'history',
    ko: '이력',
    forbidden: ['히스토리'],
    english: 'never',
    why: "A log's history, the one an epoch names; 히스토리 stays for the browser's (`history`).",
  },
  {
    id: 'cursor',
    en: 'cursor',
    ko: '커서',
    forbidden: ['읽기 위치', '컬서'],
    english: 'gloss',
  },
  {
    id: 'epoch',
    en: 'epoch',
    ko: '에포크',
    forbidden: ['에폭', '이포크'],
    english: 'gloss',
    why: 'The orthography and MDN (유닉스 에포크); 에폭 is machine-learning slang.',
  },
  {
    id: 'gap',
    en: 'gap',
    ko: '갭',
    forbidden: ['누락 구간', '공백 구간'],
    english: 'gloss',
    why: 'The message type is `gap`; a Korean engineer reading it says 갭.',
  },
  {
    id: 'reset',
    en: 'reset',
    ko: '리셋',
    forbidden: ['재설정', '리세트'],
    english: 'gloss',
    why: 'The message type is `reset`; 초기화 stays free for its everyday sense.',
  },
  {
    id: 'retention',
    en: 'retention',
    ko: '보존 범위',
    forbidden: ['리텐션', '보관 범위', '유지 범위', '보존 윈도우'],
    english: 'gloss',
    why: 'How many events are kept (a window, not a time): 보존 범위.',
  },
  {
    id: 'last-event-id',
    en: 'Last-Event-ID',
    ko: 'Last-Event-ID',
    forbidden: ['Last-Event-Id', '마지막 이벤트 ID 헤더'],
    english: 'keep',
  },
  {
    id: 'retry',
    en: 'retry delay',
    ko: '재연결 대기 시간',
    forbidden: ['재시도 지연', '리트라이 딜레이', '재접속 대기'],
    english: 'gloss',
    why: 'What `retry:` sets is how long EventSource waits before it reconnects.',
  },
  {
    id: 'backoff',
    en: 'backoff',
    ko: '백오프',
    forbidden: ['백 오프', '지수적 백오프', '익스포넨셜 백오프'],
    english: 'gloss',
    why: 'Exponential backoff is 지수 백오프.',
  },
  {
    id: 'jitter',
    en: 'jitter',
    ko: '지터',
    forbidden: ['지터링'],
    english: 'gloss',
  },
  {
    id: 'thundering-herd',
    en: 'thundering herd',
    ko: '선더링 허드',
    forbidden: ['썬더링 허드', '천둥 떼', '쏟아지는 무리'],
    english: 'gloss',
    why: 'The orthography writes no ㅆ for th; a rendering of the image would mean nothing.',
  },
  {
    id: 'heartbeat',
    en: 'heartbeat',
    ko: '하트비트',
    forbidden: ['하트 비트', '심장 박동', '허트비트'],
    english: 'gloss',
  },
  {
    id: 'backpressure',
    en: 'backpressure',
    ko: '백프레셔',
    forbidden: ['배압', '역압', '백 프레셔', '백프레셔링'],
    english: 'gloss',
    why: 'What Korean stream and reactive docs write; 배압 reads as plumbing.',
  },
  {
    id: 'slow-client',
    en: 'slow client',
    ko: '느린 클라이언트',
    forbidden: ['슬로우 클라이언트', '저속 클라이언트'],
    english: 'gloss',
  },
  // The course's own words, chosen by the Korean editor's pass over all nine lessons (session 4).
  {
    id: 'race',
    en: 'the race',
    ko: '경주',
    forbidden: ['레이스'],
    english: 'never',
    why: 'The comparison widget. 레이스 reads as a race condition to a Korean engineer.',
  },
  {
    id: 'source-post',
    en: 'the source post',
    ko: '원글',
    forbidden: ['원문 글'],
    english: 'never',
    why: 'The blog post the course grew out of; 출처 is the term for a web origin, and 원문 is the original text of a quote.',
  },
  {
    id: 'bare-server',
    en: 'bare server (baseline)',
    ko: '맨 서버',
    forbidden: ['순수한 서버', '베어 서버'],
    english: 'never',
    why: 'The benchmarks’ baseline: a server with nothing but node:http or ws.',
  },
  {
    id: 'fan-out',
    en: 'fan-out',
    ko: '팬아웃',
    forbidden: ['팬 아웃', '펜아웃'],
    english: 'gloss',
  },
  {
    id: 'broadcast',
    en: 'broadcast',
    ko: '브로드캐스트',
    forbidden: ['브로드 캐스트', '브로드캐스팅'],
    english: 'never',
  },
  {
    id: 'pub-sub',
    en: 'pub/sub',
    ko: '발행/구독',
    forbidden: ['게시/구독', '펍섭', '펍/섭'],
    english: 'gloss',
  },
  {
    id: 'publish',
    en: 'publish',
    ko: '발행',
    forbidden: ['퍼블리시', '퍼블리싱', '퍼블리쉬'],
    english: 'never',
  },
  {
    id: 'subscriber',
    en: 'subscriber',
    ko: '구독자',
    forbidden: ['서브스크라이버', '섭스크라이버'],
    english: 'never',
  },
  {
    id: 'sticky-session',
    en: 'sticky session',
    ko: '스티키 세션',
    forbidden: ['스티키세션', '고정 세션'],
    english: 'gloss',
  },
  {
    id: 'idempotency',
    en: 'idempotency',
    ko: '멱등성',
    forbidden: ['아이덤포턴시', '멱등 성'],
    english: 'gloss',
  },
  {
    id: 'idempotency-key',
    en: 'idempotency key',
    ko: '멱등 키',
    forbidden: ['멱등성 키', 'idempotency 키'],
    english: 'gloss',
  },
  {
    id: 'deduplication',
    en: 'deduplication',
    ko: '중복 제거',
    forbidden: ['디듀플리케이션', '중복 배제'],
    english: 'never',
  },
  {
    id: 'exactly-once',
    en: 'exactly once',
    ko: '정확히 한 번',
    forbidden: ['정확히 1회', '딱 한 번만'],
    english: 'gloss',
  },
  {
    id: 'at-most-once',
    en: 'at most once',
    ko: '최대 한 번',
    forbidden: ['최대 1회', '많아야 한 번'],
    english: 'gloss',
  },
  {
    id: 'ack',
    en: 'ack',
    ko: 'ack',
    forbidden: ['애크', '액크'],
    english: 'keep',
    why: 'The message type `ack`, as TCP books write ACK.',
  },

  // WebSocket
  {
    id: 'frame',
    en: 'frame',
    ko: '프레임',
    forbidden: ['프래임'],
    english: 'gloss',
  },
  {
    id: 'message',
    en: 'message',
    ko: '메시지',
    forbidden: ['메세지'],
    english: 'never',
    why: '메세지 is the common misspelling.',
  },
  {
    id: 'payload',
    en: 'payload',
    ko: '페이로드',
    forbidden: ['패이로드', '유효 탑재량'],
    english: 'gloss',
  },
  {
    id: 'masking-key',
    en: 'masking key',
    ko: '마스킹 키',
    forbidden: ['마스크 키'],
    english: 'gloss',
  },
  {
    id: 'opcode',
    en: 'opcode',
    ko: 'opcode',
    forbidden: ['옵코드', '오피코드'],
    english: 'keep',
  },
  {
    id: 'ping-pong',
    en: 'ping and pong',
    ko: '핑과 퐁',
    forbidden: ['핑퐁', '핑-퐁'],
    english: 'gloss',
  },
  {
    id: 'close-code',
    en: 'close code',
    ko: '종료 코드',
    forbidden: ['클로즈 코드', '닫기 코드', 'close 코드'],
    english: 'gloss',
  },
  {
    id: 'close-frame',
    en: 'close frame',
    ko: '종료 프레임',
    forbidden: ['클로즈 프레임', '닫기 프레임', 'close 프레임'],
    english: 'gloss',
  },
  {
    id: 'subprotocol',
    en: 'subprotocol',
    ko: '서브프로토콜',
    forbidden: ['서브 프로토콜', '하위 프로토콜'],
    english: 'gloss',
  },
  {
    id: 'permessage-deflate',
    en: 'permessage-deflate',
    ko: 'permessage-deflate',
    forbidden: ['퍼메시지 디플레이트', '메시지별 디플레이트'],
    english: 'keep',
    why: 'The extension token as the `Sec-WebSocket-Extensions` header carries it.',
  },

  // Security
  {
    id: 'origin',
    en: 'origin',
    ko: '출처',
    forbidden: ['오리진'],
    english: 'gloss',
    why: "MDN's Korean pages (동일 출처 정책, 교차 출처); the `Origin` header keeps its name.",
  },
  {
    id: 'origin-check',
    en: 'Origin check',
    ko: 'Origin 검사',
    forbidden: ['Origin 체크', '출처 검사', '출처 확인'],
    english: 'gloss',
    why: 'What is checked is the `Origin` header, so its name stays.',
  },
  {
    id: 'cors',
    en: 'CORS',
    ko: 'CORS',
    forbidden: ['크로스 오리진 리소스 공유'],
    english: 'keep',
  },
  {
    id: 'cswsh',
    en: 'cross-site WebSocket hijacking',
    ko: '사이트 간 웹소켓 하이재킹',
    forbidden: ['크로스 사이트 웹소켓 하이재킹', '교차 사이트 웹소켓 하이재킹', '하이잭킹', '하이제킹'],
    english: 'gloss',
    why: 'Built like the Korean name of CSRF (사이트 간 요청 위조).',
  },
  {
    id: 'samesite',
    en: 'SameSite cookie',
    ko: 'SameSite 쿠키',
    forbidden: ['동일 사이트 쿠키', '세임사이트 쿠키'],
    english: 'gloss',
    why: 'The attribute name stays as `Set-Cookie` spells it.',
  },
  {
    id: 'ws-ticket',
    en: 'connection ticket',
    ko: '연결 티켓',
    forbidden: ['접속 티켓'],
    english: 'gloss',
  },
  {
    id: 'bfcache',
    en: 'back/forward cache',
    ko: 'bfcache',
    forbidden: ['뒤로/앞으로 캐시', '뒤로-앞으로 캐시', '백포워드 캐시'],
    english: 'keep',
    why: 'Browser engineers and Korean web-performance posts write bfcache.',
  },

  {
    id: 'lab',
    en: 'lab',
    ko: '랩',
    forbidden: ['실험실'],
    english: 'gloss',
    why: 'The wire capture of connections tagged `?lab=<id>`; 실험실 reads as a chemistry room.',
  },
  {
    id: 'capture',
    en: 'capture',
    ko: '캡처',
    forbidden: ['캡쳐'],
    english: 'never',
    why: '캡쳐 is the common misspelling.',
  },

  // The course
  {
    id: 'course',
    en: 'course',
    ko: '강좌',
    forbidden: ['코스웨어'],
    english: 'never',
  },
  {
    id: 'lesson',
    en: 'lesson',
    ko: '강의',
    forbidden: ['레슨', '렉처'],
    english: 'never',
  },
  {
    id: 'glossary',
    en: 'glossary',
    ko: '용어집',
    forbidden: ['글로서리', '용어 사전'],
    english: 'never',
  },
  {
    id: 'exercise',
    en: 'exercise',
    ko: '연습 문제',
    forbidden: ['연습문제', '실습 과제'],
    english: 'never',
  },
  {
    id: 'capstone',
    en: 'capstone',
    ko: '종합 과제',
    forbidden: ['캡스톤'],
    english: 'never',
  },
  {
    id: 'grader',
    en: 'grader',
    ko: '채점기',
    forbidden: ['그레이더', '채점 엔진'],
    english: 'never',
  },
  {
    id: 'requirement',
    en: 'requirement',
    ko: '요구 사항',
    forbidden: ['요구사항', '요건 사항'],
    english: 'never',
  },
  {
    id: 'solution',
    en: 'solution',
    ko: '모범 답안',
    forbidden: ['솔루션', '정답 코드', '예시 답안'],
    english: 'never',
  },
  {
    id: 'starter',
    en: 'starter code',
    ko: '시작 코드',
    forbidden: ['스타터 코드', '초기 코드'],
    english: 'never',
  },
  {
    id: 'editor',
    en: 'editor',
    ko: '편집기',
    forbidden: ['에디터'],
    english: 'never',
    why: 'As code editors say it in their Korean UI.',
  },
  {
    id: 'sandbox',
    en: 'sandbox',
    ko: '샌드박스',
    forbidden: ['샌드 박스'],
    english: 'never',
  },
  {
    id: 'console',
    en: 'console',
    ko: '콘솔',
    forbidden: ['컨솔'],
    english: 'never',
  },
] as const satisfies readonly KoTerm[];

export type KoTermId = (typeof KO_TERMS)[number]['id'];

/** A forbidden form found in a text: the term to write instead, the form found, and where it starts. */
export interface TermViolation {
  readonly term: string;
  readonly forbidden: string;
  readonly index: number;
}

/** The Korean term of a concept, for code that builds Korean text: `koTerm('long-polling')` is 롱 폴링. */
export function koTerm(id: KoTermId): string {
  return (KO_TERMS as readonly KoTerm[]).find((t) => t.id === id)!.ko;
}

/**
 * What the checker does not read, blanked to spaces so positions stay true: quotations (`<q>…</q>`,
 * how lessons quote the source post, whose words are its own: 매커니즘, 클라이언트 당) and fenced code
 * blocks (code stays as it is). Inline `code` is read: in a .ts catalogue backticks are template strings.
 */
const NOT_OURS = /<q\b[^>]*>[\s\S]*?<\/q>|^```[^\n]*\n[\s\S]*?^```/gm;

const ourWords = (text: string) => text.replace(NOT_OURS, (m) => m.replace(/[^\n]/g, ' '));

/**
 * Every forbidden form in `text`, in order of position. Case-sensitive (Hangul has no case, and the
 * English forms it holds are wrong spellings of a name: `Last-Event-Id`, Websocket). Plain substring
 * search, because Korean attaches its particles to the word: 웹 소켓은 must be found as well as 웹 소켓.
 */
export function findTermViolations(text: string): TermViolation[] {
  const ours = ourWords(text);
  const found: TermViolation[] = [];
  for (const concept of KO_TERMS as readonly KoTerm[])
    for (const forbidden of concept.forbidden)
      for (let index = ours.indexOf(forbidden); index >= 0; index = ours.indexOf(forbidden, index + 1))
        found.push({ term: concept.ko, forbidden, index });
  return found.sort((a, b) => a.index - b.index || a.forbidden.localeCompare(b.forbidden));
}

/**
 * Sentence endings outside the chosen register (해라체): 합니다/습니다, 하세요, 해요체. `아니다` is
 * 해라체 and is not matched.
 */
const OTHER_REGISTER = /(?<!아)니다|세요|해요|어요|아요|이에요|예요/g;

/** Where `text` leaves the register: each ending found and its position (quotations and code not read). */
export function findRegisterViolations(text: string): { ending: string; index: number }[] {
  return [...ourWords(text).matchAll(OTHER_REGISTER)].map((m) => ({ ending: m[0], index: m.index }));
}
