/**
 * What the exercises say to the learner, in Korean: the twin of ../en/exercises.ts, of its type
 * (`ExerciseStrings`), so a string missing here is a type error. Terms: ./terms.ts.
 *
 * Korean picks its particle by the sound of the word before it (을/를, 이/가, 으로/로), so no particle
 * follows a number or a value put in at run time: a counter or a noun does (이벤트 3개를, seq 7 이벤트가).
 */
import { type ExerciseStrings, seqList as seqRuns } from '../en/exercises.ts';

/** "3, 4, 7–9": seqs as runs, at most `max` runs shown, the rest counted. */
export function seqList(seqs: readonly number[], max = 8): string {
  const runs = seqRuns(seqs, Number.POSITIVE_INFINITY).split(', ');
  return runs.length > max ? `${runs.slice(0, max).join(', ')} 외 ${runs.length - max}개 구간` : runs.join(', ');
}

const waits = (gaps: readonly number[]) => gaps.map((g) => `${g}ms`).join(', ');
const quoted = (texts: readonly string[]) => texts.map((t) => `“${t}”`).join(', ');
const keptNote = '내 코드는 남아 있으니 ‘내 코드 복원’으로 되돌릴 수 있다.';

export const exerciseStrings: ExerciseStrings = {
  label: '연습 문제',
  capstone: '종합 과제',
  editorLabel: (title: string) => `내 코드: ${title}`,
  editorLoading: '편집기를 불러오는 중…',
  editorFailed:
    '편집기를 불러오지 못했다. 페이지를 새로 고쳐 다시 시도할 수 있다. 작성한 코드는 이 브라우저에 남아 있다.',
  editorKeys: 'Tab은 들여쓰기다. 편집기에서 나가려면 Esc를 누른 다음 Tab을 누른다.',
  solutionLabel: '모범 답안(읽기 전용)',
  run: '실행하고 채점하기',
  stop: '중지',
  reset: '시작 코드로 되돌리기',
  restore: '내 코드 복원',
  showSolution: '내 코드 옆에 모범 답안 보기',
  hideSolution: '모범 답안 숨기기',
  copySolution: '모범 답안을 내 편집기로 복사',
  hint: (shown: number, total: number) =>
    shown === 0
      ? `힌트 보기(모두 ${total}개)`
      : shown < total
        ? `다음 힌트 보기(${total}개 중 ${shown + 1}번째)`
        : '힌트 모두 표시됨',
  hintTitle: (n: number) => `힌트 ${n}`,
  savedNote: '코드는 입력하는 대로 이 브라우저에 저장된다. 시작 코드로 되돌리거나 모범 답안을 봐도 지워지지 않는다.',
  resetDone: `편집기에 시작 코드를 다시 넣었다. ${keptNote}`,
  restored: '편집기에 내 코드를 되돌려 놓았다.',
  copiedSolution: `이제 편집기에 모범 답안이 들어 있다. ${keptNote}`,
  consoleLabel: '콘솔(코드가 출력한 내용과 오류)',
  consoleEmpty: '아직 출력된 내용이 없다. 코드에서 log(…)를 부르면 여기에 나온다.',
  checksTitle: '채점기가 확인하는 것',
  goToLine: (line: number) => `${line}행으로 이동`,
  met: '충족: ',
  notMet: '미충족: ',
  resultTitle: '결과',
  states: {
    idle: '아직 실행하지 않음',
    running: '실행 중…',
    passed: '통과: 모든 요구 사항 충족',
    failed: '실패: ✗ 표시된 줄 참고',
  },
  passedBefore: '이전에 이 연습 문제를 통과했다.',
  progress: (step: number, total: number, what: string) => `${total}단계 중 ${step}단계: ${what}`,
  steps: {
    start: '샌드박스에서 코드를 시작하는 중',
    'wait-request': '첫 요청을 기다리는 중',
    publish: (count: number, cut: boolean) =>
      cut ? `연결을 끊은 뒤 이벤트 ${count}개를 발행하는 중` : `이벤트 ${count}개를 발행하는 중`,
    delivered: '발행한 이벤트를 코드가 전달하기를 기다리는 중',
    wait: (ms: number) => `${(ms / 1000).toFixed(1)}초 기다리는 중`,
    mark: '시각을 기록하는 중',
    refuse: (status: number, retryAfter: number, cut: boolean) =>
      `${cut ? '연결을 끊은 뒤 ' : ''}서버가 상태 코드 ${status}, Retry-After: ${retryAfter} 헤더로 응답하는 중`,
    restart: '채널의 이력을 새로 시작하는 중(클라이언트가 reset을 받아야 한다)',
    cut: '연결을 끊는 중',
    repeat: '웹소켓으로 마지막 이벤트를 한 번 더 보내는 중',
    'drop-ack': '다음 발행의 ack 메시지를 잃게 하는 중(서버가 발행을 읽자마자 연결을 끊는다)',
    send: (text: string) => `사용자가 “${text}” 메시지를 보내는 중`,
    closing: '닫기 함수를 불러, 열어 둔 것이 남지 않았는지 확인하는 중',
    judging: '판정하는 중',
  },
  console: {
    started: (channel: string) => `코드가 채널 ${channel}에서 실행 중이다.`,
    exception: (message: string, line: number | null) =>
      line === null ? `잡히지 않은 오류: ${message}` : `${line}행에서 잡히지 않은 오류: ${message}`,
    syntax: (line: number, column: number, near: string) =>
      `${line}행 ${column}열에 구문 오류${near ? `(“${near}” 근처)` : ''}. 아무것도 실행하지 않았다.`,
    moduleFailed:
      '브라우저가 코드를 모듈로 불러오지 못했다(검사기가 놓친 구문 오류일 수 있다). 아무것도 실행하지 않았다.',
    noConnect: '코드에 `export default function connect(…)`가 없다. 채점기가 부를 함수가 없다.',
    noClose:
      'connect()가 함수를 돌려주지 않아서, 채점기가 코드에 연 것을 닫아 달라고 할 수 없었다(대신 강제로 멈췄다).',
    hung: (seconds: number) =>
      `코드가 ${seconds}초 동안 쉬지 않고 샌드박스를 붙잡고 있었다(무한 루프일까?). 실행을 멈췄고, 페이지는 영향을 받지 않았다.`,
    timeLimit: (seconds: number) => `실행이 제한 시간 ${seconds}초를 넘겨 멈췄다.`,
    stopped: '중지했다. 채점한 것은 없다.',
    serverError: (message: string) => `채점기가 서버와 통신하지 못했다: ${message}`,
  },
  verdicts: {
    notJudged: '판정하지 않음: 실행이 거기까지 가지 못했다',
    'exactly-once': {
      label: '모든 이벤트를 순서대로, 정확히 한 번씩 전달',
      pass: (n: number) => `이벤트 ${n}개를 순서대로 한 번씩 전달했다.`,
      lost: (seqs: readonly number[]) => `잃어버린 이벤트(끝내 전달되지 않음): seq ${seqList(seqs)}.`,
      duplicated: (seqs: readonly number[]) => `두 번 이상 전달된 이벤트: seq ${seqList(seqs)}.`,
      unordered: (seq: number, after: number) =>
        `순서가 어긋났다: seq ${seq} 이벤트가 seq ${after} 이벤트 뒤에 전달되었다.`,
      unexpected: (seqs: readonly number[]) => `발행된 적 없는데 전달된 이벤트: seq ${seqList(seqs)}.`,
      altered: (seq: number) =>
        `seq ${seq} 이벤트가 서버가 보낸 모습 그대로 전달되지 않았다. 이벤트 객체 { seq, time, data } 자체를 전달해야 한다.`,
      afterRestart: (n: number) => `이력의 ${n}번째 재시작 이후:`,
      wireAround: '그 무렵 실제로 오간 데이터(랩의 캡처):',
    },
    backlog: {
      label: (count: number, ms: number) => `기다리던 이벤트 ${count}개를 페이지 단위로 ${ms}ms 안에 전달`,
      pass: (count: number, ms: number) => `기다리던 이벤트 ${count}개를 모두 ${ms}ms 만에 전달했다.`,
      slow: (count: number, ms: number) =>
        `기다리던 이벤트 ${count}개에 ${ms}ms나 걸렸다. 페이지가 꽉 차서 왔다면 간격을 기다리지 말고 곧바로 다시 요청해야 한다.`,
      missing: (delivered: number, count: number) => `기다리던 이벤트 ${count}개 가운데 ${delivered}개만 전달되었다.`,
    },
    'retry-after': {
      label: '거절될 때마다 Retry-After를 지킴',
      pass: (n: number) => `거절 ${n}번, 그때마다 다음 요청이 Retry-After 이상 기다렸다.`,
      early: (status: number, asked: number, waited: number) =>
        `상태 코드 ${status}, Retry-After: ${asked} 응답 뒤 다음 요청이 ${(waited / 1000).toFixed(2)}초 만에 왔다.`,
      none: '거절된 요청이 없어서 지킬 것도 없었다. 코드가 계속 요청했는가?',
    },
    'outage-rate': {
      label: (max: number) => `장애 동안 초당 요청 ${max}개 이하`,
      pass: (peak: number) => `장애 동안 어느 1초에도 요청이 ${peak}개를 넘지 않았다.`,
      fail: (peak: number, max: number) => `장애 동안 1초 사이에 요청 ${peak}개(최대 ${max}개).`,
    },
    backoff: {
      label: (max: number) => `서버가 거절하는 동안 지수 백오프(초당 최대 ${max}번 시도)`,
      pass: (gaps: readonly number[]) => `시도 사이의 대기: ${waits(gaps)}.`,
      fast: (peak: number, max: number) => `거절당하는 동안 1초 사이에 ${peak}번 시도(최대 ${max}번).`,
      flat: (gaps: readonly number[]) =>
        `시도 사이의 대기가 늘지 않았다: ${waits(gaps)}. 실패할 때마다 대기 시간을 두 배로 늘려야 한다.`,
      few: '서버가 거절하는 동안 시도가 두 번도 안 됐다. 실패하면 재연결해야 한다.',
      immediate: (gaps: readonly number[]) =>
        `거절 직후 곧바로 다시 시도했다(대기: ${waits(gaps)}). 재연결 전에는 매번 기다리고, 기다리는 시간을 점점 늘려야 한다.`,
    },
    'asks-again': {
      label: '빈 응답(타임아웃)을 받을 때마다 다시 요청',
      pass: (n: number, s: number) => `조용한 ${s.toFixed(1)}초 동안 요청 ${n}번.`,
      fail: (n: number, min: number, s: number) =>
        `조용한 ${s.toFixed(1)}초 동안 요청 ${n}번(최소 ${min}번이어야 한다). 빈 응답 뒤에는 반드시 새 요청이 이어져야 한다.`,
    },
    reopens: {
      label: '서버가 재연결을 거절한 뒤 새 스트림을 엶',
      pass: (ms: number) => `거절하고 ${(ms / 1000).toFixed(1)}초 뒤에 새 요청이 왔다.`,
      fail: '거절 뒤에 요청이 없었다. EventSource는 영영 닫혔고, 아무도 새로 열지 않았다.',
      none: '거절된 요청이 없었다. 스트림이 한 번도 재연결하지 않았다.',
    },
    reset: {
      label: '리셋 처리: reset()을 부른 뒤 새 이력을 전달',
      pass: (n: number) => `reset()을 ${n}번, 재시작마다 한 번씩 불렀다.`,
      missing: (called: number, expected: number) =>
        `이력이 ${expected}번 재시작되는 동안 reset()은 ${called}번 불렸다.`,
    },
    'each-message-once': {
      label: '모든 메시지를 정확히 한 번씩 발행(ref를 멱등 키로)',
      pass: (n: number) => `메시지 ${n}개를 보냈고, 모두 채널에 한 번씩만 들어갔다.`,
      missing: (texts: readonly string[]) => `발행되지 않은 메시지: ${quoted(texts)}.`,
      twice: (texts: readonly string[]) => `채널에 두 번 이상 들어간 메시지: ${quoted(texts)}.`,
    },
    cleanup: {
      label: '정리: 닫은 뒤에는 열린 것도, 요청도 없음',
      pass: '닫기 함수가 실행된 뒤 열린 것도 새 요청도 없었다.',
      open: (n: number) => `닫기 함수가 실행된 뒤에도 연결 ${n}개가 열려 있었다.`,
      asked: (n: number) => `닫기 함수가 실행된 뒤 요청이 ${n}번 있었다. 타이머나 재시도가 남아 있었다.`,
      noClose: 'connect()가 닫기 함수를 돌려주지 않았다.',
    },
  },
  homeSummary: (done: number, total: number) => `연습 문제 ${total}개 중 ${done}개 해결`,
  homeSolved: '해결한 연습 문제',
};
