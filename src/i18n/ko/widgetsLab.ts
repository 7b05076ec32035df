/**
 * What the lab widgets say, in Korean: the twin of ../en/widgetsLab.ts, of its type, so a string
 * missing here is a type error. Terms: ./terms.ts; labels are noun phrases, sentences 해라체, and no
 * particle follows a value put in at run time.
 */
import type { LabWidgetStrings } from '../en/widgetsLab.ts';

type Way = 'websocket' | 'sse';

export const labWidgetStrings: LabWidgetStrings = {
  twoWay: {
    aria: '양방향 데모: 웹소켓과 SSE + POST 비교',
    titles: {
      websocket: '웹소켓: 연결 하나로 양방향',
      sse: '받기는 SSE, 보내기는 fetch POST',
    },
    how: {
      websocket:
        '보내는 메시지는 메시지가 내려오는 바로 그 소켓으로, 마스킹된 프레임 하나(헤더 6~14바이트)에 실려 올라간다.',
      sse: '메시지는 이벤트 스트림으로 내려온다. 보내는 메시지는 하나하나가 헤더를 모두 갖춘 별도의 HTTP 요청이다.',
    },
    panelStates: { idle: '닫힘', connecting: '연결 중', live: '연결됨', error: '오류' },
    state: '상태: ',
    listLabel: (way: Way) => `${way === 'websocket' ? '웹소켓으로' : '이벤트 스트림으로'} 받은 메시지`,
    you: (name: string) => `${name}(나)`,
    sentBy: (via: 'websocket' | 'post') => `(${via === 'websocket' ? '웹소켓으로' : 'POST로'} 보냄)`,
    inputLabel: (way: Way) => `${way === 'websocket' ? '웹소켓으로' : 'POST 요청으로'} 보낼 메시지`,
    send: (way: Way) => (way === 'websocket' ? '웹소켓으로 보내기' : 'POST로 보내기'),
    acknowledged: (seq: number, ms: number) => `소켓에서 ${ms}ms 만에 seq ${seq} 이벤트로 확인받았다.`,
    posted: (seq: number, ms: number) => `POST 요청이 ${ms}ms 만에 201 응답(seq ${seq})을 받았다.`,
    notSent: (message: string) => `보내지 못했다: ${message}`,
    postRefused: (status: number) => `서버의 응답: 상태 코드 ${status}.`,
    connectionFailed: '연결에 실패했다.',
    me: '나',
    room: '방 ',
    youAre: '내 이름 ',
    invite: ['', '이 방의 링크', '를 다른 탭이나 다른 기기에서 열면 나 자신과 대화할 수 있다.'],
    pausedHidden: '이 탭이 숨겨져 있는 동안 일시 중지했다.',
    pausedClaimed: '연결 제한 랩이 연결을 모두 쓰는 동안 일시 중지했다.',
    live: '양쪽 모두 연결되었다.',
    error: (problem: string) => `오류: ${problem}`,
    connecting: '연결 중…',
  },

  connectionLimit: {
    aria: '연결 제한 랩: HTTP/1.1 위의 EventSource 여러 개',
    intro:
      '"열기"를 누르면 시작한다. 랩이 도는 동안 이 페이지의 다른 데모는 일시 중지해서 개수가 정확해진다. 이 사이트의 다른 탭도 같은 연결 6개를 나눠 쓰므로 결과가 달라질 수 있다.',
    opening: (count: number) => `이 페이지의 다른 데모에 연결을 놓아 달라고 한 뒤, 이벤트 스트림 ${count}개를 여는 중…`,
    fetchDone: (ms: number) => `그 뒤에 보낸 fetch 요청은 ${ms}ms 만에 끝났다.`,
    fetchWaiting: '그 뒤에 줄 선 fetch 요청은 아직 기다리는 중이다.',
    someStalled: (opened: number, total: number, stalled: number, fetchWord: string) =>
      `스트림 ${total}개 가운데 ${opened}개가 열렸고, ${stalled}개는 빈 연결을 기다리며 멈춰 있다. ${fetchWord} 멈춘 요청은 서버에 닿지도 않았다. 대기열은 브라우저 안에 있다.`,
    noneStalled: (opened: number, protocol: string, fetchWord: string) =>
      `스트림 ${opened}개가 모두 열렸고 멈춘 것은 없다(이 페이지는 ${protocol} 프로토콜로 왔다). ${fetchWord}`,
    sharedOne: (count: number) =>
      `스트림 ${count}개를 닫고, 행 ${count}개 모두에 이벤트를 나눠 주는 공유 스트림 하나로 바꿨다. 기다리던 fetch 요청은 연결이 비자마자 나갈 수 있었고, 새 요청은 곧바로 나간다.`,
    cleaned: '이 랩이 연 연결을 모두 닫았다. 이 페이지의 다른 데모는 다시 시작했다.',
    streamWords: {
      idle: '열지 않음',
      waiting: '기다리는 중',
      open: '열림',
      stalled: '멈춤',
      closed: '닫힘',
      shared: '공유 스트림',
    },
    probe: {
      none: '아직 보내지 않음',
      completed: (ms: number) => `${ms}ms 만에 끝남`,
      failed: '실패',
      stalled: '기다리는 중(멈춤: 빈 연결 없음)',
      pending: '기다리는 중(대기)',
    },
    protocol: [
      '이 페이지는 다음 프로토콜로 왔다: ',
      '. 이 호스트와의 연결은 한 번에 최대 6개다.',
      '. 요청은 연결 하나를 별도의 스트림으로 나눠 쓰므로 멈추는 요청이 없어야 한다.',
    ],
    countLabel: '열 EventSource 개수',
    open: (count: number) => `스트림 ${count}개 열기`,
    share: '해결: 스트림 하나를 공유',
    close: '모두 닫기',
    streamsLabel: '스트림 목록',
    events: (n: number) => `이벤트 ${n}개`,
    probeLine: ['스트림 뒤에 보낸 ', ' 요청:'],
    serverLine: ['정리한 뒤 서버가 센 값: 이 랩의 연결은 동시에 최대 ', '개, 아직 붙잡힌 연결은 ', '개.'],
  },

  browserSupport: {
    aria: '내 브라우저가 지원하는 기능',
    checking: '이 브라우저를 확인하는 중…',
    checked: (n: number) => `방금 이 브라우저에서 기능 ${n}개를 확인했다.`,
    answers: { unknown: '확인하는 중…', yes: '✓ 지원함', no: '✗ 지원하지 않음' },
    columns: { feature: '기능', browser: '이 브라우저', meaning: '의미' },
    features: {
      EventSource: {
        name: 'EventSource',
        yes: 'SSE가 브라우저 자체 기능으로 동작한다. 자동 재연결과 Last-Event-ID도 함께다.',
        no: '브라우저 자체의 SSE가 없다. fetch로 스트림을 읽어 직접 파싱하거나, 롱 폴링으로 물러선다.',
      },
      WebSocket: {
        name: 'WebSocket',
        yes: '연결 하나로 양방향 메시지를 주고받는다. 재연결과 재개는 여전히 내 코드가 맡는다.',
        no: '웹소켓이 없다. SSE와 fetch POST를 함께 쓰거나 롱 폴링을 쓴다.',
      },
      WebSocketStream: {
        name: 'WebSocketStream',
        yes: 'promise와 스트림 기반의 웹소켓 API다. 기존 웹소켓 API에 없는 백프레셔를 더한다.',
        no: '기존 웹소켓 API뿐이다. 백프레셔가 없어서 빨리 보내는 쪽이 메시지를 메모리에 쌓아 둘 수 있다.',
      },
      WebTransport: {
        name: 'WebTransport',
        yes: '여러 스트림과 신뢰성 없는 데이터그램을 갖춘 HTTP/3(QUIC) 세션이다. HTTP/3 프로토콜을 말하는 서버가 필요한데, 이 강좌의 서버는 그렇지 않다.',
        no: 'WebTransport가 없다. 이 강좌에서는 필요한 곳이 없다.',
      },
      'fetch response streaming': {
        name: 'fetch 응답 스트리밍',
        yes: '응답 본문을 도착하는 대로 조금씩 읽을 수 있다. EventSource 없이도 이벤트 스트림을 파싱할 수 있다(EventSource가 못 보내는 헤더를 보내려면 이쪽이다).',
        no: 'fetch는 본문 전체를 마지막에 한꺼번에 준다. 끝나지 않는 스트림은 영영 보이지 않는다.',
      },
      'fetch request streaming': {
        name: 'fetch 요청 스트리밍',
        yes: '요청 본문을 만드는 중에 보낼 수 있다(서버까지 HTTP/2 이상이 필요하다).',
        no: '요청 본문은 다 만들어진 뒤에야 보낸다. 업로드는 한 번에 한 덩어리씩이다.',
      },
    },
  },
};
