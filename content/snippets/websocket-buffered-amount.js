const ws = new WebSocket(`ws://${location.host}/api/channels/demo/ws`);
ws.onopen = () => {
  ws.send(JSON.stringify({ type: 'publish', data: 'x'.repeat(3000) }));
  console.log(ws.bufferedAmount); // queued, not yet on the network
  setTimeout(() => {
    console.log(ws.bufferedAmount); // sent by now
    ws.close();
  }, 500);
};
