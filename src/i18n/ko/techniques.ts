// What the widgets say about each technique, in Korean: the twin of ../en/techniques.ts, of the same
// type, so a technique or a string missing here is a type error. Terms: ./terms.ts.
import type { TechniqueId } from '../../../protocol/techniques.ts';
import type { TechniqueStrings } from '../en/techniques.ts';

export const techniqueStrings: Record<TechniqueId, TechniqueStrings> = {
  poll: {
    inProse: '숏 폴링',
    demoRecovery:
      '요청이 응답을 받지 못하고 끊겼고, 브라우저가 스스로 한 번 더 보낸 요청도 그렇게 끝났다(다시 쓰던 keep-alive 연결이 응답 전에 닫히면 브라우저는 GET을 조용히 한 번 더 보낸다). 클라이언트는 실패를 알아채고 같은 커서로 다시 요청한다. 잃는 이벤트는 없다.',
    demoErrorMeaning:
      '클라이언트 오류로 거절된 폴링 요청은 다시 보내도 또 거절되므로, 클라이언트는 서버를 계속 두드리는 대신 멈췄다.',
  },
  'long-poll': {
    inProse: '롱 폴링',
    demoRecovery:
      '붙잡혀 있던 요청이 응답을 받지 못하고 끊겼고, 브라우저가 스스로 한 번 더 보낸 요청도 그렇게 끝났다(다시 쓰던 keep-alive 연결이 응답 전에 닫히면 브라우저는 GET을 조용히 한 번 더 보낸다). 클라이언트는 잠깐 기다린 뒤 커서부터 다시 요청한다.',
    demoErrorMeaning: '클라이언트 오류로 거절된 롱 폴링 요청은 다시 보내도 또 거절되므로, 클라이언트는 멈췄다.',
  },
  sse: {
    inProse: 'SSE',
    demoRecovery:
      'EventSource는 재연결 대기 시간(서버가 retry: 줄로 정한 2초)이 지나면 스스로 재연결하고, 마지막으로 받은 id를 Last-Event-ID 헤더에 담아 보낸다.',
    demoErrorMeaning:
      'EventSource가 명세대로 동작한 것이다. 200이 아닌 상태 코드나 잘못된 Content-Type을 받으면 EventSource는 영영 포기하고, 다시 시도하려면 EventSource를 새로 만들어야 한다.',
  },
  websocket: {
    inProse: '웹소켓',
    demoRecovery:
      '소켓이 1006으로 닫혔다(종료 프레임 없음). 웹소켓은 스스로 재연결하지 않는다. 이 클라이언트는 잠시 기다린 뒤 URL에 ?after=<마지막 seq 값>을 붙여 재연결한다.',
    demoErrorMeaning:
      '브라우저의 웹소켓 API는 핸드셰이크가 왜 거절되었는지 알려 주지 않으므로(상태 코드가 우리 코드까지 오지 않는다), 클라이언트는 몇 번 시도한 뒤 멈췄다.',
  },
  'fetch-stream': {
    inProse: 'fetch 스트리밍',
    demoRecovery:
      '응답 본문이 작별 인사 없이 끝났다. fetch를 대신 재연결해 주는 것은 없다. 이 클라이언트는 재연결 대기 시간(지터 포함)만큼 기다린 뒤, 마지막으로 받은 이벤트의 id를 커서로 삼아 다시 POST한다.',
    demoErrorMeaning:
      '클라이언트 오류(400, 415)로 거절된 스트림은 다시 보내도 또 거절되므로 클라이언트는 멈췄다. 429와 503이면 Retry-After만큼 기다린 뒤 다시 시도한다.',
  },
};
