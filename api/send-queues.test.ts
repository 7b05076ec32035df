import assert from 'node:assert/strict';
import { once } from 'node:events';
import net from 'node:net';
import { describe, it } from 'node:test';
import { addressKey, kernelSendQueues, peerKey } from './send-queues.ts';

describe('addressKey: every address as 16 bytes of hex', () => {
  it('IPv4 and IPv4-mapped IPv6 are the same key', () => {
    assert.equal(addressKey('127.0.0.1'), '00000000000000000000ffff7f000001');
    assert.equal(addressKey('::ffff:127.0.0.1'), addressKey('127.0.0.1'));
  });
  it('IPv6, compressed or not, with a zone or not', () => {
    assert.equal(addressKey('::1'), `${'0'.repeat(31)}1`);
    assert.equal(addressKey('fe80::1%lo'), `fe80${'0'.repeat(27)}1`);
    assert.equal(addressKey('2001:db8:0:0:0:0:0:2'), addressKey('2001:db8::2'));
    assert.equal(addressKey('not an address'), undefined);
  });
});

describe('kernelSendQueues: what the kernel still holds for each client', {
  skip: process.platform !== 'linux',
}, () => {
  for (const host of ['127.0.0.1', '::1']) {
    it(`finds the unread bytes of a client that does not read (${host})`, async () => {
      const server = net.createServer();
      server.listen(0, host);
      await once(server, 'listening');
      const { port } = server.address() as net.AddressInfo;
      const accepted = once(server, 'connection');
      const client = net.connect({ port, host });
      await once(client, 'connect');
      client.pause(); // reads nothing
      const [sock] = (await accepted) as [net.Socket];
      sock.write(Buffer.alloc(4 * 1024 * 1024)); // more than the client's receive buffer takes
      await new Promise((r) => setTimeout(r, 200));
      const queues = await kernelSendQueues(port);
      const waiting = queues?.get(peerKey(sock.remoteAddress!, sock.remotePort!)!);
      assert.ok(waiting !== undefined && waiting > 0, `the kernel holds bytes for the client: ${waiting}`);
      client.destroy();
      sock.destroy();
      server.close();
    });
  }
});
