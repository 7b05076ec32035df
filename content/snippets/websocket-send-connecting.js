const ws = new WebSocket(`ws://${location.host}/api/channels/demo/ws`);
console.log(ws.readyState); // 0: CONNECTING
try {
  ws.send('too early');
} catch (err) {
  console.log(err.name, '-', err.message);
}
ws.onopen = () => ws.close();
