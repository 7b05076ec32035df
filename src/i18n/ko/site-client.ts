/** 페이지 스크립트(src/scripts/)가 실행 중에 쓰는 문구의 한국어판. 타입은 ../en/site-client.ts가 정한다. */
import type { SiteClientStrings } from '../en/site-client.ts';

export const siteClientStrings: SiteClientStrings = {
  search: {
    idle: '검색어를 입력한다.',
    unavailable: '여기서는 검색을 쓸 수 없다. 검색 색인은 사이트와 함께 만들어진다(npm run build 후 npm start).',
    none: (q: string) => `“${q}” 검색 결과 없음.`,
    found: (n: number, q: string, shown: number) =>
      `“${q}” 검색 결과: 페이지 ${n}개${n > shown ? `, 처음 ${shown}개 표시` : ''}.`,
    forWords: (words: string) => `강좌에서 “${words}” 검색`,
  },
  progress: {
    status: { new: '시작 전', started: '읽는 중', read: '읽음', complete: '완료' },
    statusAfter: (status: string) => ` (${status})`,
    summary: (read: number, lessons: number, passed: number, quizzes: number, exercises: string) =>
      `강의 ${lessons}개 중 ${read}개 읽음, 퀴즈 ${quizzes}개 중 ${passed}개 통과, ${exercises}. 학습 진도는 이 브라우저에만 저장된다.`,
    none: '학습 진도(읽은 강의, 통과한 퀴즈)는 이 브라우저에만 저장된다. 계정은 필요 없다.',
    continue: (title: string) => `이어서 보기: ${title}`,
    exercises: (done: number, total: number) => `연습 문제 ${total}개 중 ${done}개 해결`,
    resetConfirm: '이 브라우저에 저장된 읽은 강의와 퀴즈 답을 모두 지울까?',
  },
  quiz: {
    rightChosen: '정답, 고른 답.',
    right: '정답.',
    wrongChosen: '오답, 고른 답.',
    wrong: '오답.',
    correct: '정답이다. 선택지마다 아래에 설명이 있다.',
    notQuite: '아쉽게도 틀렸다. 선택지 아래 설명을 읽고 답을 바꿔 다시 확인한다.',
    revealed: '실제로는 이렇게 된다. 선택지마다 아래에 설명이 있다.',
    locked: '예측을 확정했다. 이제 데모에서 확인한다.',
    passed: (right: number, n: number) => `퀴즈 통과: ${n}문제 중 ${right}문제. 학습 진도에 반영된다.`,
    done: (right: number, n: number) => `${n}문제 중 ${right}문제 완료. 모두 맞혀야 통과한다.`,
    chooseOne: '먼저 답을 고른다.',
    chooseSome: '먼저 답을 하나 이상 고른다.',
  },
  code: {
    copy: '복사',
    copyLabel: '이 코드 복사',
    copied: '복사함',
    failed: '복사 실패',
    failedLong: '복사하지 못했다. 코드를 선택해 직접 복사한다.',
  },
};
