/**
 * What the race says, in Korean: the twin of ../en/widgetsRace.ts, of its type, so a string missing
 * here is a type error. Terms: ./terms.ts; labels are noun phrases, sentences 해라체, no particle after
 * a value put in at run time. Units: ms, 초, B, kB.
 */
import type { RaceWidgetStrings } from '../en/widgetsRace.ts';

const count = (n: number) => Math.round(n).toLocaleString('ko');

export const raceWidgetStrings: RaceWidgetStrings = {
  format: {
    ms: (ms: number) => (ms >= 1000 ? `${ms / 1000}초` : `${ms}ms`),
    bytes: (b: number) => (b >= 1000 ? `${b / 1000} kB` : `${b} B`),
    rate: (r: number) => `초당 이벤트 ${r}개`,
    events: (n: number) => `이벤트 ${count(n)}개`,
  },

  race: {
    phases: {
      idle: '준비됨',
      clock: '시계를 맞추는 중…',
      starting: '시작하는 중…',
      racing: '경주 중',
      finishing: '마무리하는 중…',
      done: '끝남',
      error: '오류로 중지됨',
    },
    aria: '경주: 스트림 하나를 폴링, 롱 폴링, SSE, 웹소켓으로',
    title: (n: number) => ['경주', ` · 스트림 하나, 기법 ${n}개, 내 브라우저에서`],
    stop: '중지',
    again: '다시 경주',
    start: '경주 시작',
    settings: '설정',
    labels: { rate: '이벤트 발행 속도', intervalMs: '폴링 간격', payloadBytes: '페이로드', durationMs: '경주 시간' },
    faults: '경주 중에 망가뜨려 보기(내 연결과 채널만)',
    cut: '모든 연결 끊기',
    restart: '서버 재시작(새 에포크)',
    intro:
      '설정을 고른 뒤 시작한다. 서버가 내 전용 채널에 이벤트를 발행하고, 기법마다 클라이언트 하나가 그 채널을 나란히 읽는다.',
    stoppedHidden:
      '중지했다. 탭이 숨겨졌는데, 브라우저는 숨은 탭의 타이머를 늦추므로 경주 결과가 틀어진다. 다시 시작한다.',
    stoppedClaimed: '중지했다. 이 페이지의 다른 위젯이 브라우저의 연결을 써야 했다.',
    closed: '페이지가 경주를 닫았다.',
    stoppedByYou: '끝나기 전에 직접 중지했다. 중간에 멈춘 경주로는 판정하지 않는다.',
    progress: (elapsed: string, duration: string, published: number, planned: number) =>
      `${duration} 중 ${elapsed}초 경과, 이벤트 ${planned}개 중 ${published}개 발행.`,
    copied: '클립보드에 복사했다.',
    copyRefused: '브라우저가 복사를 허용하지 않았다. 아래 글을 직접 선택해 복사한다.',
    chartSummary: (events: number, medians: readonly (readonly [string, string])[]) =>
      `이벤트 ${count(events)}개의 시간에 따른 지연 시간: ${medians.map(([name, median]) => `${name} 중앙값 ${median}ms`).join(', ')}.`,
    chartEmpty: '경주가 시작되면 여기에 시간에 따른 지연 시간 그래프가 나타난다.',
    method: '지연 시간을 재는 방법',
    methodText: [
      '이벤트마다 발행 순간의 서버 시계 값(',
      ')이 들어 있다. 브라우저는 이벤트가 도착한 시각을 자기 시계로 적는데, 이 시계는 서버 시계와 다르다. 그래서 경주 전에 페이지가 ',
      ' 요청을 8번 보내, NTP처럼 응답 T 하나하나의 직전(t0)과 직후(t1)에 자기 시각을 적는다. 요청과 응답에 걸린 시간이 같다면 서버는 그 중간에 시계를 읽었으므로, 서버 시계는 내 시계보다 T − (t0 + t1) / 2만큼 앞서 있다. t1 − t0 값이 가장 작은 왕복을 고르며, 추정 오차는 그 왕복 시간의 절반을 넘지 않는다. 지연 시간 = 도착 시각(내 시계) + 오프셋 − time.',
    ],
    thisRun: (offset: string, rtt: string, uncertainty: string) =>
      `이번 경주: 오프셋 ${offset}ms, 가장 짧은 왕복 ${rtt}ms. 그러므로 여기 나온 지연 시간은 모두 ± ${uncertainty}ms 안에서 정확하다.`,
    bytesText:
      '바이트는 서버가 잰다. 서버는 태그가 붙은 내 연결마다 양방향으로 오간 것을 센다: HTTP 시작 줄과 헤더, 프레이밍(청크 크기 줄, 웹소켓 프레임 헤더와 마스크), 본문. 이벤트의 데이터 크기는 정확히 알고 있으므로, 본문의 나머지는 데이터를 감싼 봉투다.',
    download: '경주 결과 내려받기(JSON)',
    copy: '공유할 요약 복사',
    summaryLabel: '이번 경주의 요약',
  },

  runner: {
    clock: '서버 시계를 추정하는 중(/api/time 왕복 8번)…',
    starting: '서버에 발행을 요청하고, 기법마다 클라이언트를 여는 중…',
    racing: '경주 중: 서버가 내 전용 채널에 발행하고, 모든 클라이언트가 그 채널을 읽는다.',
    couldNotStart: (message: string) => `경주를 시작하지 못했다: ${message}`,
    cut: (dropped: number) =>
      `끊기: 서버가 연결 ${dropped}개를 끊었다(요청과 요청 사이에 있던 폴링은 다음 요청이 끊긴다). 누가 어떻게 돌아오는지 지켜본다.`,
    restart: (dropped: number) =>
      `재시작: 연결 ${dropped}개가 끊기고 채널의 이력을 버렸다(새 에포크). 예전 커서로 돌아오는 클라이언트는 리셋을 통보받는다.`,
    faultFailed: (message: string) => `장애를 일으키지 못했다: ${message}`,
    finishing: '이벤트를 모두 발행했다. 가장 느린 기법이 마지막 이벤트를 전달하기를 기다리는 중…',
    done: (published: number, seconds: string) =>
      `끝: ${seconds}초 동안 이벤트 ${count(published)}개를 발행했다. 아래 표는 이번 경주의 결과로 채웠다.`,
    countsFailed: (message: string) => `경주는 끝났지만 바이트 수를 읽지 못했다: ${message}`,
  },

  table: {
    label: '기법별 수치',
    final: '(최종)',
    live: '(실시간)',
    caption: (phase: string) => `기법별 이번 경주 수치 ${phase}`,
    states: { idle: '대기', connecting: '연결 중', live: '수신 중', error: '오류' },
    rows: {
      p50: '지연 시간 p50(ms)',
      p95: '지연 시간 p95(ms)',
      max: '지연 시간 최댓값(ms)',
      requests: 'HTTP 요청',
      empty: '아무것도 없는 응답',
      connections: 'TCP 연결',
      bytes: '이벤트당 바이트',
      header: '… 그 가운데 HTTP 헤더',
      framing: '… 프레이밍',
      envelope: '… 봉투',
      data: '… 데이터',
      reconnects: '재연결',
      resets: '리셋',
      delivered: '전달한 이벤트',
      lost: '잃은 이벤트',
      duplicates: '중복',
    },
    stream: '해당 없음(스트림)',
    announced: (n: string) => ` (통보된 ${n}개 별도)`,
  },

  verdicts: {
    label: '이번 경주로 검증한 원문 글의 표',
    caption: '이번 경주로 검증한 원문 글의 주장',
    row: '항목',
    notInPost: '(원문 글에 없음)',
    marks: { confirmed: '✓ 맞음', nuanced: '~ 단서 필요', corrected: '✗ 바로잡음' },
    noClaim: '원문 글에 없는 기법이라 판정할 주장이 없다.',
    figuresAbove: '수치는 위의 표에 있다.',
    showsTranslation: false,
  },

  chart: {
    caption: '이벤트마다의 지연 시간(로그 눈금)을 발행 시각에 따라 그렸다. 점선 세로줄은 직접 일으킨 장애를 표시한다.',
    failed: (message: string) => `그래프를 불러오지 못했다(${message}). 위의 표에 같은 수치가 있다.`,
  },
};
