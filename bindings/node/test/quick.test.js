// The README quick example of the Node.js sctp module: M3UA ASP Up from a
// client answered with ASP Up Ack by a server, both in one process.
'use strict'

const test = require('node:test')
const assert = require('node:assert')
const path = require('path')
const { execFile } = require('child_process')
const { profile, once, listen } = require('./helpers')
const sctp = require('..')

sctp.configure({ profile })

// RFC 4666 3.5.1 / 3.5.2: ASP Up and ASP Up Ack with an ASP Identifier.
const ASP_UP = Buffer.from('010003010000001000110008000003ea', 'hex')
const ASP_UP_ACK = Buffer.from('010003040000001000110008000003ea', 'hex')

test('the module README example runs unchanged but for the require', { timeout: 30000 }, async () => {
  const example = path.join(__dirname, '..', 'examples', 'readme.js')
  const out = await new Promise((resolve, reject) => {
    execFile(process.execPath, [example], { timeout: 20000, env: Object.assign({}, process.env, { FSCTP_PROFILE: profile }) },
      (err, stdout, stderr) => err ? reject(new Error(`${err.message}\n${stderr}`)) : resolve(stdout))
  })
  assert.match(out, /server listening/)
  assert.match(out, /socket connected/)
  assert.match(out, /server socket received data <Buffer 01 00 03 01 00 00 00 10 00 11 00 08 00 00 03 ea/)
  assert.match(out, /socket received data from server <Buffer 01 00 03 04 00 00 00 10 00 11 00 08 00 00 03 ea/)
})

test('ASP Up with PPID M3UA is answered by ASP Up Ack on the same PPID and stream', { timeout: 10000 }, async () => {
  let serverSaw = null
  const server = await listen(sctp, 2905, (socket) => {
    socket.on('data', (data, info) => {
      serverSaw = { data: Buffer.from(data), ppid: data.ppid, info }
      if (data.equals(ASP_UP) && data.ppid === sctp.PPID.M3UA) socket.write(ASP_UP_ACK)
    })
  })
  const socket = sctp.connect({ host: '127.0.0.1', port: 2905, ppid: sctp.PPID.M3UA, stream: 1 }, () => {
    socket.write(ASP_UP)
  })
  const [answer, info] = await once(socket, 'data')
  assert.deepStrictEqual(serverSaw.data, ASP_UP)
  assert.strictEqual(serverSaw.ppid, 3)
  assert.strictEqual(serverSaw.info.stream, 1)
  assert.deepStrictEqual(Buffer.from(answer), ASP_UP_ACK)
  assert.strictEqual(answer.ppid, sctp.PPID.M3UA)
  assert.strictEqual(info.ppid, 3)
  assert.strictEqual(info.stream, 1)
  assert.strictEqual(socket.remotePort, 2905)
  socket.end()
  await once(socket, 'close')
  server.close()
  await once(server, 'close')
})

test('PPID table: names and values of the IANA registry', () => {
  assert.strictEqual(sctp.PPID.SCTP, 0)
  assert.strictEqual(sctp.PPID.IUA, 1)
  assert.strictEqual(sctp.PPID.M2UA, 2)
  assert.strictEqual(sctp.PPID.M3UA, 3)
  assert.strictEqual(sctp.PPID.SUA, 4)
  assert.strictEqual(sctp.PPID.M2PA, 5)
  assert.strictEqual(sctp.PPID.V5UA, 6)
  assert.strictEqual(sctp.PPID.H248, 7)
  assert.strictEqual(sctp.PPID.S1AP, 18)
  assert.strictEqual(sctp.PPID.DIAMETER, 46)
  assert.strictEqual(sctp.PPID.DIAMETER_DTLS, 47)
  assert.strictEqual(sctp.PPID.WEBRTC_DCEP, 50)
  assert.strictEqual(sctp.PPID.WEBRTC_STRING, 51)
  assert.strictEqual(sctp.PPID.WEBRTC_BINARY, 53)
  assert.strictEqual(sctp.PPID.WEBRTC_STRING_EMPTY, 56)
  assert.strictEqual(sctp.PPID.WEBRTC_BINARY_EMPTY, 57)
  assert.strictEqual(sctp.PPID.NGAP, 60)
  assert.strictEqual(sctp.PPID[3], 'M3UA')
  assert.strictEqual(sctp.PPID[46], 'DIAMETER')
  assert.strictEqual(sctp.PPID[26], undefined) // unassigned
})

test('defaults() sets and reports protocol parameters', () => {
  const d = sctp.defaults({ rto_initial: 500, rto_min: 300, rto_max: 1000, max_burst: 4 })
  assert.strictEqual(d.rto_initial, 500)
  assert.strictEqual(d.rto_min, 300)
  assert.strictEqual(d.rto_max, 1000)
  assert.strictEqual(d.max_burst, 4)
  assert.throws(() => sctp.defaults({ rto_min: 2000, rto_max: 1000 }), /defaults EINVAL/)
  assert.throws(() => sctp.defaults({ rto_min: -1 }), RangeError)
})
