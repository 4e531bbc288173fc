// Errors: a bad profile, connect refused (ABORT), write after end, a port
// in use, a bad stream, bad arguments, and destroy() seen by the peer.
'use strict'

const test = require('node:test')
const assert = require('node:assert')
const path = require('path')
const { profile, once, listen } = require('./helpers')
const sctp = require('..')

test('a profile that does not exist gives an ENOENT error event, and a good one works after', { timeout: 10000 }, async () => {
  sctp.configure({ profile: path.join(__dirname, 'no-such-profile.ini') })
  const s = sctp.connect({ host: '127.0.0.1', port: 4000 })
  const [err] = await once(s, 'error')
  assert.strictEqual(err.code, 'ENOENT')
  assert.match(err.message, /no-such-profile\.ini/)
  const [hadError] = await once(s, 'close')
  assert.strictEqual(hadError, true)
  const server = sctp.createServer()
  server.listen(4000)
  const [err2] = await once(server, 'error')
  assert.strictEqual(err2.code, 'ENOENT')
  // A profile that does not parse: EINVAL (the reason is on stderr).
  const fs = require('fs')
  const os = require('os')
  const bad = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'fsctp-node-')), 'bad.ini')
  fs.writeFileSync(bad, '[port0]\nno_such_key = 1\n')
  sctp.configure({ profile: bad })
  const t = sctp.connect({ host: '127.0.0.1', port: 4000 })
  const [err3] = await once(t, 'error')
  assert.strictEqual(err3.code, 'EINVAL')
  fs.rmSync(path.dirname(bad), { recursive: true })
  sctp.configure({ profile })
})

test('connect to a port nobody listens on: ECONNREFUSED (the peer ABORTs the INIT)', { timeout: 10000 }, async () => {
  const s = sctp.connect({ host: '127.0.0.1', port: 4001 })
  let connected = false
  s.on('connect', () => { connected = true })
  const [err] = await once(s, 'error')
  assert.strictEqual(err.code, 'ECONNREFUSED')
  assert.strictEqual(err.syscall, 'connect')
  const [hadError] = await once(s, 'close')
  assert.strictEqual(hadError, true)
  assert.strictEqual(connected, false)
})

test('write after end: ERR_STREAM_WRITE_AFTER_END to the callback and as an error event', { timeout: 10000 }, async () => {
  const server = await listen(sctp, 4002, () => {})
  const s = sctp.connect({ host: '127.0.0.1', port: 4002 })
  await once(s, 'connect')
  s.end()
  let cbErr = null
  assert.strictEqual(s.write(Buffer.from('late'), (e) => { cbErr = e }), false)
  const [err] = await once(s, 'error')
  assert.strictEqual(err.code, 'ERR_STREAM_WRITE_AFTER_END')
  assert.strictEqual(cbErr, err)
  await once(s, 'close')
  server.close()
  await once(server, 'close')
})

test('listen on a port a server already holds: EADDRINUSE; after close it is free again', { timeout: 10000 }, async () => {
  const a = await listen(sctp, 4003, () => {})
  const b = sctp.createServer()
  b.listen(4003)
  const [err] = await once(b, 'error')
  assert.strictEqual(err.code, 'EADDRINUSE')
  a.close()
  await once(a, 'close')
  const c = await listen(sctp, 4003, () => {})
  assert.strictEqual(c.address().port, 4003)
  c.close()
  await once(c, 'close')
})

test('a closed server refuses new associations', { timeout: 10000 }, async () => {
  const server = await listen(sctp, 4004, () => assert.fail('no connection after close'))
  server.close()
  await once(server, 'close')
  const s = sctp.connect({ host: '127.0.0.1', port: 4004 })
  const [err] = await once(s, 'error')
  assert.ok(['ECONNRESET', 'ECONNREFUSED'].includes(err.code), err.code)
})

