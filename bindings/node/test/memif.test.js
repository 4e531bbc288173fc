// Two Node processes, each with its own runtime, joined by net_memif: the
// quick example's M3UA exchange between a server process and a client
// process (profiles derived from drivers-config/memif-*.ini with a socket
// path of this test's own).
'use strict'

const test = require('node:test')
const assert = require('node:assert')
const fs = require('fs')
const os = require('os')
const path = require('path')
const { spawn } = require('child_process')
const { profile } = require('./helpers')

const cfg = path.dirname(profile)
const mod = JSON.stringify(path.join(__dirname, '..'))

function child (prof, script) {
  const p = spawn(process.execPath, ['-e', `const sctp = require(${mod})
    sctp.configure({ profile: ${JSON.stringify(prof)} })
    ${script}`], { stdio: ['ignore', 'pipe', 'pipe'] })
  p.out = ''
  p.err = ''
  p.stdout.on('data', (d) => { p.out += d })
  p.stderr.on('data', (d) => { p.err += d })
  p.done = new Promise((resolve) => p.on('exit', (code, sig) => resolve(code === null ? sig : code)))
  return p
}

async function waitFor (p, re, ms) {
  const end = Date.now() + ms
  while (!re.test(p.out) && Date.now() < end) await new Promise((resolve) => setTimeout(resolve, 20))
  return re.test(p.out)
}

// Known failure, so behind FSCTP_SOAK=1: in about one run of three a
// process that leaves while its memif peer leaves too crashes in DPDK's
// net_memif interrupt thread after the exchange has completed (the stack
// trace is in the PMD and the EAL's interrupt code, not in fsctp).
const memifSkip = process.env.FSCTP_SOAK === '1'
  ? false
  : 'known failure: a crash in the net_memif interrupt thread at exit (FSCTP_SOAK=1 runs it)'

test('M3UA ASP Up / ASP Up Ack between two processes over net_memif', { timeout: 40000, skip: memifSkip }, async (t) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fsctp-node-memif-'))
  const sock = path.join(dir, 'memif.sock')
  const profiles = {}
  for (const side of ['server', 'client']) {
    const text = fs.readFileSync(path.join(cfg, `memif-${side}.ini`), 'utf8')
      .replace(/socket=[^,\s]*/, `socket=${sock}`)
    profiles[side] = path.join(dir, `${side}.ini`)
    fs.writeFileSync(profiles[side], text)
  }
  let server
  let client
  t.after(() => {
    for (const p of [server, client]) if (p && p.exitCode === null) p.kill('SIGKILL')
    fs.rmSync(dir, { recursive: true, force: true })
  })
  server = child(profiles.server, `
    const srv = sctp.createServer((s) => {
      s.on('data', (b) => {
        console.log('server got ' + b.toString('hex') + ' ppid ' + b.ppid)
        s.write(Buffer.from('010003040000001000110008000003ea', 'hex'))
      })
      s.on('close', () => srv.close())
    })
    srv.listen(2905, () => console.log('listening'))
    setTimeout(() => process.exit(3), 30000).unref()
  `)
  assert.ok(await waitFor(server, /listening/, 10000), `server did not listen: ${server.err}`)
  client = child(profiles.client, `
    const c = sctp.connect({ host: '198.18.2.1', port: 2905, ppid: sctp.PPID.M3UA }, () => {
      c.write(Buffer.from('010003010000001000110008000003ea', 'hex'))
    })
    c.on('data', (b) => { console.log('client got ' + b.toString('hex') + ' ppid ' + b.ppid); c.end() })
    c.on('error', (e) => { console.log('client error ' + e.code); process.exitCode = 1 })
    setTimeout(() => process.exit(3), 30000).unref()
  `)
  const [crc, src] = await Promise.all([client.done, server.done])
  assert.strictEqual(crc, 0, `client: ${client.out}\n${client.err}`)
  assert.strictEqual(src, 0, `server: ${server.out}\n${server.err}`)
  assert.match(server.out, /server got 010003010000001000110008000003ea ppid 3/)
  assert.match(client.out, /client got 010003040000001000110008000003ea ppid 3/)
})
