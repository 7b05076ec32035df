const channel = `demo-${Date.now()}`; // a fresh channel: no history
const ws = new WebSocket(`ws://${location.host}/api/channels/${channel}/ws?after=0`);
ws.onmessage = (e) => {
  const m = JSON.parse(e.data);
  console.log(m.type, m.seq ?? '', m.ref ?? '');
  if (m.type === 'ack') ws.close();
};
ws.onopen = () => ws.send(JSON.stringify({ type: 'publish', data: 'hi', ref: 'r1' }));
