#!/usr/bin/env node
// Message rate of the addon: 100-byte messages client -> server, both in
// this process on the two ends of drivers-config/ring-pair.ini (or the
// profile of FSCTP_PROFILE). The client writes until write() returns
// false and resumes on 'drain'; the rate counts messages the server's
// 'data' listener received.
//
//   node bench.js [--seconds 3] [--size 100] [--port 6000]
'use strict'

const sctp = require('.')

const args = process.argv.slice(2)
function opt (name, def) {
  const i = args.indexOf('--' + name)
  return i >= 0 ? Number(args[i + 1]) : def
}
const seconds = opt('seconds', 3)
const size = opt('size', 100)
const port = opt('port', 6000)
if (!(seconds > 0) || !(size > 0) || !(port > 0)) {
  console.error('usage: node bench.js [--seconds S] [--size BYTES] [--port P]')
  process.exit(2)
}

let received = 0
let bytes = 0
let sent = 0
let t0 = 0
let stopAt = 0
const msg = Buffer.alloc(size, 0x5a)

const server = sctp.createServer((s) => s.on('data', (b) => { received++; bytes += b.length }))
server.listen(port, () => {
  const c = sctp.connect({ port, ppid: sctp.PPID.M3UA }, () => {
    t0 = process.hrtime.bigint()
    stopAt = Date.now() + seconds * 1000
    pumpWrites()
  })
  function pumpWrites () {
    while (Date.now() < stopAt) {
      sent++
      if (!c.write(msg)) return c.once('drain', pumpWrites)
    }
    c.end()
  }
  c.on('close', () => {
    const secs = Number(process.hrtime.bigint() - t0) / 1e9
    const st = sctp.stats()
    console.log(`sent ${sent} received ${received} msgs of ${size} B in ${secs.toFixed(2)} s: ` +
      `${Math.round(received / secs)} msg/s, ${(bytes * 8 / secs / 1e6).toFixed(1)} Mbit/s ` +
      `(send_eagain ${st.send_eagain}, polls ${st.polls}, tx_drop ${st.tx_drop})`)
    server.close()
    process.exitCode = received === sent ? 0 : 1
  })
})
