/**
 * What the live widgets say, in Korean: the twin of ../en/widgets.ts, of its type (`WidgetStrings`),
 * so a string missing here is a type error. Terms: ./terms.ts. Labels and states are noun phrases,
 * sentences 해라체; no particle follows a number or a value put in at run time (a counter or a noun
 * does: 연결 3개를, seq 7 이벤트가). Units: ms, 초, B.
 */
import type { StopReason } from '../../client/types.ts';
import type { WidgetStrings } from '../en/widgets.ts';

const duration = (n: number) => (n >= 1000 ? `${n / 1000}초` : `${n}ms`);

function stopped(reason: StopReason | undefined): string {
  switch (reason?.code) {
    case 'refused':
      return `서버가 상태 코드 ${reason.status} 응답을 보냈다. 다시 요청해도 같은 응답이 온다.`;
    case 'told-to-stop':
      return '서버가 그만 보내라고 응답했다(204).';
    case 'stream-refused':
      return '서버가 스트림을 거절했다(200 text/event-stream 응답이 아니다). 그래서 브라우저는 다시 시도하지 않는다.';
    case 'stream-failed':
      return '스트림이 영영 끊겼다. 재연결하자 서버가 오류 상태 코드나 text/event-stream이 아닌 응답을 보냈다.';
    case 'no-socket':
      return `웹소켓 연결을 ${reason.tries}번 연달아 열지 못해서(거절되었거나 서버에 닿지 않았다) 클라이언트는 재연결을 멈췄다.`;
    default:
      return '클라이언트가 멈췄다.';
  }
}

