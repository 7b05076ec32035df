/**
 * What the teaser says, in Korean: the twin of ../en/widgetsTeaser.ts, of its type. Terms: ./terms.ts;
 * labels are noun phrases, sentences 해라체, no particle after a value put in at run time.
 */
import type { TeaserWidgetStrings } from '../en/widgetsTeaser.ts';

export const teaserWidgetStrings: TeaserWidgetStrings = {
  states: { idle: '중지됨', connecting: '연결 중…', live: '수신 중', error: '오류' },
  start: '시작',
  stop: '중지',
  names: {
    poll: '숏 폴링',
    'long-poll': '롱 폴링',
    sse: 'SSE',
    websocket: '웹소켓',
    'fetch-stream': 'fetch 스트리밍',
  },
  aria: (count: number, channel: string) => `${channel} 채널을 나란히 읽는 기법 ${count}개`,
  title: (count: number) => [`기법 ${count}개, 채널 하나`, ' · ', ` 채널을 ${count}가지 방법으로 동시에 읽는다`],
  interval: '폴링 간격',
  pausedHidden: '이 탭이 숨겨져 있는 동안 일시 중지했다. 숨은 탭도 이 사이트로 가는 브라우저의 연결을 계속 차지한다.',
  pausedClaimed: '일시 중지했다. 이 페이지의 다른 실험이 잠시 브라우저의 연결을 모두 쓴다.',
  stoppedNote: '중지했다. 시작을 누르면 모두 다시 열리고, 각자 마지막으로 보여 준 이벤트 다음부터 재개한다.',
  failed: (why: string) => `오류로 중지했다: ${why}`,
  allLive: (count: number) => `기법 ${count}개가 모두 같은 채널에서 수신 중이다.`,
  caption: '이 페이지를 연 뒤부터 잰 값(숏 폴링은 간격을 정한 뒤부터)',
  rows: {
    state: '상태',
    events: '이벤트',
    requests: 'HTTP 요청',
    empty: '빈 응답',
    meanLag: '평균 지연',
    worstLag: '최대 지연',
  },
  none: '없음',
  lag: (ms: number) => (ms < 1000 ? `${Math.round(ms)}ms` : `${(ms / 1000).toFixed(1)}초`),
  note: (interval: string) =>
    `지연: 가장 먼저 보여 준 기법보다 이 기법이 이벤트를 얼마나 늦게 보여 주었는지, 이 페이지에서 잰 값이다. 숏 폴링은 ${interval}마다 묻고, 나머지 기법은 이벤트가 생기자마자 통보받는다.`,
};
