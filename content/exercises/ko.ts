// The exercises in Korean: each one's title, task and hints, paragraph for paragraph with the English
// file (content/exercises/<id>.ts), and the chat messages the capstone's grader sends. The starter and
// the solution are code and stay as they are. Terms: src/i18n/ko/terms.ts; register 해라체.
import type { ExerciseText } from '../../src/exercises/schema.ts';

export const KO_EXERCISES: Readonly<Record<string, ExerciseText>> = {
  'poll-cursor': {
    title: '연습 문제: 페이지를 넘겨 가며 읽고, 물러설 줄 아는 폴링 클라이언트',
    task: [
      '`channel` 채널을 읽는 숏 폴링 클라이언트를 작성한다. 1초에 한 번 `GET <base>/api/channels/<channel>/poll?after=<cursor>&limit=100` 요청을 보내되 처음에는 `after=0`으로 시작하고, 응답에 담긴 이벤트를 하나씩 `deliver(event)`에 넘긴 뒤 응답의 `cursor` 값을 다음 요청의 `after`로 보낸다.',
      '코드가 시작할 때 이미 이벤트 250개가 기다리고 있다. 한 페이지보다 많은 양이다. 응답이 꽉 차 있으면(이벤트 100개) 1초를 기다리지 말고 곧바로 다시 요청한다.',
      '그다음 채점기는 3초 동안 서버가 `Retry-After: 2` 헤더와 함께 `503 Service Unavailable` 상태 코드로 응답하게 만든다. 다음 폴링 전에 서버가 요청한 시간(초)만큼 기다리고, 커서는 그대로 둔다. 그래야 그사이 발행된 이벤트를 하나도 잃지 않는다.',
      '폴링을 멈추는 함수를 돌려준다. 채점기는 마지막에 이 함수를 부르고, 계속 요청하는 것이 남아 있지 않은지 확인한다.',
    ],
    hints: [
      '`events.length === 100`인 응답은 꽉 찬 페이지다. 다음 폴링까지의 대기 시간을 0으로 둔다.',
      '`response.headers.get("Retry-After")`는 초 단위 숫자를 문자열로 돌려준다. `Number(...) * 1000`이 대기 시간이다.',
      '실패한 `fetch`(네트워크 오류)는 reject된다. 잡아서 나중에 다시 시도해야 한다. 그러지 않으면 루프가 영영 멈춘다.',
    ],
  },
  'long-poll-loop': {
    title: '연습 문제: 롱 폴링 루프',
    task: [
      '`channel` 채널을 읽는 롱 폴링 루프를 작성한다. `after=0`부터 시작해 `GET <base>/api/channels/<channel>/long-poll?after=<cursor>&timeout=1000` 요청을 보낸다. 서버는 커서 다음 이벤트가 생길 때까지 요청을 붙잡아 두고, 1초가 지나도록 없으면 이벤트 없이 응답한다. 이벤트마다 `deliver(event)`로 전달하고, 응답의 `cursor` 값으로 곧바로 다시 요청한다.',
      '채점기는 한동안 채널을 조용히 둔다. 요청은 타임아웃이 되면 빈 응답으로 돌아오는데, 그래도 계속 요청해야 한다.',
      '그다음 서버가 요청 하나에 `Retry-After: 2` 헤더와 함께 `429 Too Many Requests` 상태 코드로 응답하게 만든다. 다음 요청 전에 2초를 기다린다. 마지막으로 이벤트가 발행되는 동안 연결을 끊는다. 같은 커서로 다시 요청해서 이벤트를 하나도 잃거나 두 번 전달하지 않아야 한다.',
      '루프를 멈추는 함수를 돌려준다(`AbortController`를 쓰면 붙잡혀 있는 요청도 끝난다).',
    ],
    hints: [
      '타임아웃에 돌아온 응답에는 `"events": []`가 들어 있다. 빈 목록의 마지막 이벤트는 무엇일까?',
      '응답에는 `cursor`가 들어 있다. 빈 응답까지 포함해 어떤 경우에도 다음 요청의 `after`로 알맞은 값이다.',
      '루프 한 바퀴를 `try`/`catch`로 감싼다. 연결이 끊기면 `fetch`(또는 `response.json()`)가 reject된다.',
      '`429` 응답은 루프의 실패가 아니다. `Retry-After` 헤더를 읽고 기다린 다음, 같은 커서로 계속한다.',
    ],
  },
  'sse-reopen': {
    title: '연습 문제: EventSource가 포기할 때',
    task: [
      '`<base>/api/channels/<channel>/sse?after=0` 주소의 EventSource로 `channel` 채널을 읽고, 메시지마다 데이터를 `JSON.parse`로 파싱해 전달한다. 그것이 이벤트다.',
      '채점기가 연결을 한 번 끊는다. 콘솔을 보면 EventSource가 스스로 재연결하고 `Last-Event-ID` 헤더로 재개한다. 할 일은 없다.',
      '그다음 다시 연결을 끊고, 재연결 요청에 서버가 `503` 상태 코드로 응답하게 만든다. 그 EventSource는 다시 시도하지 않는다. `readyState === EventSource.CLOSED` 상태로 `error` 이벤트를 일으키고 닫힌 채로 남는다. 잠시 뒤 마지막으로 전달한 seq부터 새 EventSource를 직접 연다: `?after=<seq>&epoch=<epoch>`(에포크는 `message.lastEventId`에서 `:` 앞부분이다).',
      '마지막으로 채점기가 채널의 이력을 새로 시작한다. 서버는 `event: reset` 메시지로 스트림에 알린다. `reset()`을 부른 다음, 새 이력의 이벤트를 평소처럼 전달한다. 스트림을 닫는 함수를 돌려준다.',
    ],
    hints: [
      '`onerror`에서 `source.readyState`를 본다. `CONNECTING`(0)은 브라우저가 다시 시도하는 중이라는 뜻이고, `CLOSED`(2)는 포기했다는 뜻이다.',
      '마지막으로 전달한 seq를 EventSource 바깥의 변수에 둔다. 그래야 새 EventSource가 거기서부터 시작할 수 있다.',
      '`source.addEventListener("reset", …)`: 이름 붙은 이벤트는 `onmessage`에 오지 않는다.',
    ],
  },
  'fetch-stream-resume': {
    title: '연습 문제: EventSource가 해 주던 일을 다시 만들기',
    task: [
      '`<base>/api/channels/<channel>/stream` 주소에 `{"after": 0}` 본문을 JSON으로 POST하고, 응답인 `text/event-stream` 스트림을 `response.body`에서 읽는다. 메시지마다 `data`의 JSON을 전달한다. 시작 코드가 여기까지 한다.',
      '채점기가 연결을 끊는다. fetch를 대신 재연결해 주는 것은 없다. 스트림이 끝나거나 실패하면 잠시 기다렸다가, 마지막으로 본 이벤트의 커서를 담아 다시 POST한다. 프레임마다 `id:` 값은 `<epoch>:<seq>` 형식이다: `{"after": <seq>, "epoch": "<epoch>"}` 본문을 보낸다.',
      '그다음 채점기가 채널의 이력을 새로 시작한다. 다음 스트림은 `event: reset` 프레임으로 시작한다. `reset()`을 부른 다음 새 이력을 전달한다. 모든 것을 멈추는 함수를 돌려준다.',
    ],
    hints: [
      '읽는 부분을 루프로 감싼다: `while (!stopped) { await readOnce(); wait; }`.',
      '`after`와 `epoch`는 루프 바깥에 두고, 프레임마다 `id:` 값으로 갱신한다. 갭이나 리셋 프레임에도 id가 있다.',
      '돌려주는 함수에서 fetch를 abort하고, 루프가 다시 시작하지 않도록 플래그를 세운다.',
    ],
  },
  'ws-reconnect': {
    title: '연습 문제: 재연결하고, 물러서고, 재개하기',
    task: [
      '`base`의 `http`를 `ws`로 바꿔 웹소켓을 연다: `ws://<host>/api/channels/<channel>/ws?after=0`. 서버는 JSON 텍스트 메시지를 보낸다: `hello`(`epoch`와 `head`), `event`(`seq`, `time`, `data`), `reset`(`epoch`), `gap`(`missed`). 이벤트는 `{ seq, time, data }` 형태로 전달한다.',
      '채점기는 장애 조치(failover) 뒤의 재전달처럼 이벤트 하나를 두 번 보낸다. 이미 받은 seq의 이벤트는 무시한다.',
      '그다음 연결을 끊고, 다음 재연결 세 번을 `503` 상태 코드로 거절한다. 지수 백오프와 지터로 재연결한다: 약 250ms, 500ms, 1초, 2초, 그 뒤로는 최대 4초에 매번 무작위 계수를 곱하고, 연결이 성공하면 처음부터 다시 센다. 마지막 `hello`나 `reset` 메시지의 에포크를 담아 `?after=<last seq>&epoch=<epoch>`로 재개한다.',
      '마지막으로 채널의 이력을 새로 시작하고, 가지고 있던 것보다 많은 이벤트를 발행한다. 커서가 사라진 이력의 것임을 서버가 알아보는 단서는 `epoch`뿐이다. `reset` 메시지를 받으면 `reset(epoch)`를 부르고 seq 0부터 다시 시작한다. 소켓을 닫는 함수를 돌려준다.',
    ],
    hints: [
      '마지막 `hello` 이후 실패한 시도를 센다. 대기 시간은 `250 * 2 ** attempt`밀리초에 상한을 두고 `0.5 + Math.random() / 2`를 곱한 값이다.',
      '마지막 `hello`(또는 `reset`) 메시지의 에포크를 두었다가 재연결할 때 `&epoch=`로 돌려보낸다.',
      '이벤트는 순서대로 도착한다. `seq` 값이 마지막으로 전달한 것보다 크지 않은 이벤트는 중복이다.',
      '닫기 함수에서 대기 중인 재연결 타이머를 지운다. 그러지 않으면 끝난 뒤에 소켓이 되살아난다.',
    ],
  },
  'chat-capstone': {
    title: '종합 과제: 메시지를 잃지도, 두 번 보내지도 않는 채팅 클라이언트',
    task: [
      '웹소켓으로 채팅 클라이언트의 보내는 쪽을 만든다. `onSend(handler)`로 핸들러를 등록하면, 채점기가 사용자가 보내는 메시지마다 `{ ref, text }`를 넘겨 부른다. 메시지를 소켓에 `{"type":"publish","data":{"ref":…,"text":…},"ref":…}` 형태로 발행하고, 같은 `ref` 값의 `ack` 메시지가 서버에서 올 때까지 대기 중으로 남겨 둔다.',
      '연결이 두 번 끊긴다. 한 번은 서버가 메시지를 덧붙인 직후, ack가 도착하기 전이고(메시지가 도착했는지 알 수 없다), 또 한 번은 사용자가 메시지를 보내는 중이다. 재연결한 뒤 대기 중인 메시지를 모두 같은 `ref` 값으로 다시 보낸다. 서버는 채널마다 각 `ref` 값을 5분 동안 기억하고 한 번만 덧붙인다. 다시 보낸 메시지에는 원래의 `seq` 값과 `"duplicate": true`를 담아 ack한다. 그 `ref`가 멱등 키다.',
      '받는 쪽은 시작 코드에서 이미 동작한다(마지막 seq부터 재개한다). 내 것과 남의 것 모두, 채널의 모든 이벤트를 한 번씩 전달한다. 모든 것을 닫는 함수를 돌려준다.',
    ],
    hints: [
      'ref에서 text로 가는 `Map`이 대기 목록이다. 보낼 때 넣고, ack를 받으면 지운다.',
      '`hello` 메시지가 오는 순간이 (재)연결이 준비된 때다. 대기 중인 메시지는 거기서 다시 보낸다.',
      '발행할 때 `ref`가 없으면 서버는 다시 보낸 메시지가 같은 메시지인지 알 수 없다. 메시지가 채널에 두 번 나타난다.',
    ],
    sends: {
      'hello everyone': '다들 안녕',
      'did my message arrive?': '내 메시지 잘 갔나?',
      'typed while offline': '오프라인에서 쓴 글',
    },
  },
};