export const widgetStrings: WidgetStrings = {
  common: {
    duration,
    bytes: (n: number) => `${n} B`,
    ms: (n: number) => `${n}ms`,
    labError: (_message: string, status: number | undefined) =>
      status === undefined ? '서버에 연결하지 못했다(서버가 실행 중인가?).' : `서버의 응답: 상태 코드 ${status}.`,
    stopped: (reason: StopReason | undefined) => stopped(reason),
    publishFailed: (code: 'not-open' | 'no-ack' | 'closed' | 'refused') =>
      ({
        'not-open': '지금은 웹소켓 연결이 열려 있지 않다.',
        'no-ack': '10초 안에 서버의 ack가 오지 않았다.',
        closed: '서버가 메시지를 확인하기 전에 연결이 닫혔다.',
        refused: '서버가 메시지를 거절했다.',
      })[code],
  },

  demo: {
    states: {
      idle: '중지됨',
      connecting: '연결 중…',
      live: '수신 중',
      error: '오류로 중지됨',
      paused: '일시 중지됨',
    },
    buttons: { start: '시작', stop: '중지', retry: '다시 시도' },
    aria: (name: string) => `실시간 데모: 내 전용 채널에서 보는 ${name}`,
    title: '내 전용 채널(1초마다 이벤트 하나)',
    interval: '폴링 간격',
    timeout: '롱 폴링 타임아웃',
    explain: {
      hint: '버튼은 모두 내 연결이나 채널만 망가뜨린다. 클라이언트가 어떻게 대처하는지는 여기서 설명하고, 그 과정은 위의 타임라인과 카운터에 나타난다.',
      restart:
        '메모리에만 이력을 두는 서버가 재시작할 때처럼 채널의 이력이 사라졌다. 클라이언트가 예전 커서를 들고 돌아오면 서버는 리셋으로 응답하고 새 이력의 처음부터 다시 보낸다.',
      gap: '연결이 끊긴 동안 서버의 보존 범위보다 많은 이벤트가 발행되었다. 돌아온 클라이언트는 갭을 통보받는다. 끝내 받을 수 없는 이벤트를 조용히 건너뛰지 않고 알려 주는 것이다.',
    },
    gaveUp: (why: string, meaning: string) => `${why} ${meaning}`,
    pausedHidden:
      '이 탭이 숨겨져 있는 동안 일시 중지했다. 숨은 탭도 브라우저가 이 사이트에 여는 연결 6개 가운데 하나를 차지하기 때문이다.',
    pausedClaimed: '연결 제한 랩이 이 사이트로 가는 브라우저의 연결을 모두 쓰는 동안 일시 중지했다.',
    stoppedNote: '중지했다. 다시 연결하려면 시작을 누른다.',
    gapPublishing: '서버의 보존 범위보다 많은 이벤트를 발행하는 중…',
    gapAway: (published: number, retention: number) =>
      `자리를 비운 사이 이벤트 ${published}개가 발행되었고, 서버는 ${retention}개만 보존한다. 재연결하는 중…`,
    gapSum: (published: number, retention: number, ticks: number) =>
      ticks > 0
        ? ` = 발행 ${published}개 − 보존 ${retention}개 + 그사이 발행된 이벤트 ${ticks}개`
        : ` = 발행 ${published}개 − 보존 ${retention}개`,
    gapAnnounced: (missed: number, more: boolean, sum: string, lost: number, duplicates: number) =>
      `갭 통보: ${more ? '추가로 ' : ''}이벤트 ${missed}개 누락${sum}. 잃은 이벤트 ${lost}개, 중복 ${duplicates}개.`,
    recovered: (seconds: string, lost: number, duplicates: number) =>
      `장애 ${seconds}초 만에 복구했다. 잃은 이벤트 ${lost}개, 중복 ${duplicates}개.`,
    gaveUpNews: '클라이언트가 포기하고 멈췄다. 이유는 아래에 설명한다. 다시 시도를 누르면 새 클라이언트를 연다.',
    connectionLost: (browserReconnects: boolean) =>
      `연결이 끊겼다. ${browserReconnects ? '브라우저가 스스로 재연결하는 중' : '클라이언트가 커서부터 다시 시도하는 중'}…`,
    liveOver: (name: string) => `${name} 기법으로 실시간 수신 중이다.`,
    injecting: {
      cut: '연결을 끊는 중…',
      restart: '내 채널의 서버를 재시작하는 중…',
      gap: '서버의 보존 범위보다 많은 이벤트를 발행하는 중…',
    },
    marks: {
      cutArmed: '오가던 요청이 없어서, 서버가 다음 요청을 끊는다',
      cutDropped: (n: number) => `서버가 연결 ${n}개를 끊었다`,
      restart: '연결이 끊기고 채널의 이력이 사라졌다(새 에포크)',
      flood: (published: number) => `자리를 비운 사이 이벤트 ${published}개가 발행되었다`,
    },
    cutArmed: '끊기: 오가던 요청이 없어서, 서버가 대신 다음 요청을 끊는다.',
    cutDropped: (n: number) => `끊기: 서버가 연결 ${n}개를 끊었다.`,
    restarted: (n: number) => `서버 "재시작": 연결 ${n}개가 끊기고 채널의 이력이 사라졌다.`,
    faultFailed: (message: string) => `장애를 일으키지 못했다: ${message}`,
    publishNote: '웹소켓으로 직접 보낸 메시지',
    acknowledged: (seq: number, ms: number) =>
      `이벤트가 내려오는 바로 그 소켓으로, 서버가 ${ms}ms 만에 내 프레임을 seq ${seq} 이벤트로 확인해 주었다.`,
    notSent: (message: string) => `보내지 못했다: ${message}`,
    counters: {
      received: '받은 이벤트',
      requests: '보낸 요청',
      empty: '빈 응답',
      reconnects: '재연결',
      bytes: '받은 바이트',
      latency: '마지막 이벤트의 지연 시간',
      lost: '잃은 이벤트(통보 없음)',
      duplicates: '중복',
      gaps: '통보된 갭',
      resets: '리셋',
    },
    notApplicable: '해당 없음',
    missed: (n: number) => `${n}개 누락`,
    faultsLegend: '망가뜨려 보기(내 연결과 채널만)',
    faultButtons: {
      cut: '연결 끊기',
      restart: '서버 재시작',
      gap: '너무 뒤처지기',
      send: '소켓으로 메시지 보내기',
    },
  },

  timeline: {
    markWords: { cut: '끊기', restart: '재시작', flood: '대량 발행', gap: '갭', reset: '리셋' },
    markLine: (word: string, detail: string) => `${word}: ${detail}.`,
    gapDetail: (missed: number) => `서버에 따르면 이벤트 ${missed}개가 전달되기 전에 밀려났다`,
    resetDetail: '커서가 가리키던 이력을 서버가 잃었다. 전달은 새 이력의 가장 오래된 이벤트부터 다시 시작한다',
    request: {
      waiting: '아직 응답을 기다리는 중',
      events: (n: number) => `이벤트 ${n}개와 함께 응답받음`,
      empty: '새 이벤트 없이 응답받음(빈 응답)',
      failed: '응답 없음: 연결 실패',
      cancelled: '페이지가 취소함',
      sent: '보냄',
      line: (id: number, what: string, took: string) => `요청 ${id}: ${what}, ${took}.`,
    },
    linkOpen: '연결 열림.',
    linkEnded: (dropped: boolean, seconds: string) =>
      `${seconds}초 뒤 ${dropped ? '연결 끊김' : '페이지가 연결을 닫음'}.`,
    event: (seq: number, verdict: 'ok' | 'duplicate' | 'loss') =>
      verdict === 'duplicate'
        ? `seq ${seq} 이벤트가 한 번 더 도착했다(중복).`
        : verdict === 'loss'
          ? `seq ${seq} 이벤트가 구멍 뒤에 도착했다. 그 앞의 이벤트를 잃었다.`
          : `seq ${seq} 이벤트가 도착했다.`,
    burst: (count: number, first: number, last: number, ms: number) =>
      `이벤트 ${count}개가 한꺼번에 도착했다(seq ${first}–${last}, ${ms}ms).`,
    summary: (seconds: number, requests: number, empty: number, failed: number, events: number, marks: number) =>
      `최근 ${seconds}초의 타임라인: 요청 ${requests}개(빈 응답 ${empty}개, 실패 ${failed}개), 이벤트 ${events}개, 알림 ${marks}개. 같은 항목을 그림 아래에 글로도 나열했다.`,
    lanes: { requests: '요청', connection: '연결', events: '이벤트' },
    now: '지금',
    ago: (s: number) => `−${s}초`,
    legend: {
      requests: '▬ 요청(기다리는 동안 점선) · ● 이벤트와 함께 온 응답(위에 개수) · □ ∅ 빈 응답 · ✕ 응답 없음',
      connection: '━ 연결 열림 · ✕ 연결 끊김',
      common:
        ' · ▲ 이벤트(아래에 seq) · ▮ 한꺼번에 온 여러 이벤트(×개수) · ◆ 중복이나 구멍 뒤의 이벤트 · ┆ 직접 일으킨 장애나 서버 알림',
    },
    inWords: '글로 보는 타임라인(최신순)',
    inWordsLabel: '글로 보는 타임라인, 최신순',
    nothingYet: '아직 아무 일도 없다.',
  },

  inspector: {
    summary: '와이어 인스펙터: 이 데모의 연결이 주고받은 바이트',
    about: [
      '서버가 이 데모의 연결만 캡처했다(요청마다 ',
      ' 쿼리가 붙는다). 최신순이다. #n은 TCP 연결 번호이고, 번호가 같은 두 요청은 keep-alive 연결 하나를 함께 썼다. 브라우저는 이 사이트와의 연결 몇 개를 열어 두고 페이지의 어느 요청에나 빌려 주므로, 이 데모에서 처음 보는 번호도 다른 요청이 쓰던 연결일 수 있다.',
    ],
    refreshing: '열려 있는 동안 1초마다 다시 읽는다.',
    reading: '캡처를 읽는 중…',
    readFailed: (message: string) => `캡처를 읽지 못했다: ${message}`,
    measured: (connections: number, requests: number) => `서버가 잰 값: 연결 ${connections}개, 요청 ${requests}개`,
    measuredNone: '서버가 잰 값: —',
    caption: '와이어를 오간 바이트',
    columns: { direction: '방향', header: '헤더', framing: '프레이밍', payload: '페이로드', total: '합계' },
    up: '브라우저 → 서버',
    down: '서버 → 브라우저',
    server: '서버',
    perEvent: (received: number) => `받은 이벤트당(${received}개)`,
    accept: {
      computing: '계산하는 중…',
      same: '이 페이지에서 계산한 값과 같음 ✓',
      different: '다른 값 ✗',
      gone: '이제 캡처에 없음: 뒤에 온 프레임에 밀려났다. 연결을 끊으면 새로 캡처할 수 있다.',
    },
    handshake: {
      title: '웹소켓 핸드셰이크',
      intro: [
        '는 ',
        ' 헤더를 단 HTTP/1.1 GET 요청 하나다. 응답의 상태 줄: ',
        '. 서버는 브라우저가 보낸 임의의 키를 해시해서 요청을 이해했음을 증명한다.',
      ],
      key: '요청에 담긴 키: ',
      guid: 'RFC 6455의 고정 GUID를 덧붙인다: ',
      sha1: '그 문자열의 SHA-1, 20바이트: ',
      base64: '그 바이트의 base64: ',
      sent: '서버가 보낸 값 ',
    },
    frame: '웹소켓 프레임',
    fields: { maskingKey: '마스킹 키', payloadLength: '페이로드 길이', frameHeader: '프레임 헤더' },
    noMask: '없음(서버가 보내는 프레임은 마스킹하지 않는다)',
    httpHead: (bytes: number) => `HTTP 시작 줄과 헤더, ${bytes} B`,
    body: (payload: number, framing: number) =>
      `본문, 페이로드 ${payload} B${framing ? ` + 청크 프레이밍 ${framing} B` : ''}`,
    entriesLabel: '캡처한 항목, 최신순',
    nothingYet: '아직 캡처한 것이 없다.',
  },
};
