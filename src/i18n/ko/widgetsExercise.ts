/**
 * What the exercises say beyond the exercise strings, in Korean: the twin of ../en/widgetsExercise.ts,
 * of its type. Terms: ./terms.ts; sentences 해라체, no particle after a value put in at run time.
 */
import type { ExerciseWidgetStrings } from '../en/widgetsExercise.ts';

export const exerciseWidgetStrings: ExerciseWidgetStrings = {
  allTechniques: '모든 기법',
  longNames: {
    poll: '숏 폴링',
    'long-poll': '롱 폴링',
    sse: 'SSE',
    websocket: '웹소켓',
    'fetch-stream': 'fetch 스트리밍',
  },
  unreachable: '서버에 연결하지 못했다',
  answered: (status: number) => `상태 코드 ${status} 응답을 받았다`,
  took: (seconds: string) => ` (${seconds}초)`,
  harness: {
    notPlainData: 'deliver()와 log()에는 JSON 값 같은 평범한 데이터만 넘길 수 있다: ',
    noOnSend: '보낼 메시지가 도착했지만, 코드가 onSend(handler)를 등록하지 않았다.',
  },
};
