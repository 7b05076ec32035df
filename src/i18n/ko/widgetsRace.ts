/**
 * What the race says, in Korean: the twin of ../en/widgetsRace.ts, of its type, so a string missing
 * here is a type error. Terms: ./terms.ts; labels are noun phrases, sentences 해라체, no particle after
 * a value put in at run time. Units: ms, 초, B, kB.
 */
import type { RaceWidgetStrings } from '../en/widgetsRace.ts';
import { teaserWidgetStrings } from './widgetsTeaser.ts';

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
    label: '이번 경주로 검증한 원글의 표',
    caption: '이번 경주로 검증한 원글의 주장',
    row: '항목',
    notInPost: '(원글에 없음)',
    marks: { confirmed: '✓ 맞음', nuanced: '~ 조건부', corrected: '✗ 바로잡음' },
    noClaim: '원글에 없는 기법이라 판정할 주장이 없다.',
    figuresAbove: '수치는 위의 표에 있다.',
    showsTranslation: false,
    source: (label: string) =>
      ({
        'MDN compatibility data': 'MDN 브라우저 호환성 데이터',
        'WHATWG HTML, server-sent events': 'WHATWG HTML 표준, SSE 절',
        'WHATWG WebSockets': 'WHATWG 웹소켓 표준',
      })[label] ?? label,
  },

  evidence: {
    names: teaserWidgetStrings.names,
    count,
    plural: (n: number, word: string) => `${word} ${count(n)}개`,
    seconds: (ms: number) => `${+(ms / 1000).toFixed(1)}초`,
    perEvent: (total: string | null) => (total === null ? '전달된 이벤트 없음' : `이벤트당 ${total} B`),
    notCut: '이번 경주에서는 재지 않았다. 경주 중에 연결을 끊어 보면 알 수 있다.',
    direction: {
      asks: (requests: number, up: string, down: string) =>
        `요청 ${count(requests)}개가 올라가고(${up} B) ${down} B가 내려왔다. 클라이언트가 묻고, 서버는 답하기만 한다.`,
      twoWay: (up: string, down: string) =>
        `프레임이 연결 하나로 양방향을 오간다. 여기서는 그 연결로 ${up} B가 올라가고(핸드셰이크, 퐁, 종료) ${down} B가 내려왔다.`,
      oneWay: (requests: number, up: string, down: string) =>
        `요청 ${count(requests)}개가 올라가고(${up} B), 그 응답으로 ${down} B가 내려왔다. 서버에 말을 걸려면 페이지는 그 옆에서 보통 요청을 보낸다.`,
    },
    protocol: {
      http: (what: string, heads: string) => `TCP 위의 HTTP/1.1: ${what}, HTTP 헤더 ${heads} B.`,
      requests: (requests: number) => `요청 ${count(requests)}개`,
      stream: (requests: number) => `응답이 끝나지 않는 GET 요청 ${count(requests)}개`,
      upgraded: (requests: number, heads: string) =>
        `HTTP로 시작한다: Upgrade: websocket 헤더를 단 HTTP/1.1 GET 요청 ${count(requests)}개가 101 상태 코드로 응답받고(그 연결의 HTTP 헤더 ${heads} B), 같은 TCP 연결 위로 프레임이 오간다.`,
      upgrades:
        'HTTP/1.1 GET 요청이 101 Switching Protocols 응답을 받으며 시작하고, 같은 TCP 연결 위로 프레임이 오간다.',
      underAll:
        ' 나머지 세 기법 밑에도 TCP가 있다(HTTP/1.1 프로토콜과 HTTP/2 프로토콜은 TCP 위에서, HTTP/3 프로토콜은 QUIC 위에서 돈다). "HTTP 대 TCP"는 잘못된 대비다.',
    },
    work: {
      loop: 'fetch 하나를 감싼 루프다.',
      heldAlone: '클라이언트는 기다림을 뺀 폴링 루프다. 일은 서버 쪽에 있다(요청을 붙잡아 두었다가 깨우기).',
      heldBeside: ' 브라우저 쪽은 기다림을 뺀 폴링 루프이고, 늘어난 일은 요청을 붙잡아 두었다가 깨우는 서버 쪽에 있다.',
      sseAlone: '브라우저가 스스로 재연결하고 Last-Event-ID 헤더를 보낸다. 서버는 거기서부터 재개한다.',
      sseBeside: ' 브라우저가 스스로 재연결한다. Last-Event-ID부터 재개하는 것은 서버의 몫이다.',
      wsAlone: '재연결, 재개, Origin 검사, 핑을 모두 직접 작성한다.',
      wsBeside: ' 재연결과 재개는 직접 작성한다.',
    },
    difficulty: {
      lines: (client: string, server: string, all: string) =>
        `이 강좌의 코드: 브라우저 쪽 ${client}줄, 서버 쪽 ${server}줄(모두 ${all}줄, 주석 제외).`,
      yet: (others: readonly { name: string; stars: string; fewer: boolean; lines: string }[]) =>
        ` 그런데 ${others.map((u) => `${u.stars} 등급인 ${u.name} 기법은 코드가 ${u.fewer ? '더 적었다' : '더 많았다'}(${u.lines}줄)`).join('; ')}.`,
    },
    connections: {
      held: (connections: number, perSource: boolean) =>
        `경주 내내 TCP 연결 ${count(connections)}개${perSource ? '(EventSource마다 하나: EventSource가 여럿인 페이지나 여러 탭은 각자 하나씩 붙잡는다)' : ''}.`,
      heldAgain: (connections: number, reconnects: number) =>
        `TCP 연결 ${count(connections)}개: 한 번에 하나씩, 끊길 때마다 새 연결(재연결 ${count(reconnects)}번).`,
      reused: (requests: number, connections: number) =>
        `요청 ${count(requests)}개가 TCP 연결 ${count(connections)}개 위로 오갔다. 요청은 많고 연결은 적다. HTTP/1.1 연결은 열린 채로 다시 쓰이므로, 새 요청이 곧 새 연결은 아니다.`,
      each: (requests: number, connections: number) =>
        `요청 ${count(requests)}개가 TCP 연결 ${count(connections)}개 위로 오갔다. 요청마다 새 연결이다.`,
    },
    scalability: {
      polling: (interval: string, perSecond: number, requests: number, empty: string, rate: number, perEvent: string) =>
        `${interval} 간격으로 폴링해서 클라이언트당 초당 요청 ${perSecond}개(모두 요청 ${count(requests)}개)를 보냈다. 초당 이벤트 ${rate}개에서 빈 응답 비율은 ${empty}, ${perEvent}.`,
      busy: ' 이 속도에서는 폴링 대부분이 새 소식을 싣고 온다. 비용은 이벤트가 아니라 간격을 따른다.',
      held: (perDelivered: number | null, perEvent: string) =>
        `${perDelivered === null ? '전달된 이벤트 없음' : `전달한 이벤트당 요청 ${perDelivered}개`}(${perEvent}). 응답 하나하나가 HTTP 교환 한 번을 통째로 치르고, 기다리던 클라이언트는 이벤트마다 곧바로 다시 요청한다. 이 폭주는 클라이언트가 많아야 보인다.`,
      persistent: (
        perEvent: string,
        lower: readonly { name: string; total: string }[],
        cheaper: boolean,
        pool: boolean,
      ) =>
        `${perEvent}, 비교 대상: ${lower.length > 0 ? lower.map((u) => `${u.name} ${u.total} B`).join(', ') : '없음'}${cheaper ? '' : '. 원글이 더 낮게 매긴 기법보다 모두 싸지는 않았다'}. 하지만 클라이언트마다 연결을 늘 하나씩 붙잡는다(메모리, 파일 디스크립터${pool ? ', HTTP/1.1에서는 브라우저의 호스트당 연결 6개 가운데 하나' : ''}). 무엇이 확장되는지는 이벤트 발행 속도, 팬아웃, 그리고 그 비용에 달려 있다.`,
    },
    support: {
      here: (has: boolean, api: string) => `경주를 돌린 브라우저의 ${api}: ${has ? '있음' : '없음'}.`,
      held: '붙잡힌 요청도 브라우저에는 평범한 요청이다.',
      xhr: 'XMLHttpRequest는 모든 브라우저에서 동작한다.',
      sse: '대부분이 아니라 현재의 모든 엔진에 있다(Chrome 6, Firefox 6, Safari 5, Edge 79). 없었던 것은 Internet Explorer와 Chromium 이전의 Edge뿐이다.',
      ws: '"대부분의 최신 브라우저"보다 넓다. 현재의 모든 엔진은 물론 Internet Explorer 10, 11 버전에도 있다.',
    },
    errors: {
      recovered: (reconnects: number, recovery: string | null, lost: string, duplicated: string) =>
        `재연결 ${count(reconnects)}번${recovery === null ? '' : `, 장애 ${recovery} 뒤 첫 이벤트 다시 도착`}, 잃은 이벤트 ${lost}개, 중복 ${duplicated}개`,
      ownCode: (file: string) => `이 강좌의 클라이언트가 처리한다(${file})`,
      waits: (ownCode: string, notCut: string) =>
        `${ownCode}. 실패하면 기다렸다가 커서를 담아 다시 요청한다. ${notCut}`,
      nothingInFlight: (ownCode: string, lost: string, duplicated: string) =>
        `${ownCode}. 장애가 일어났을 때 오가던 폴링이 없어서 잃을 연결도 없었다. 다음 폴링이 커서를 담아 요청했다. 잃은 이벤트 ${lost}개, 중복 ${duplicated}개.`,
      askedAgain: (ownCode: string, recovered: string) => `${ownCode}. ${recovered}, 커서부터 다시 요청했다.`,
      browser: (recovered: string | null) =>
        `${recovered !== null ? `${recovered}. 브라우저가 스스로 재연결하며 Last-Event-ID 헤더를 보냈다. ` : '브라우저가 스스로 재연결하고 Last-Event-ID 헤더를 보낸다. '}직접 할 일: 서버에서 그 id부터 재개하기, 그리고 200 이외의 상태 코드나 잘못된 Content-Type 때문에 EventSource가 영영 멈춘 뒤 다시 시작하기.`,
      websocket: (recovered: string | null, file: string) =>
        `기본으로 들어 있는 것은 알려 주기만 한다. 종료 코드가 담긴 close 이벤트(끊긴 뒤에는 1006)와 이유를 말하지 않는 error 이벤트다. 브라우저의 웹소켓은 재연결도 재개도 하지 않는다. ${recovered !== null ? `이 강좌의 클라이언트가 자체 코드로 해냈다(${recovered}).` : `이 강좌의 클라이언트가 자체 코드로 처리한다(${file}).`}`,
    },
  },

  summary: {
    title: (startedAt: string) => `Realtime Lab 경주, ${startedAt} UTC`,
    noFault: '장애 없음',
    fault: (kind: 'cut' | 'restart', at: string) => `${at}초에 ${kind === 'cut' ? '연결 끊기' : '서버 재시작'}`,
    settings: (rate: string, duration: string, bytes: string, interval: string, faults: string) =>
      `${duration} 동안 ${rate}, 이벤트당 데이터 ${bytes}, 폴링 간격 ${interval}, ${faults}.`,
    clock: (published: number, offset: string, uncertainty: string, samples: number) =>
      `이벤트 ${count(published)}개 발행. 서버 시계 오프셋 ${offset}ms ± ${uncertainty}ms(NTP 방식, 왕복 ${samples}번 중 최선).`,
    ms: (x: number | null) => (x === null ? '—' : `${x.toFixed(1)}ms`),
    // The parameters' types are the English twin's (RaceWidgetStrings).
    technique: (name, latency, requests, empty, connections, perEvent, delivered, lost, duplicated, announced) =>
      `${name}: 지연 시간 p50 ${latency[0]}, p95 ${latency[1]}, 최댓값 ${latency[2]}, 요청 ${count(requests)}개${empty === null ? '' : `(빈 응답 ${empty}개)`}, TCP 연결 ${count(connections)}개, ${perEvent === null ? '이벤트 없음' : `이벤트당 ${Math.round(perEvent)} B`}, 전달 ${delivered}개, 잃음 ${lost}개, 중복 ${duplicated}개${announced > 0 ? `, 리셋이나 갭으로 사라짐 ${announced}개(통보됨)` : ''}.`,
    verdictsTitle: (names: readonly string[]) => `원글의 표에 대한 판정(${names.join(' / ')}):`,
    row: (labelKo: string, _label: string, verdicts: readonly string[]) => `${labelKo}: ${verdicts.join(' / ')}`,
    verdictWords: { confirmed: '맞음', nuanced: '조건부', corrected: '바로잡음' },
    again: (url: string) => `직접 돌려 보기: ${url}`,
  },

  chart: {
    caption: '이벤트마다의 지연 시간(로그 눈금)을 발행 시각에 따라 그렸다. 점선 세로줄은 직접 일으킨 장애를 표시한다.',
    failed: (message: string) => `그래프를 불러오지 못했다(${message}). 위의 표에 같은 수치가 있다.`,
  },
};
