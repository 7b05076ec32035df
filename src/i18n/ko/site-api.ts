/**
 * API 레퍼런스의 한국어: 엔드포인트마다 요약, 응답, 매개변수, 오류 코드마다 의미와 전달 방식. 키와 타입은
 * ../en/site-api.ts가 정한다. 코드 표기(`…`)는 영어판과 똑같이 둔다.
 */
import type { ApiStrings } from '../en/site-api.ts';

const channel = '채널 이름: `^[a-z0-9][a-z0-9-]{0,63}$`. 아니면 `400 invalid_channel`.';
const after =
  '커서: 가진 마지막 `seq`, 평범한 10진수 숫자로(아니면 `400 invalid_cursor`). 빼면 최신 위치(head)부터 시작한다.';
const epoch = '커서가 속한 에포크. 다른 에포크이면 리셋으로 응답한다.';
const limit =
  '한 응답에 담는 이벤트의 최대 개수로, 폴링과 롱 폴링이 같다: 1부터 1000까지의 정수, 기본값 100. 그 밖의 값(`0`, `-5`, `5000`)은 `400 invalid_limit`.';
const id =
  '랩 id: 페이지가 무작위로 만든 소문자 16진수 32자리(아니면 `400 invalid_lab_id`). 자기 폴링, 롱 폴링, SSE, 웹소켓 URL에 `?lab=<id>`를 붙이면 그 연결이 캡처된다.';

