const ws = new WebSocket(`ws://${location.host}/api/channels/demo/ws`, ['demo.v2', 'demo.v1']);
console.log(ws.binaryType); // what a binary message will arrive as
ws.onopen = () => {
  console.log(ws.protocol, '|', ws.extensions || '(no extension)');
  ws.close();
};
