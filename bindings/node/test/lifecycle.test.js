// The process lives while a server or socket is open and exits by itself
// once everything is closed: polling stops, nothing spins.
'use strict'

const test = require('node:test')
const assert = require('node:assert')
const path = require('path')
const { execFile } = require('child_process')
const { profile } = require('./helpers')

function run (script, ms = 15000) {
  const full = `const sctp = require(${JSON.stringify(path.join(__dirname, '..'))})
    sctp.configure({ profile: ${JSON.stringify(profile)} })
    ${script}`
  return new Promise((resolve) => {
    const t0 = Date.now()
    execFile(process.execPath, ['-e', full], { timeout: ms }, (err, stdout, stderr) =>
      resolve({ code: err ? (err.killed ? 'killed' : err.code) : 0, stdout, stderr, ms: Date.now() - t0 }))
  })
}

test('exits by itself after end() and server.close(), without process.exit()', { timeout: 20000 }, async () => {
  const r = await run(`
    const server = sctp.createServer((s) => s.on('data', (b) => s.write(b)))
    server.listen(5000)
    const c = sctp.connect({ port: 5000 }, () => c.write('ping'))
    c.on('data', (b) => { console.log('got ' + b); c.end(); server.close() })
    c.on('close', () => console.log('client closed'))
    server.on('close', () => console.log('server closed'))
    process.on('exit', () => console.log('cpu ' + JSON.stringify(process.cpuUsage())))
  `)
  assert.strictEqual(r.code, 0, r.stderr)
  assert.match(r.stdout, /got ping/)
  assert.match(r.stdout, /client closed/)
  assert.match(r.stdout, /server closed/)
})

test('a listening server keeps the process alive; unref() lets it go', { timeout: 20000 }, async () => {
  const kept = await run(`
    sctp.createServer(() => {}).listen(5001, () => console.log('listening'))
  `, 1500)
  assert.strictEqual(kept.code, 'killed')
  assert.match(kept.stdout, /listening/)
  const gone = await run(`
    sctp.createServer(() => {}).listen(5001, () => console.log('listening')).unref()
  `, 10000)
  assert.strictEqual(gone.code, 0, gone.stderr)
})

test('idle polling is cheap: a listening server for 1 s uses well under a core', { timeout: 20000 }, async () => {
  const r = await run(`
    const s = sctp.createServer(() => {}).listen(5002)
    const t0 = process.cpuUsage()
    setTimeout(() => {
      const u = process.cpuUsage(t0)
      console.log('cpu_ms ' + Math.round((u.user + u.system) / 1000))
      s.close()
    }, 1000)
  `)
  assert.strictEqual(r.code, 0, r.stderr)
  const ms = Number(/cpu_ms (\d+)/.exec(r.stdout)[1])
  assert.ok(ms < 400, `idle CPU ${ms} ms in 1000 ms`)
})
