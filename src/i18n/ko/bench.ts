// What the benchmark results say, in Korean: the twin of ../en/bench.ts, of its type, so a string
// missing here is a type error. Terms: ./terms.ts; the technique names are ./techniques.ts's (웹소켓,
// 숏 폴링). 'bare baseline' is 맨 서버, as the Korean benchmarks page and scaling lesson say it.
// No particle follows a number or a value put in at run time: a counter or a noun does (구독자 10,000명에게).
import type { Machine } from '../../../bench/report/results.ts';
import type { TargetName } from '../../../bench/targets.ts';
import type { BenchStrings } from '../en/bench.ts';
import { techniqueStrings } from './techniques.ts';

const SERVERS: Record<TargetName, string> = { project: '프로젝트', 'bare-ws': '맨 ws', 'bare-http': '맨 http' };
const percentile: BenchStrings['percentile'] = (key) => (key === 'max' ? '최댓값' : key);

/**
 * machine.note, in Korean. The results files hold it as an English sentence (bench/report/machine.ts
 * writes it); what it says is read back from the machine's own fields and the counts in the note, so a
 * note of a form not known here still comes out as a Korean sentence, only shorter.
 */
export function machineNote(m: Machine): string {
  const count = (what: string) => new RegExp(`(\\d+) for ${what}`).exec(m.note)?.[1];
  const apart = [
    ['팬아웃', count('fan-out')],
    ['연결 교체', count('churn')],
    ['폴링', count('polling')],
  ].flatMap(([what, n]) => (n === undefined ? [] : [`${what}에는 ${n}개`]));
  const wrk = /^wrk for request rates/.test(m.note) ? '요청 속도는 wrk로 쟀다. ' : '';
  const cores = m.pinning
    ? `서버는 CPU ${m.pinning.server}번, 생성기는 모두 CPU ${m.pinning.generators}번에 고정했다.`
    : `서버와 생성기는 이 코어 ${m.cpus}개를 나눠 썼다.`;
  return `${wrk}유휴 연결은 Node 부하 생성 프로세스 ${m.generators}개가 붙잡아 두었고${apart.length ? `(${apart.join(', ')})` : ''}, 생성기와 발행자는 루프백으로 서버에 연결했다. ${cores}`;
}

