/**
 * The source post's table in its own Korean, exactly as content/source-post.md has it ("매커니즘" is
 * the post's spelling). The English translation is ../en/source-post.ts; tests/content/source-post.test.ts
 * compares both with the file.
 */
import type { PostTableWords } from '../source-post.ts';

export const SOURCE_POST_KO = {
  rows: {
    direction: {
      label: '통신 방향',
      cells: {
        poll: '서버 → 클라이언트',
        'long-poll': '서버 → 클라이언트',
        sse: '서버 → 클라이언트',
        websocket: '서버 ↔ 클라이언트',
      },
    },
    protocol: { label: '프로토콜', cells: { poll: 'HTTP', 'long-poll': 'HTTP', sse: 'HTTP', websocket: 'TCP' } },
    difficulty: { label: '구현 난이도', cells: { poll: '★', 'long-poll': '★', sse: '★★', websocket: '★★★' } },
    connections: {
      label: '연결의 수',
      cells: {
        poll: '여러 개 ⇒ 주기적으로 요청',
        'long-poll': '여러 개 ⇒ 연결 당 요청 1개',
        sse: '클라이언트 당 1개',
        websocket: '클라이언트 당 1개',
      },
    },
    scalability: { label: '확장성', cells: { poll: '낮음', 'long-poll': '낮음', sse: '높음', websocket: '가장 높음' } },
    'browser-support': {
      label: '브라우저 지원',
      cells: {
        poll: '모든 브라우저',
        'long-poll': '모든 브라우저',
        sse: '대부분의 최신 브라우저',
        websocket: '대부분의 최신 브라우저',
      },
    },
    'error-handling': {
      label: '오류 처리',
      cells: {
        poll: '수동 구현',
        'long-poll': '수동 구현',
        sse: '자동으로 재연결, but 일부 수동 처리',
        websocket: '내장 매커니즘 존재',
      },
    },
  },
} as const satisfies PostTableWords;
