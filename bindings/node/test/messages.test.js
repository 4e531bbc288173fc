// Many messages: PPIDs and streams preserved, order per stream, the
// end / finish / close events, and 'drain' after back-pressure.
'use strict'

const test = require('node:test')
const assert = require('node:assert')
const { profile, once, listen } = require('./helpers')
const sctp = require('..')

sctp.configure({ profile })

function msg (i, size) {
  const b = Buffer.alloc(size)
  b.writeUInt32BE(i, 0)
  for (let k = 4; k < size; k++) b[k] = (i + k) & 0xff
  return b
}

test('2000 messages on 4 streams keep their PPID, stream and order', { timeout: 20000 }, async () => {
  const N = 2000
  const got = []
  let serverSock = null
  const server = await listen(sctp, 3000, (s) => {
    serverSock = s
    s.on('data', (buf, info) => got.push({ i: buf.readUInt32BE(0), len: buf.length, ppid: buf.ppid, sid: info.stream, ok: buf.equals(msg(buf.readUInt32BE(0), buf.length)) }))
  })
  const client = sctp.connect({ host: '127.0.0.1', port: 3000, ppid: sctp.PPID.DIAMETER })
  await once(client, 'connect')
  for (let i = 0; i < N; i++) {
    const b = msg(i, 20 + (i % 200))
    const stream = i % 4
    if (i % 3 === 0) {
      client.write(b, { ppid: sctp.PPID.M3UA, stream })
    } else if (i % 3 === 1) {
      b.ppid = sctp.PPID.SUA // the Node module's per-buffer PPID
      client.write(b, { stream })
    } else {
      client.write(b, { stream }) // the socket's PPID
    }
  }
  const deadline = Date.now() + 15000
  while (got.length < N && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 10))
  assert.strictEqual(got.length, N)
  const last = [-1, -1, -1, -1]
  for (const m of got) {
    assert.ok(m.ok, `message ${m.i} intact`)
    assert.strictEqual(m.sid, m.i % 4, `message ${m.i} stream`)
    const want = [sctp.PPID.M3UA, sctp.PPID.SUA, sctp.PPID.DIAMETER][m.i % 3]
    assert.strictEqual(m.ppid, want, `message ${m.i} PPID`)
    assert.ok(m.i > last[m.sid], `stream ${m.sid} in order`)
    last[m.sid] = m.i
  }
  assert.strictEqual(client.bytesWritten, got.reduce((a, m) => a + m.len, 0))
  assert.strictEqual(serverSock.bytesRead, client.bytesWritten)

  // end(): 'finish' then 'end' and 'close' (no error) on both sides.
  const events = []
  for (const [who, s] of [['client', client], ['server', serverSock]]) {
    for (const ev of ['finish', 'end', 'close']) s.on(ev, (hadError) => events.push(`${who}:${ev}${ev === 'close' ? ':' + hadError : ''}`))
  }
  const serverClosed = once(serverSock, 'close')
  client.end()
  await once(client, 'close')
  await serverClosed
  assert.ok(events.includes('client:finish'))
  assert.ok(events.includes('client:end'))
  assert.ok(events.includes('client:close:false'))
  assert.ok(events.includes('server:end'))
  assert.ok(events.includes('server:close:false'))
  assert.ok(events.indexOf('client:end') < events.indexOf('client:close:false'))
  assert.strictEqual(client.destroyed, true)
  assert.strictEqual(sctp.stats().open_handles, 0)
  const closed = once(server, 'close')
  server.close()
  await closed
})

test('write() returns false under back-pressure and drain follows; nothing is lost', { timeout: 30000 }, async () => {
  let received = 0
  let bytes = 0
  const server = await listen(sctp, 3001, (s) => s.on('data', (b) => { received++; bytes += b.length }))
  const client = sctp.connect({ host: '127.0.0.1', port: 3001 })
  await once(client, 'connect')
  const big = Buffer.alloc(1000, 7)
  let sent = 0
  while (client.write(big)) sent++
  sent++ // the one that returned false is queued, not lost
  assert.ok(sent > 1, 'some writes fit before the send buffer filled')
  await once(client, 'drain')
  // Once more after drain: queued writes all leave.
  for (let i = 0; i < 100; i++) client.write(big)
  sent += 100
  const deadline = Date.now() + 20000
  while (received < sent && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 10))
  assert.strictEqual(received, sent)
  assert.strictEqual(bytes, sent * 1000)
  assert.ok(sctp.stats().send_eagain > 0, 'the stack refused with EAGAIN at least once')
  client.end()
  await once(client, 'close')
  server.close()
  await once(server, 'close')
})

test('writes before connect are queued and sent in order; end() waits for them', { timeout: 10000 }, async () => {
  const got = []
  let serverSock
  const server = await listen(sctp, 3002, (s) => {
    serverSock = s
    s.on('data', (b) => got.push(b.toString()))
  })
  const client = sctp.connect({ host: '127.0.0.1', port: 3002 })
  client.write('one')
  client.write('two', 'utf8')
  client.end('three')
  await once(client, 'close')
  assert.deepStrictEqual(got, ['one', 'two', 'three'])
  assert.ok(serverSock.destroyed)
  server.close()
  await once(server, 'close')
})

test('the write queue is bounded: ENOBUFS past maxQueuedBytes, counted', { timeout: 10000 }, async () => {
  const server = await listen(sctp, 3003, () => {})
  const client = sctp.connect({ host: '127.0.0.1', port: 3003 })
  client.maxQueuedBytes = 10000
  // Before 'connect' every write is queued: the 11th 1000-byte one is over.
  const before = sctp.stats().write_queue_full
  for (let i = 0; i < 10; i++) client.write(Buffer.alloc(1000))
  let cbErr
  assert.strictEqual(client.write(Buffer.alloc(1000), (e) => { cbErr = e }), false)
  const [err] = await once(client, 'error')
  assert.strictEqual(err.code, 'ENOBUFS')
  assert.strictEqual(cbErr, err)
  assert.strictEqual(sctp.stats().write_queue_full, before + 1)
  await once(client, 'connect')
  client.end()
  await once(client, 'close')
  server.close()
  await once(server, 'close')
})
