/**
 * The course's verdict on each prose claim of the source post (content/source-post.md, ids P1–W7):
 * the words of the post that make it (quoted in its Korean, exactly: each excerpt is a piece of one
 * paragraph, Markdown marks included), the lesson that gives the evidence (rendered there by
 * <PostClaim id="…">, whose body is the evidence), and one sentence for the list of every claim on
 * /source-post/. The claim's English wording is the file's own. tests/content/source-post.test.ts
 * holds every excerpt to the file and every id to a lesson that shows it.
 */
import type { Verdict } from '../src/widgets/race/verdicts.ts';

export interface ProseClaimVerdict {
  /** The lesson whose `<PostClaim id>` shows the evidence (its file name in content/lessons/). */
  readonly lesson: string;
  readonly verdict: Verdict;
  /** The post's words, in Korean: one or more excerpts, each found verbatim in one of its paragraphs. */
  readonly quote: readonly string[];
  /** Why, in one sentence: the gist of the evidence the lesson gives. */
  readonly because: string;
}

export const PROSE_VERDICTS: Readonly<Record<string, ProseClaimVerdict>> = {
  P1: {
    lesson: 'polling',
    verdict: 'confirmed',
    quote: ['**구현이 간단하고 HTTP 프로토콜을 사용**하므로 호환성이 좋다.'],
    because:
      'Plain GETs that every proxy and cache understands, and a short loop (the lesson counts its lines); the care goes into the cursor, the cache headers and the backoff.',
  },
  P2: {
    lesson: 'polling',
    verdict: 'nuanced',
    quote: [
      '따라서 특수한 상황이 아니면 대부분의 요청이 불필요한 경우가 될 수 있다. 또한 **클라이언트의 요청이 많아질수록 서버에 부하가 증가**할 수 있다.',
    ],
    because:
      'The load follows the interval times the clients, events or not; whether most polls are wasted depends on how often events come: above the polling rate none is empty.',
  },
  P3: {
    lesson: 'polling',
    verdict: 'confirmed',
    quote: [
      '그리고 데이터가 변경되어도 클라이언트가 새로운 데이터를 받기까지 시간이 걸리므로 **실시간성이 떨어진다.**',
    ],
    because:
      'An event waits for the next poll: half an interval on average, a whole one at worst, as the race measures.',
  },
  L1: {
    lesson: 'long-polling',
    verdict: 'confirmed',
    quote: [
      '`long polling`은 클라이언트가 서버에 요청을 보낸 후 서버가 새로운 데이터가 준비될 때까지 요청을 유지하는 방식이다.',
      '서버로부터 새로운 데이터를 즉시 받을 수 있으므로 polling 방법보다 실시간성이 높아진다.',
    ],
    because: 'A held request is answered the moment an event exists; the race measures its latency next to polling’s.',
  },
  L2: {
    lesson: 'long-polling',
    verdict: 'nuanced',
    quote: [
      '또한 polling 방법에 비해 서버의 요청을 줄일 수 있다. 클라이언트가 불필요한 요청을 보내지 않기 때문에 네트워크 트래픽을 줄일 수 있다.',
    ],
    because:
      'Fewer requests only while events are rarer than polls; when they are frequent it makes one request per answer, more than a poll that batches them.',
  },
  L3: {
    lesson: 'long-polling',
    verdict: 'nuanced',
    quote: [
      '그러나 서버와 클라이언트 간 연결을 지속적으로 유지해야 하기 때문에 연결이 끊어질 경우 재연결을 해야 하고, 이 과정에서 지연이 발생할 수 있다.',
    ],
    because:
      'Nothing is held continuously: each answer ends its request, and asking again is the normal loop; after a drop the delay is the backoff, and with a cursor nothing is lost.',
  },
  L4: {
    lesson: 'long-polling',
    verdict: 'confirmed',
    quote: [
      '또한 클라이언트의 요청이 유지되는 동안 서버는 해당 요청을 대기 상태로 유지해야 하므로 다수의 클라이언트가 연결된 경우 서버 자원이 소모될 수 있다.',
    ],
    because: 'Each waiting request holds a connection and memory; the benchmark measures how much.',
  },
  L5: {
    lesson: 'long-polling',
    verdict: 'nuanced',
    quote: ['또한 요청과 응답의 흐름을 관리해야 하므로 구현이 다소 복잡할 수 있다.'],
    because:
      'The browser side is the polling loop without its wait; what is harder is on the server: subscribe before reading, time out, wake the waiters.',
  },
  S1: {
    lesson: 'sse',
    verdict: 'confirmed',
    quote: [
      '`SSE(Server-Sent Events)`는 클라이언트가 서버에 요청을 보내면 **서버가 지속적인 연결을 유지**하여 실시간으로 클라이언트에게 데이터를 전송하는 방법이다. SSE는 **서버에서 클라이언트로 향하는 단방향 연결**이다. 즉, **일반적으로 클라이언트는 서버로 데이터를 전송할 수 없다.**',
    ],
    because: 'EventSource has no method to send: one GET goes up, and the response comes down for as long as it lives.',
  },
  S2: {
    lesson: 'sse',
    verdict: 'nuanced',
    quote: ['**HTTP 프로토콜**을 기반으로 하므로 호환성이 좋고, 구현이 간단하다.', '또한 구현이 간단하다.'],
    because:
      'Simple on the browser side, where EventSource parses and reconnects by itself (the lesson counts the lines). Compatible with a caveat: a proxy that buffers or compresses responses holds a stream back, and over HTTP/1.1 each stream takes one of six connections per host.',
  },
  S3: {
    lesson: 'sse',
    verdict: 'confirmed',
    quote: ['SSE는 연결이 끊어지면 클라이언트가 **자동으로 재연결**하는 기능이 존재한다.'],
    because:
      'EventSource reconnects after a drop and sends Last-Event-ID, as the demo shows; it does not after a non-200 status or a wrong Content-Type.',
  },
  S4: {
    lesson: 'sse',
    verdict: 'confirmed',
    quote: ['그러나 클라이언트가 서버에게 데이터를 보내고자 한다면 별도의 HTTP 요청을 보내야 한다.'],
    because: 'The page sends with an ordinary fetch beside the stream, as the two-way demo does.',
  },
  S5: {
    lesson: 'sse',
    verdict: 'nuanced',
    quote: ['SSE는 대부분의 최신 브라우저에서 지원되지만 구형 브라우저에서는 호환성 문제가 발생할 수 있다.'],
    because:
      'Every current engine has it, and has for years (Baseline since 2020); the old browsers without it are Internet Explorer and the Edge before Chromium.',
  },
  W1: {
    lesson: 'websocket',
    verdict: 'confirmed',
    quote: [
      '`websocket`은 클라이언트와 서버 간 지속적인 연결을 통한 양방향 데이터 전송을 가능하게 하는 방법이다. 실시간 데이터 전송이 가능하고 매번 HTTP 요청을 보내는 오버헤드를 줄일 수 있다.',
    ],
    because: 'After the handshake a message costs a frame header of 2 to 14 bytes, both ways, on one connection.',
  },
  W2: {
    lesson: 'websocket',
    verdict: 'corrected',
    quote: [
      '좀 더 구체적으로 설명하면, 처음 3-way handshake를 통해 연결되면, 별도의 요청 없이 데이터를 주고받을 수 있다.',
    ],
    because:
      'The 3-way handshake is TCP’s; a WebSocket then needs one HTTP request of its own, a GET answered by 101 (and a TLS handshake before it on wss://).',
  },
  W3: {
    lesson: 'websocket',
    verdict: 'nuanced',
    quote: [
      '**웹소켓과 HTTP는 서로 다른 프로토콜**이다. HTTP는 요청 및 응답을 통해 데이터를 전송하며, **웹소켓은 한 번의 handshake 이후 지속적인 연결을 유지한다.**',
    ],
    because:
      'A different protocol after the handshake, but the handshake is HTTP, HTTP/1.1 connections persist too, and over HTTP/2 a WebSocket lives inside an HTTP stream (RFC 8441).',
  },
  W4: {
    lesson: 'websocket',
    verdict: 'confirmed',
    quote: [
      '그러나 구현이 다소 복잡하며 지속적인 연결을 유지하기 때문에 많은 클라이언트가 동시에 연결된 경우 서버의 자원 소모가 증가할 수 있다.',
    ],
    because:
      'Reconnection, resume, pings and the Origin check are yours to write (the lesson counts the lines), and each open socket holds memory on the server, as every held connection does.',
  },
  W5: {
    lesson: 'websocket',
    verdict: 'corrected',
    quote: [
      '만약 서버 측에서 보낼 데이터가 없는 경우, 클라이언트는 이를 알 수 없고, 지속적인 요청을 보내 확인해야 하는 불편함이 있다.',
    ],
    because:
      'A client with nothing to receive just waits; nothing needs asking. Whether the connection is alive is what ping and pong are for, and the browser answers pings by itself.',
  },
  W6: {
    lesson: 'websocket',
    verdict: 'confirmed',
    quote: [
      '또한 보안 측면에서 고려해야 하는 점이 존재하는데, **데이터가 암호화되지 않은 상태로 전송될 수 있기 때문**에 SSL 또는 TLS와 같은 보안 프로토콜을 적용해야 한다.',
    ],
    because: 'ws:// is plain text, as http:// is; wss:// is WebSocket over TLS, and masking is not encryption.',
  },
  W7: {
    lesson: 'websocket',
    verdict: 'confirmed',
    quote: [
      '대부분의 웹 서버는 웹소켓을 지원하지만 추가적인 설정이 필요할 수 있다. 또한 클라이언트 측에도 웹소켓 API를 통해 연결을 설정하고 데이터를 전송하는 코드를 작성해야 한다.',
    ],
    because:
      'A reverse proxy must pass Upgrade and Connection, which are hop-by-hop (nginx does not unless told), and allow idle sockets to live; the browser side is code of your own.',
  },
};