export const apiStrings: ApiStrings = {
  endpoints: {
    'POST /api/channels/:channel/events': {
      summary: '채널에 이벤트 하나를 발행한다.',
      returns:
        '`201 {"seq","time","epoch"}`. 같은 `ref`가 반복되면 `200 {"seq","time","epoch","duplicate":true}`. `ticker` 채널은 읽기 전용이다(`403 read_only_channel`).',
      params: {
        channel,
        data: '아무 JSON 값이나, 직렬화해서 4096바이트까지. `Content-Type: application/json`으로 보낸다(아니면 `415`).',
        ref: '선택 사항인 멱등 키: 128자 이하의 문자열 또는 숫자. 이 채널에서 5분 안에 같은 `ref`가 오면 아무것도 덧붙이지 않고, 처음의 seq와 `"duplicate":true`를 담아 `200`으로 응답한다.',
      },
    },
    'GET /api/channels/:channel/poll': {
      summary: '숏 폴링: 커서 뒤에 있는 것을 곧바로 응답한다.',
      returns:
        '`200 {"epoch","events":[…],"cursor"}`. 커서 규칙에 따라 `"reset": true`나 `"missed": k`가 붙는다. 받은 `cursor`를 다음 `after`로 돌려보낸다. 아무도 발행한 적 없는 채널은 `{"epoch":"empty","events":[],"cursor":0}`으로 응답하고, 읽기만으로는 채널이 생기지 않는다. 첫 발행은 리셋 없이 거기서 이어진다.',
      params: { channel, after, epoch, limit },
    },
    'GET /api/channels/:channel/long-poll': {
      summary: '롱 폴링: 폴링과 같지만, 이벤트가 오거나 타임아웃이 지날 때까지 요청을 붙잡아 둔다.',
      returns: '폴링과 같은 본문. 타임아웃이 먼저 지나면 `events: []`.',
      params: {
        channel,
        after,
        epoch,
        timeout: '붙잡아 둘 시간(ms): 기본값 25000, 0–30000 범위로 맞춘다.',
        limit,
      },
    },
    'GET /api/channels/:channel/sse': {
      summary: 'SSE: 길게 이어지는 text/event-stream 응답 하나.',
      returns:
        '`200 text/event-stream`: `: connected` 주석, 이어서 이벤트마다 `id: <epoch>:<seq>`와 `data: <event JSON>`(첫 이벤트에는 `retry:`도 있다), `event: gap` / `event: reset`, 그리고 `SSE_HEARTBEAT_MS` 동안 조용한 스트림에는 `:` 하트비트 주석. Python의 httpx-sse로 읽을 때: 이 라이브러리는 이벤트 뒤에 오는 주석(하트비트)을 `data`가 빈 이벤트로 코드에 넘기므로(마지막 id를 기억하고 빈 줄마다 이벤트를 내보낸다), `json.loads` 전에 `data`가 빈 이벤트는 건너뛴다. EventSource와 `eventsource` 패키지는 표준대로 주석을 무시한다.',
      params: {
        channel,
        after,
        'Last-Event-ID':
          'EventSource가 재연결할 때 보낸다. `after`보다 우선한다. 형식이 잘못되면 오류 상태 코드가 아니라 리셋이다.',
      },
    },
    'POST /api/channels/:channel/stream': {
      summary:
        'fetch 스트리밍: SSE와 같은 text/event-stream을, 커서를 JSON 본문에 담은 POST로 요청한다(채팅 API가 스트리밍하는 방식).',
      returns:
        '바이트 하나까지 SSE와 같은 응답: `200 text/event-stream`, id `<epoch>:<seq>`, `event: gap` / `event: reset`, 하트비트. 본문은 `response.body.pipeThrough(new TextDecoderStream()).getReader()`로 읽는다.',
      params: {
        channel,
        'after, epoch':
          '`{"after"?: <seq>, "epoch"?: "<epoch>"}`를 `Content-Type: application/json`으로(아니면 `415`), 1024바이트까지(아니면 `413`). `{}`는 최신 위치부터 시작한다. 재연결할 때마다 클라이언트가 다시 보낸다. 이 방식에는 Last-Event-ID를 대신 보내 주는 것이 없다.',
      },
    },
    'GET /api/channels/:channel/ws': {
      summary: '웹소켓(RFC 6455): 연결 하나에서 이벤트 수신, ack가 오는 발행, 재개.',
      returns:
        '서버 → 클라이언트: 먼저 `{"type":"hello","epoch","head"}`(뒤따르는 이벤트가 속한 에포크. 재개할 때마다, 그리고 에포크가 바뀔 때마다 다시 온다), 이어서 `{"type":"event","seq","time","data"}`, `gap`, `reset`, `ack`(보낸 `ref`와 함께), `error`. 클라이언트 → 서버: `{"type":"publish","data","ref"}`, `{"type":"resume","after","epoch"}`. 16 KiB가 넘는 메시지는 1009로 닫힌다. Upgrade 없는 평범한 `GET`이나 다른 프로토콜을 담은 요청(`curl --http2`의 `Upgrade: h2c`)은 `426`이고, 거절된 핸드셰이크는 다른 모든 오류처럼 JSON 오류다.',
      params: {
        channel,
        after,
        epoch,
        Origin:
          '이 사이트여야 한다(또는 `ALLOWED_ORIGINS`에 있어야 한다). 그 밖의 출처는 업그레이드 전에 `403`을 받는다.',
      },
    },
    'GET /api/health': {
      summary: '서버가 일을 받는지, 어느 인스턴스가 응답했는지, 어떤 저장소를 쓰는지.',
      returns:
        '`200 {"status":"ok","instance","store":"memory"|"redis"}`. 공유 저장소에 닿지 않는 동안에는 `"status":"degraded"`와 `problem` 문장(그동안 발행은 `503 store_unavailable`), 종료 중에는 `503`. 모든 응답은 `X-Instance-Id` 헤더에 인스턴스를 밝힌다.',
      params: {},
    },
    'GET /api/time': {
      summary: '서버의 시계. 페이지에서 전달 시간을 재는 데 쓴다.',
      returns:
        '`200 {"now": <server epoch ms>}`. 여러 번 물어 왕복이 가장 짧은 응답을 쓴다. 서버 시계에서 내 시계를 뺀 값은 대략 `now − (sent + received) / 2`이고, 오차는 그 왕복의 절반 이내다(비교 강의의 경주가 이렇게 한다).',
      params: {},
    },
    'GET /api/openapi.json': {
      summary: '이 API를 담은 OpenAPI 3.1 문서. 계약 모듈(protocol/) 자체로 만든다.',
      returns:
        '`200 application/json`: 위의 모든 경로와 매개변수, 요청 본문, 응답마다의 상태 코드와 JSON Schema. 오류는 경로마다 응답할 수 있는 코드로 좁혀 있다. 어떤 OpenAPI 도구에나 불러오거나 클라이언트를 생성할 수 있고, 프로젝트의 퍼저(`npm run fuzz`)가 이 문서로 서버를 검사한다.',
      params: {},
    },
    'GET /metrics': {
      summary: 'Prometheus 메트릭: 기법별 열린 연결과 요청, 발행하고 전달한 이벤트, 쓴 바이트, 이유별 거절.',
      returns: 'Prometheus exposition 형식의 `200 text/plain`.',
      params: {},
    },
    'GET /api/lab/:id/wire': {
      summary: '표시한 연결의 바이트, 서버가 본 그대로.',
      returns:
        '`200 {"entries":[…],"next","dropped"}`: 요청과 응답의 헤드, 본문 텍스트(SSE는 도착하는 대로), 양방향으로 해독한 웹소켓 프레임(FIN, opcode, 마스크 비트와 마스킹 키, 길이, 페이로드).',
      params: { id, after: '이 번호 뒤의 항목만(이전 응답의 `next`).' },
    },
    'GET /api/lab/:id/connections': {
      summary: '표시한 연결마다의 바이트, 헤더, 프레이밍, 페이로드로 나눠서.',
      returns:
        '`200`과 함께 연결마다 실어 나른 요청 수, 올라간 바이트와 내려온 바이트를 `header`, `framing`, `payload`로 나눈 값, 합계, `live`와 `peakLive`.',
      params: { id },
    },
    'POST /api/lab/:id/cut': {
      summary: '표시한 연결을 네트워크 장애처럼 끊는다.',
      returns:
        '`200 {"dropped":n}`. 열린 연결이 없으면 `{"armed":true}`이고, 10초 안에 생기는 다음 표시 연결이 끊긴다. 발행 속도 제한에 포함된다(`429`).',
      params: { id },
    },
    'POST /api/lab/:id/restart': {
      summary: '나만을 위한 서버 재시작: 내 연결을 끊고 전용 채널 `lab-<id>`를 리셋한다(새 에포크).',
      returns: '`200`과 채널의 새 범위. 리셋되는 것은 `lab-<id>`뿐이고, 공용 채널은 절대 아니다.',
      params: { id },
    },
    'POST /api/lab/:id/gap': {
      summary: '내 연결을 끊고 `lab-<id>`에 보존 범위를 넘도록 발행해, 클라이언트가 돌아오면 갭을 만나게 한다.',
      returns: '`200`. 갭을 일으킬 수 없으면 `409 gap_unavailable`(메시지 참고).',
      params: { id },
    },
    'POST /api/lab/:id/race': {
      summary:
        '경주를 시작한다: 서버가 틱 대신 정한 속도와 크기로 `lab-<id>`에 발행하고, 모든 기법의 클라이언트가 그것을 읽는다.',
      returns:
        '`201 {"channel","epoch","after","startsAt","endsAt","planned","settings"}`: 클라이언트를 `after`/`epoch`에서 연다. 첫 이벤트는 응답 1.5초 뒤인 `startsAt`(서버 시계)에 나온다. 새 경주는 그 랩의 이전 경주를 대신한다. 범위를 벗어난 설정은 `400 invalid_race`, `Content-Type: application/json`이 없으면 `415`, 서버가 동시에 돌릴 수 있는 만큼 경주를 돌리고 있으면 `503 race_busy`. 발행 속도 제한에 포함된다(`429`).',
      params: {
        id,
        rate: '초당 이벤트 수, 0.1에서 50까지.',
        payloadBytes: '이벤트마다 JSON으로 직렬화한 `data`의 크기, 2에서 16384바이트까지.',
        durationMs: '발행할 시간, 1000에서 60000 ms까지.',
      },
    },
    'GET /api/lab/:id/race/status': {
      summary: '경주가 지금까지 발행한 것.',
      returns:
        '`200 {"running","settings","startsAt","endsAt","planned","published","failed","segments":[{"epoch","first","last"}]}`: 발행한 seq를 에포크별로(재시작하면 새 구간이 시작된다). 경주가 없었으면 `404`.',
      params: { id },
    },
    'POST /api/lab/:id/race/stop': {
      summary: '경주를 일찍 멈춘다.',
      returns: '`200`과 경주의 상태. 경주가 없었으면 `404`.',
      params: { id },
    },
    'POST /api/lab/:id/exercise': {
      summary:
        '채점을 시작한다(연습 문제의 채점기): 랩이 `lab-<id>`를 차지하므로 그 채널로 가는 연결은 `?lab=` 없이도 모두 내 것이 되고, 틱은 멈추며, 내 요청이 기록된다.',
      returns:
        '`201 {"channel","epoch","head","quietUntil"}`. 틱은 시작 또는 마지막 `publish` 뒤 120초 동안 멈춰 있다. 발행 속도 제한에 포함된다(`429`).',
      params: { id },
    },
    'POST /api/lab/:id/publish': {
      summary: '서버가 계획한 이벤트를 `lab-<id>`에 직접 발행한다. 요청하면 그 전에 내 연결을 끊는다.',
      returns: '`201 {"channel","epoch","first","last","dropped"}`: 덧붙인 seq. 범위를 벗어나면 `400 invalid_fault`.',
      params: {
        id,
        count: '덧붙일 이벤트 수, 0에서 2000까지. 각 이벤트는 `{"n": <i>, "of": <count>}`.',
        cut: '선택 사항인 `true`: 먼저 내 연결을 끊어, 클라이언트가 끊긴 동안 이벤트가 발행되게 한다.',
      },
    },
    'POST /api/lab/:id/refuse': {
      summary: '장애를 연출한다: 내 랩의 다음 요청들에 일부러 `Retry-After`와 함께 503이나 429로 응답한다.',
      returns:
        '`201 {"status","retryAfter","from","until","endedAt","refused","count","dropped"}`. 웹소켓 업그레이드는 핸드셰이크 전에 거절을 받는다. 범위를 벗어나면 `400 invalid_fault`.',
      params: {
        id,
        status: '`503`(`fault_unavailable`) 또는 `429`(`fault_rate_limited`).',
        retryAfter: '`Retry-After`로 보낼 초, 0에서 60까지(기본값 1).',
        count: '거절할 요청 수, 1에서 1000까지(기본값: 지속 시간 안의 전부).',
        durationMs: '최대 지속 시간, 100에서 30000 ms까지(기본값 10000).',
        cut: '선택 사항인 `true`: 내 연결도 끊어, 재연결이 장애를 만나게 한다.',
      },
    },
    'POST /api/lab/:id/repeat': {
      summary: '내 랩의 웹소켓마다 마지막 이벤트 프레임을 다시 보낸다(일부러 최소 한 번 전달).',
      returns: '`200 {"repeated": n}`: 다시 받은 소켓 수.',
      params: { id },
    },
    'POST /api/lab/:id/drop-ack': {
      summary:
        'ack를 일부러 잃어버린다: 내 랩의 다음 웹소켓 발행(10초 안)은 덧붙여지지만, ack를 보내기 전에 그 연결이 끊긴다.',
      returns: '`200 {"armed":true,"untilMs":10000}`. 재연결한 뒤 같은 `ref`로 다시 보내면 두 번 덧붙여지지 않는다.',
      params: { id },
    },
    'GET /api/lab/:id/requests': {
      summary: '채점이 시작된 뒤 내 랩이 보낸 모든 요청과 도착 시각, 그리고 연출한 장애.',
      returns:
        '`200 {"requests":[{"at","technique","refused"}],"dropped","outages":[{"status","retryAfter","from","until","endedAt","refused"}]}`(서버 시계): 백오프를 판정하는 근거.',
      params: { id },
    },
    'GET /api/lab/:id/log': {
      summary: '서버가 보관하는 전용 채널의 로그. 폴링 없이 읽으므로 내 요청으로 세지 않는다.',
      returns: '`200 {"channel","epoch","oldest","head","events":[{"seq","time","data"}]}`.',
      params: { id, after: '이 seq 뒤의 이벤트만(응답당 최대 1000개).' },
    },
  },
  errors: {
    invalid_channel: { meaning: '채널 이름이 `^[a-z0-9][a-z0-9-]{0,63}$`에 맞지 않는다.', delivery: '400' },
    invalid_cursor: {
      meaning: '`after`가 평범한 10진수 숫자가 아니거나(`1e3`, `-1`, `0x10`은 거절된다) `epoch`가 문자열이 아니다.',
      delivery: '400',
    },
    invalid_json: { meaning: '요청 본문(또는 웹소켓 메시지)이 올바른 JSON이 아니다.', delivery: '400' },
    invalid_body: {
      meaning: '본문이 `data` 필드를 가진 객체가 아니거나, `data`가 64단계보다 깊이 중첩되어 있다.',
      delivery: '400',
    },
    invalid_timeout: { meaning: '`timeout`이 정수가 아니다.', delivery: '400' },
    invalid_limit: { meaning: '`limit`이 정수가 아니다.', delivery: '400' },
    unsupported_media_type: {
      meaning: '`Content-Type: application/json` 없는 발행(또는 경주).',
      delivery: '415',
    },
    payload_too_large: { meaning: '본문이나 이벤트 데이터가 너무 크다.', delivery: '413' },
    read_only_channel: { meaning: '`ticker`에는 서버만 발행한다.', delivery: '403' },
    rate_limited: { meaning: '내 주소에서 온 발행이 너무 많다. `Retry-After`초만큼 기다린다.', delivery: '429' },
    too_many_connections: {
      meaning: '내 주소에서 붙잡아 둔 연결(SSE, 웹소켓, 롱 폴링)이 너무 많다.',
      delivery: '429',
    },
    origin_not_allowed: { meaning: '다른 출처의 페이지에서 연 웹소켓.', delivery: '403' },
    invalid_handshake: {
      meaning:
        '핸드셰이크가 아닌 웹소켓 핸드셰이크: `websocket`이 아닌 `Upgrade`, 형식이 잘못된 `Sec-WebSocket-Key`, 13이나 8이 아닌 `Sec-WebSocket-Version`, 또는 ws가 파싱하지 못하는 헤더.',
      delivery: '400',
    },
    message_too_large: { meaning: '크기 제한을 넘은 웹소켓 메시지. 소켓이 닫힌다.', delivery: '웹소켓 종료 코드 1009' },
    unknown_message: {
      meaning: '바이너리이거나 알려진 메시지 타입이 아닌 웹소켓 프레임. 소켓은 열린 채로 있다.',
      delivery: '웹소켓 오류 메시지',
    },
    slow_consumer: {
      meaning: '클라이언트가 너무 느리게 읽어 보내지 못한 데이터가 한도를 넘었다. 재연결하고 재개한다.',
      delivery: '연결 끊김',
    },
    heartbeat_timeout: {
      meaning: '클라이언트가 핑에 응답하지 않아 서버가 소켓을 닫았다.',
      delivery: '웹소켓 강제 종료',
    },
    shutting_down: { meaning: '서버가 멈추는 중이다. 잠시 뒤 다시 시도한다.', delivery: '503' },
    not_found: {
      meaning: '그 경로에 API 경로가 없거나, 그곳에 웹소켓 엔드포인트가 없거나(핸드셰이크), 그 랩에 경주가 없다.',
      delivery: '404',
    },
    method_not_allowed: { meaning: '잘못된 메서드. `Allow` 헤더가 맞는 메서드를 알려 준다.', delivery: '405' },
    upgrade_required: { meaning: '웹소켓 URL에 보낸 평범한 GET.', delivery: '426' },
    too_many_channels: {
      meaning:
        '서버가 새 채널을 거절할 때를 위해 /metrics에서 센다. 실제로 거절하는 일은 없다: 읽기는 채널을 만들지 않고, 채널을 만드는 발행에는 속도 제한이 있다.',
      delivery: '예약됨',
    },
    invalid_lab_id: { meaning: '소문자 16진수 32자리가 아닌 랩 id.', delivery: '400' },
    gap_unavailable: { meaning: '랩이 갭을 일으킬 수 없었다(메시지 참고).', delivery: '409' },
    invalid_race: { meaning: '범위를 벗어난 경주 설정(메시지가 설정과 그 범위를 알려 준다).', delivery: '400' },
    race_busy: {
      meaning: '서버가 동시에 허용하는 만큼 경주를 돌리고 있다. `Retry-After`초 뒤에 다시 시도한다.',
      delivery: '503',
    },
    fault_unavailable: {
      meaning:
        '랩의 장애 계획이 일부러 이 요청에 응답했다(`POST /api/lab/:id/refuse`). `Retry-After`초 뒤에 다시 시도한다.',
      delivery: '503',
    },
    fault_rate_limited: {
      meaning:
        '랩의 장애 계획이 일부러 이 요청에 응답했다(`POST /api/lab/:id/refuse`). 다음 요청 전에 `Retry-After`초만큼 기다린다.',
      delivery: '429',
    },
    invalid_fault: {
      meaning: '범위를 벗어난 랩의 발행 계획이나 거절 계획(메시지가 설정과 그 범위를 알려 준다).',
      delivery: '400',
    },
    store_unavailable: {
      meaning: '공유 저장소(Redis)에 닿지 않는다. `Retry-After`초 뒤에 다시 시도한다. 아무것도 발행되지 않았다.',
      delivery: '503',
    },
  },
};
