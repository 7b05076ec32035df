// BASELINE (benchmark code, not the product): a bare `ws` server doing the same WebSocket fan-out as the
// project, with nothing else: a Set of sockets per channel and one serialized message sent to each. It
// upgrades on the endpoint of every technique whose wire is WebSocket frames.
// `npm run bench` prints every WebSocket figure of the project as a ratio to this server's.
import { createServer } from 'node:http';
import { WebSocketServer, type WebSocket } from 'ws';
import { BareChannels, answerJson, readPublish, route, serve } from './bare-common.ts';

const channels = new BareChannels();
const sockets = new Map<string, Set<WebSocket>>();
const wss = new WebSocketServer({ noServer: true, perMessageDeflate: false });

const server = createServer(async (req, res) => {
  const r = route(req);
  if (r?.publish) {
    const body = await readPublish(req, res);
    if (!body) return;
    const event = channels.append(r.channel, body.data);
    const message = `{"type":"event",${event.json.slice(1)}`;
    for (const ws of sockets.get(r.channel) ?? []) ws.send(message);
    return answerJson(res, 201, `{"seq":${event.seq}}`);
  }
  answerJson(res, 404, '{"error":"not found"}');
});

server.on('upgrade', (req, socket, head) => {
  const r = route(req);
  if (r?.technique?.wire !== 'websocket-frames')
    return socket.end('HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n');
  wss.handleUpgrade(req, socket, head, (ws) => {
    let members = sockets.get(r.channel);
    if (!members) sockets.set(r.channel, (members = new Set()));
    members.add(ws);
    ws.on('error', () => ws.terminate());
    ws.on('close', () => members.delete(ws));
  });
});

serve(server, 'bare-ws');