export const benchStrings: BenchStrings = {
  techniqueName: (id) => techniqueStrings[id].inProse,
  all: '전체',
  staticSite: { name: '정적 사이트', inFigure: '정적 사이트' },
  percentile,
  figures: {
    idleHeld: '붙잡아 둔 유휴 연결',
    dropsWhileHeld: '붙잡아 둔 동안 예기치 않게 끊긴 연결',
    rssPerIdle: '유휴 연결당 RSS',
    heapPerIdle: '유휴 연결당 힙(GC 후)',
    fanoutLatency: (n, key) => `구독자 ${n}명에게 발행 한 번: ${percentile(key)}`,
    fanoutDeliveries: (n, ms) => `구독자 ${n}명: p99 ${ms} ms 이하로 전달한 초당 메시지 수`,
    fanoutCpu: (n) => `구독자 ${n}명: 전달당 서버 CPU`,
    clients: (n) => `클라이언트 ${n}개`,
    pollRate: (clients) => `초당 요청 수, ${clients}`,
    pollLatency: (key, clients) => `${percentile(key)}, ${clients}`,
    errors: '오류',
    pollConnections: '새로 연 TCP 연결(keep-alive)',
    wireBytes: (p) => `이벤트당 바이트, 페이로드 ${p} B`,
    wireArithmetic: '프레이밍 계산과 일치한 측정값',
    churnRate: '초당 새 연결 수',
    churnGeneratorCpu: '부하 생성기의 CPU, 코어 하나 대비',
    rateAnswers: (name, c, rounds) => `${name}: 초당 응답 수, wrk -c${c}, 번갈아 잰 ${rounds}회의 중앙값`,
    rateCpuPerAnswer: (name) => `${name}: 응답당 서버 CPU`,
    rateCpuShare: (name, who) => `${name}: ${who === 'server' ? '서버' : 'wrk'} CPU, 코어 하나 대비`,
    rateErrors: (name) => `${name}: 오류`,
    burstRss: (n) => `버스트 끝의 RSS(구독자 ${n}명에게 팬아웃, GC 전)`,
    burstRssBack: '버스트 뒤 클라이언트가 모두 떠나고 GC를 마친 RSS, 유휴 RSS 대비',
    burstHeapBack: '버스트 뒤 클라이언트가 모두 떠나고 GC를 마친 힙, 유휴 힙 대비',
  },
  targets: {
    held: (n) => `연결 ${n}개, 끊김 0회`,
    atMostTimesBaseline: (x) => `맨 서버의 ${x}× 이하`,
    atLeastTimesBaseline: (x) => `맨 서버의 ${x}× 이상`,
    belowMs: (ms) => `${ms} ms 미만`,
    poll: (ms) => `${ms} ms 미만, 오류 0건`,
    allMatch: (project, baseline) => `${project} + ${baseline}개 모두`,
    atMostPercentOfIdle: (pct) => `유휴 상태의 ${pct} % 이하`,
  },
  format: { na: '해당 없음', met: '충족', notMet: '미충족', notJudged: '판정 안 함' },
  charts: {
    server: (target) => SERVERS[target],
    line: (name, server) => `${name}(${server})`,
    msLogScale: '밀리초(로그 눈금)',
    capacity: {
      title: '붙잡아 둔 유휴 연결 수에 따른 서버 RSS(GC 후)',
      desc: '유휴 연결을 단계마다 늘려 붙잡아 두며 잰 서버 프로세스의 상주 메모리(기법별). 속이 빈 점을 이은 가는 선이 맨 서버다.',
      xLabel: '붙잡아 둔 유휴 연결',
      yLabel: 'RSS(MiB)',
    },
    fanoutLatency: {
      title: '구독자 N명에게 발행 한 번: 지연 시간',
      desc: '이벤트를 한 번에 하나씩 발행할 때 발행부터 전달까지의 p50과 p99(프로젝트와 맨 서버).',
      xLabel: '기법 × 구독자 수',
      barNames: ['프로젝트 p50', '프로젝트 p99', '맨 서버 p50', '맨 서버 p99'],
    },
    fanoutRamp: {
      title: (n) => `구독자 ${n}명 팬아웃: 전달 속도를 높일 때의 p99`,
      desc: (n) =>
        `구독자 ${n.toLocaleString('en')}명일 때 초당 전달한 메시지 수에 따른 p99 지연 시간. p99가 100 ms 선을 넘으면 속도를 더 높이지 않는다.`,
      xLabel: '초당 전달한 메시지 수',
      yLabel: 'p99(ms, 로그 눈금)',
      limit: '100 ms',
    },
    polling: {
      title: (clients) => `숏 폴링, 클라이언트 ${clients}개: 지연 시간`,
      desc: 'keep-alive 연결에서, 응답을 받자마자 다시 요청하는 숏 폴링의 요청 지연 시간.',
      xLabel: '백분위수',
      // Short enough for the legend's 160 units: the rate as the table's cells write it.
      barName: (server, perSec) => `${server}(${perSec}/s)`,
    },
    wire: {
      title: '전달된 이벤트당 전송 바이트',
      desc: '전달된 이벤트 하나에 드는 TCP 페이로드 바이트(양방향)와 페이로드 자체의 크기.',
      yLabel: '바이트',
      xLabel: '기법과 페이로드',
      barNames: ['프로젝트', '맨 서버', '페이로드만'],
    },
    churn: {
      title: '초당 새 연결 수',
      desc: '부하 생성기가 초당 열고 닫은 연결 수.',
      yLabel: '초당 연결 수',
      xLabel: '기법',
      barNames: ['프로젝트', '맨 서버'],
    },
  },
  page: {
    label: '벤치마크 결과',
    meta: ({ command, when, seconds, machine: m, hasRates }) => [
      `${when} UTC에 `,
      { code: command },
      ` 명령으로 ${seconds}초 동안 측정했다. 머신: 코어 ${m.cpus}개(${m.cpuModel}), 메모리 ${m.memoryGiB} GiB, Node ${m.node}, ${m.os}. ${machineNote(m)} `,
      m.loadAverage
        ? `실행 중 머신의 1분 부하 평균: 시작 ${m.loadAverage.start}, 끝 ${m.loadAverage.end}(머신의 다른 작업은 프로젝트와 맨 서버를 똑같이 느리게 한다). `
        : '',
      '비율 = 프로젝트 ÷ 맨 서버. 웹소켓은 맨 ',
      { code: 'ws' },
      ' 서버와, HTTP 기법은 맨 ',
      { code: 'node:http' },
      ' 서버와 견주었다. 1×보다 작으면 프로젝트가 더 나았다는 뜻이다. ',
      hasRates
        ? '요청 속도는 프로젝트와 맨 서버를 번갈아 가며 여러 회 쟀다. 행마다 서버의 CPU 옆에 wrk 자신이 쓴 CPU를 두었다. 한계가 서버가 아니라 코어 하나를 다 쓴 생성기였다면 거기서 드러난다. '
        : '',
    ],
    techniqueCell: (_id, name) => name,
    targets: {
      label: '목표',
      met: '충족',
      notMet: '미충족',
      line: ({ technique, figure, value, ratio, target }) =>
        `${technique}, ${figure}: ${value}${ratio === undefined ? '' : `(맨 서버의 ${ratio})`}, 목표 ${target}`,
    },
    sections: {
      'request rates': 'wrk로 잰 요청 속도와 서버·wrk의 CPU',
      capacity: '수용량: 유휴 연결과 메모리',
      'fan-out': '팬아웃: 구독자 N명에게 발행 한 번',
      'short polling': '부하를 받는 숏 폴링',
      wire: '전달된 이벤트당 전송 바이트',
      churn: '연결 교체',
    },
    columns: {
      technique: '기법',
      figure: '항목',
      project: '프로젝트',
      baseline: '맨 서버',
      ratio: '비율',
      target: '목표',
    },
    wire: {
      caption: '이벤트 하나의 바이트 구성(양방향, TCP 페이로드)',
      server: (target) => SERVERS[target],
      columns: {
        technique: '기법',
        server: '서버',
        payload: '페이로드',
        envelope: 'JSON 봉투',
        framing: '프레이밍',
        request: 'HTTP 요청',
        responseHead: '응답 헤더',
        predicted: '예측',
        measured: '측정',
      },
    },
    history: {
      caption: '커밋된 모든 실행의 목표(프로젝트 수치, 맨 서버 대비 비율)',
      load: (start, end) => `부하 ${start} → ${end}`,
      cell: (value, ratio, met) => `${value}${ratio === undefined ? '' : `(${ratio})`} ${met ? '충족' : '미충족'}`,
    },
    openFullSize: '크게 보기',
    close: '닫기',
  },
};