test('a stream beyond the negotiated ones: EINVAL for that write, the socket stays usable', { timeout: 10000 }, async () => {
  const got = []
  const server = await listen(sctp, 4005, (s) => s.on('data', (b, info) => got.push([b.toString(), info.stream])))
  const s = sctp.connect({ host: '127.0.0.1', port: 4005 })
  await once(s, 'connect')
  let cbErr
  s.write(Buffer.from('bad'), { stream: 60000 }, (e) => { cbErr = e })
  const [err] = await once(s, 'error')
  assert.strictEqual(err.code, 'EINVAL')
  assert.strictEqual(cbErr, err)
  s.write(Buffer.from('good'), { stream: 1 })
  const deadline = Date.now() + 5000
  while (got.length < 1 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 5))
  assert.deepStrictEqual(got, [['good', 1]])
  s.end()
  await once(s, 'close')
  server.close()
  await once(server, 'close')
})

test('bad arguments throw at once', () => {
  assert.throws(() => sctp.connect({ host: '127.0.0.1', port: 0 }), RangeError)
  assert.throws(() => sctp.connect({ host: '127.0.0.1', port: 70000 }), RangeError)
  assert.throws(() => sctp.createServer().listen(0), RangeError)
  const s = new sctp.Socket()
  assert.throws(() => s.write(42), { code: 'ERR_INVALID_ARG_TYPE' })
  assert.throws(() => sctp.connect({ host: '127.0.0.1', port: 1, passive: true }), { code: 'ERR_FSCTP_NOT_SUPPORTED' })
})

test('an address that is not the profile\'s: EADDRNOTAVAIL; a host name: EINVAL', { timeout: 10000 }, async () => {
  const s = sctp.connect({ host: '127.0.0.1', port: 4006, localAddress: '192.0.2.7' })
  const [err] = await once(s, 'error')
  assert.strictEqual(err.code, 'EADDRNOTAVAIL')
  const t = sctp.connect({ host: 'example.invalid', port: 4006 })
  const [err2] = await once(t, 'error')
  assert.strictEqual(err2.code, 'EINVAL')
  const server = sctp.createServer()
  server.listen(4006, '192.0.2.7')
  const [err3] = await once(server, 'error')
  assert.strictEqual(err3.code, 'EADDRNOTAVAIL')
})

test('destroy() aborts: the peer gets ECONNRESET and close(hadError)', { timeout: 10000 }, async () => {
  let peer
  const server = await listen(sctp, 4007, (s) => { peer = s })
  const s = sctp.connect({ host: '127.0.0.1', port: 4007 })
  await once(s, 'connect')
  while (!peer) await new Promise((resolve) => setImmediate(resolve))
  const peerError = once(peer, 'error')
  const peerClose = new Promise((resolve) => peer.once('close', (...a) => resolve(a)))
  s.destroy()
  const [closeArg] = await once(s, 'close')
  assert.strictEqual(closeArg, false)
  const [err] = await peerError
  assert.strictEqual(err.code, 'ECONNRESET')
  const [hadError] = await peerClose
  assert.strictEqual(hadError, true)
  server.close()
  await once(server, 'close')
})

test('a listener that throws: the exception surfaces as in any Node program; the stack went on', { timeout: 20000 }, async () => {
  // In a child: an uncaught exception ends a Node process; the handler
  // sees it, and the stack still delivered the next message meanwhile.
  const { execFile } = require('child_process')
  const script = `
    const sctp = require(${JSON.stringify(path.join(__dirname, '..'))})
    sctp.configure({ profile: ${JSON.stringify(profile)} })
    let n = 0
    process.on('uncaughtException', (e) => {
      console.log('caught ' + e.message + ' exceptions=' + sctp.stats().listener_exceptions)
    })
    const server = sctp.createServer((s) => s.on('data', (b) => {
      n++
      if (n === 1) throw new Error('listener boom')
      console.log('second message ' + b.toString())
      process.exit(0)
    }))
    server.listen(4008, () => {
      const c = sctp.connect({ port: 4008 }, () => { c.write('a'); c.write('b') })
    })
    setTimeout(() => process.exit(3), 10000)
  `
  const out = await new Promise((resolve, reject) => {
    execFile(process.execPath, ['-e', script], { timeout: 15000 }, (err, stdout, stderr) =>
      err ? reject(new Error(`${err.message}\n${stdout}\n${stderr}`)) : resolve(stdout))
  })
  assert.match(out, /caught listener boom exceptions=1/)
  assert.match(out, /second message b/)
})
