// SPDX-License-Identifier: BSD-3-Clause
//
// The Node.js `sctp` module's API on fsctp: createServer(), connect(),
// socket.write() / end() / destroy(), the 'data' / 'end' / 'close' /
// 'error' / 'drain' events, the PPID table and defaults(). The native
// addon (src/fsctp_node.c) wraps include/fsctp_net.h; the fast path is
// polled on this (the main JS) thread, so every event runs here.
//
// One runtime per process, opened on first use from a drivers-config
// profile: configure({ profile, eal }) or the FSCTP_PROFILE / FSCTP_EAL
// environment variables; the default is drivers-config/ring-pair.ini of
// the source tree (two ports joined to each other, so 127.0.0.1 works).
'use strict'

const EventEmitter = require('events')
const fs = require('fs')
const net = require('net')
const path = require('path')
const util = require('util')
const { performance } = require('perf_hooks')

// Event numbers of src/fsctp_node.c.
const EV_CONNECTION = 1
const EV_CONNECT = 2
const EV_DATA = 3
const EV_END = 4
const EV_ERROR = 5
const EV_DRAIN = 6
const EV_CLOSE = 7

// Poll turns per pump; idle poll period (ms) while anything is open.
const POLL_TURNS = 64
const IDLE_MS = 1
// Keep polling at once for this long (ms) after the last work.
const SPIN_MS = 2
// Keep polling this long (ms) after the last socket or server closed.
const LINGER_MS = 50

const native = (() => {
  const candidates = [
    path.join(__dirname, 'build', 'Release', 'fsctp.node'),
    path.join(__dirname, 'build', 'Debug', 'fsctp.node')
  ]
  for (const c of candidates) {
    if (fs.existsSync(c)) return require(c)
  }
  throw new Error('fsctp: the native addon is not built: run `npm install` in ' + __dirname)
})()

function errnoError (rc, syscall, extra) {
  const errno = rc < 0 ? -rc : rc
  let code
  try {
    code = util.getSystemErrorName(-errno)
  } catch (e) {
    code = 'E' + errno
  }
  const err = new Error(`${syscall} ${code}${extra ? ' ' + extra : ''}`)
  err.errno = -errno
  err.code = code
  err.syscall = syscall
  return err
}

function codeError (code, message) {
  const err = new Error(message)
  err.code = code
  return err
}

// ---------------------------------------------------------------------------
// The runtime: one per process.

const rt = {
  config: {
    profile: process.env.FSCTP_PROFILE || null,
    eal: process.env.FSCTP_EAL ? process.env.FSCTP_EAL.split(/\s+/).filter(Boolean) : []
  },
  open: false,
  failed: null, // the Error of a failed open
  ports: [], // per profile port: { ipv4, ipv6 }
  sockets: new Map(), // handle -> Socket
  servers: new Set(), // listening Servers
  userDefaults: {},
  pumpScheduled: false,
  timer: null,
  counters: { write_queue_full: 0 },
  lastWork: 0,
  lingerUntil: 0
}

function defaultProfile () {
  return path.join(__dirname, '..', '..', 'drivers-config', 'ring-pair.ini')
}

// Open the runtime if needed. Returns null or the Error.
function ensureOpen () {
  if (rt.open) return null
  if (rt.failed) return rt.failed
  const profile = path.resolve(rt.config.profile || defaultProfile())
  const eal = rt.config.eal.slice()
  if (!eal.some((w) => w.startsWith('--file-prefix'))) {
    eal.push(`--file-prefix=fsctp-node-${process.pid}`)
  }
  if (!eal.some((w) => w.startsWith('--log-level'))) {
    eal.push('--log-level=lib.eal:warning', '--log-level=lib.telemetry:warning')
  }
  try {
    native.init(dispatch)
    rt.ports = native.open(profile, eal)
  } catch (e) {
    const err = errnoError(e.errno || 22, 'open', profile)
    // A profile that could not be read can be fixed and retried; an EAL
    // that failed to start cannot be started again in this process.
    if (e.errno !== 2 && e.errno !== 13) rt.failed = err
    return err
  }
  rt.open = true
  process.once('exit', () => {
    rt.open = false
    native.close()
  })
  applyDefaults()
  return null
}

function configure (options) {
  options = options || {}
  if (rt.open) throw codeError('ERR_FSCTP_OPEN', 'fsctp: the runtime is already open')
  if (options.profile !== undefined) rt.config.profile = options.profile
  if (options.eal !== undefined) rt.config.eal = [].concat(options.eal)
  rt.failed = null
  return { profile: rt.config.profile || defaultProfile(), eal: rt.config.eal.slice() }
}

// sctp.defaults(): names of Linux's net.sctp sysctls, as the Node module.
const OPT_GROUPS = [
  [1, ['rto_initial', 'rto_max', 'rto_min']],
  [2, ['association_max_retrans', 'valid_cookie_life']],
  [3, ['hb_interval', 'path_max_retrans']],
  [4, ['OS', 'MIS', 'max_init_retransmits']],
  [5, ['max_burst']]
]

function applyDefaults (user) {
  if (!rt.open) return
  user = user || rt.userDefaults
  const cur = Object.assign(native.getopts(), user)
  for (const [which, keys] of OPT_GROUPS) {
    if (!keys.some((k) => k in user)) continue
    const rc = native.setopt(which, ...keys.map((k) => cur[k]))
    if (rc < 0) throw errnoError(rc, 'defaults', keys.join(','))
  }
}

function defaults (params) {
  params = params || {}
  const known = new Set(OPT_GROUPS.flatMap(([, k]) => k))
  const next = Object.assign({}, rt.userDefaults)
  for (const k of Object.keys(params)) {
    if (!known.has(k)) continue
    const v = params[k]
    if (!Number.isInteger(v) || v < 0) throw new RangeError(`defaults: ${k} must be an integer >= 0`)
    next[k] = v
  }
  if (rt.open) {
    try {
      applyDefaults(next)
    } catch (e) {
      applyDefaults() // back to the last good set
      throw e
    }
  }
  rt.userDefaults = next
  return rt.open ? Object.assign(native.getopts(), next) : Object.assign({}, next)
}

// Native events, in the order the stack raises them.
function dispatch (ev, h, a, b, c) {
  if (ev === EV_CONNECTION) return onConnection(h, a, b, c, arguments[5])
  const sk = rt.sockets.get(h)
  if (!sk) return
  switch (ev) {
    case EV_CONNECT: return sk._onConnect(a, b)
    case EV_DATA: return sk._onData(a, b, c)
    case EV_END: return sk._onEnd()
    case EV_ERROR: return sk._onError(a)
    case EV_DRAIN: return sk._flush()
    case EV_CLOSE: return sk._onClose()
  }
}

// ---------------------------------------------------------------------------
// Polling on the JS thread: right away while there is work, every IDLE_MS
// while anything is open (timers of the protocol), not at all otherwise.
// Only ref'ed servers and sockets keep the process alive.

function anyOpen () {
  return rt.sockets.size > 0 || rt.servers.size > 0
}

function anyRef () {
  for (const s of rt.servers) if (s._ref) return true
  for (const s of rt.sockets.values()) if (s._ref) return true
  return false
}

function kick () {
  if (!rt.open || rt.pumpScheduled) return
  rt.pumpScheduled = true
  if (rt.timer) {
    clearTimeout(rt.timer)
    rt.timer = null
  }
  setImmediate(pump)
}

function pump () {
  rt.pumpScheduled = false
  if (!rt.open) return
  let work = 0
  if (anyOpen()) rt.lingerUntil = 0
  try {
    work = native.poll(POLL_TURNS)
  } finally {
    if (!anyOpen()) {
      // Nothing open: linger a little so that the last packets (a
      // SHUTDOWN COMPLETE, an ABORT) reach a peer in another process
      // before this one may exit, then stop polling.
      const now = performance.now()
      if (rt.lingerUntil === 0) rt.lingerUntil = now + LINGER_MS
      if (now < rt.lingerUntil) {
        if (!rt.timer) rt.timer = setTimeout(() => { rt.timer = null; kick() }, IDLE_MS)
      } else {
        rt.lingerUntil = 0
        if (rt.timer) clearTimeout(rt.timer)
        rt.timer = null
      }
    } else if (work > 0 || performance.now() - rt.lastWork < SPIN_MS) {
      // Work, or work a moment ago (a SACK or an answer is on its way):
      // poll again at once.
      if (work > 0) rt.lastWork = performance.now()
      kick()
    } else if (!rt.timer) {
      rt.timer = setTimeout(() => {
        rt.timer = null
        kick()
      }, IDLE_MS)
      if (!anyRef()) rt.timer.unref()
    }
  }
}

function refChanged () {
  if (rt.timer) {
    if (anyRef()) rt.timer.ref()
    else rt.timer.unref()
  }
}

// ---------------------------------------------------------------------------
// Addresses. Each profile port is its own stack with its own addresses.
// Loopback names (localhost, 127.0.0.0/8, ::1) mean "this process": with a
// profile of two or more ports (ring-pair.ini joins port 0 and port 1),
// the last port's address, reached from port 0.

function isLoopback (host) {
  return host === 'localhost' || host === '::1' || /^127\./.test(host)
}

function famOf (host) {
  return host === '::1' || net.isIPv6(host) ? 'ipv6' : 'ipv4'
}

function portOf (addr) {
  return rt.ports.findIndex((p) => p.ipv4 === addr || p.ipv6 === addr)
}

// -> { net, host } or an Error
function route (host, localAddress) {
  const fam = famOf(host)
  let src = -1
  if (localAddress) {
    src = portOf(localAddress)
    if (src < 0 && !isLoopback(localAddress)) {
      return errnoError(-99 /* EADDRNOTAVAIL */, 'connect', `local address ${localAddress}`)
    }
  }
  if (isLoopback(host)) {
    if (src < 0) src = 0
    let dst = -1
    for (let i = rt.ports.length - 1; i >= 0; i--) {
      if (i !== src && rt.ports[i][fam]) {
        dst = i
        break
      }
    }
    if (dst < 0) {
      return errnoError(-101 /* ENETUNREACH */, 'connect',
        `${host}: the profile has no second port to be this process's loopback`)
    }
    return { net: src, host: rt.ports[dst][fam] }
  }
  if (!net.isIP(host)) {
    return errnoError(-22, 'connect', `${host}: give an IP address (host names are not resolved)`)
  }
  const own = portOf(host)
  if (src < 0) {
    src = rt.ports.findIndex((p, i) => i !== own && p[fam])
    if (src < 0) src = rt.ports.findIndex((p) => p[fam])
  }
  if (src < 0) return errnoError(-99, 'connect', `no local ${fam} address`)
  return { net: src, host }
}

// The nets a server listens on.
function listenNets (host) {
  if (!host || host === '0.0.0.0' || host === '::' || host === '::0') {
    return rt.ports.map((p, i) => i)
  }
  if (isLoopback(host)) {
    const fam = famOf(host)
    for (let i = rt.ports.length - 1; i >= 0; i--) if (rt.ports[i][fam]) return [i]
    return []
  }
  const i = portOf(host)
  return i < 0 ? [] : [i]
}

// ---------------------------------------------------------------------------
// Socket

class Socket extends EventEmitter {
  constructor (options) {
    super()
    options = options || {}
    this._h = -1
    this._ppid = options.ppid !== undefined ? options.ppid : (options.protocol || 0)
    this._stream = options.stream_id !== undefined ? options.stream_id : (options.stream || 0)
    // Accepted sockets answer with the PPID and stream of the last
    // message received until told otherwise (as include/fsctp_net.h).
    this._ppidSet = options.ppid !== undefined || options.protocol !== undefined
    this._streamSet = options.stream_id !== undefined || options.stream !== undefined
    this.unordered = !!options.unordered
    this.writableHighWaterMark = options.highWaterMark || 64 * 1024
    // Bytes the write queue holds at most (writes beyond: ENOBUFS).
    this.maxQueuedBytes = options.maxQueuedBytes || 64 * 1024 * 1024
    this.connecting = false
    this.pending = true
    this.destroyed = false
    this.readable = true
    this.writable = true
    this.bytesRead = 0
    this.bytesWritten = 0
    this.remoteAddress = undefined
    this.remotePort = undefined
    this.remoteFamily = undefined
    this.localAddress = undefined
    this.localPort = undefined
    this._queue = [] // writes waiting for the connect or for room
    this._queuedBytes = 0
    this._needDrain = false
    this._ending = false // end() called
    this._endSent = false // SHUTDOWN asked of the stack
    this._endEmitted = false
    this._hadError = false
    this._server = null
    this._ref = true
  }

  get ppid () { return this._ppid }
  set ppid (v) { this._ppid = v; this._ppidSet = true }
  get stream_id () { return this._stream } // eslint-disable-line camelcase
  set stream_id (v) { this._stream = v; this._streamSet = true } // eslint-disable-line camelcase
  get sctp_ppid () { return this._ppid } // eslint-disable-line camelcase
  set sctp_ppid (v) { this.ppid = v } // eslint-disable-line camelcase
  get sctp_sid () { return this._stream } // eslint-disable-line camelcase
  set sctp_sid (v) { this.stream_id = v } // eslint-disable-line camelcase
  get writableLength () { return this._queuedBytes }
  get readyState () {
    if (this.connecting) return 'opening'
    if (this.destroyed) return 'closed'
    return this.writable ? 'open' : 'readOnly'
  }

  connect (options, connectListener) {
    if (typeof options !== 'object' || options === null) options = { port: options }
    if (typeof connectListener === 'function') this.once('connect', connectListener)
    if (this._h >= 0 || this.connecting) {
      throw codeError('ERR_SOCKET_CONNECTING', 'the socket is connecting or connected')
    }
    if (options.passive || options.udpTransport) {
      throw codeError('ERR_FSCTP_NOT_SUPPORTED', 'passive and udpTransport are not supported on fsctp')
    }
    const port = Number(options.port)
    if (!Number.isInteger(port) || port <= 0 || port > 65535) {
      throw new RangeError(`port must be 1..65535, got ${options.port}`)
    }
    const localPort = options.localPort ? Number(options.localPort) : 0
    if (!Number.isInteger(localPort) || localPort < 0 || localPort > 65535) {
      throw new RangeError(`localPort must be 0..65535, got ${options.localPort}`)
    }
    if (options.ppid !== undefined || options.protocol !== undefined) {
      this.ppid = options.ppid !== undefined ? options.ppid : options.protocol
    }
    if (options.stream_id !== undefined || options.stream !== undefined) {
      this.stream_id = options.stream_id !== undefined ? options.stream_id : options.stream
    }
    // A client keeps its PPID and stream (0 and 0 unless given).
    this._ppidSet = true
    this._streamSet = true
    this.connecting = true
    const host = options.host || options.address || 'localhost'
    const fail = (err) => {
      this.connecting = false
      process.nextTick(() => this.destroy(err))
      return this
    }
    let err = ensureOpen()
    if (err) return fail(err)
    const r = route(host, options.localAddress)
    if (r instanceof Error) return fail(r)
    if (options.OS !== undefined || options.MIS !== undefined) {
      // Stream counts of the INIT: endpoint-wide, for associations
      // started afterwards.
      const cur = native.getopts()
      const rc = native.setopt(4, options.OS || cur.OS, options.MIS || cur.MIS, cur.max_init_retransmits)
      if (rc < 0) return fail(errnoError(rc, 'connect', 'OS/MIS'))
    }
    const h = native.connect(r.net, r.host, port, localPort, this._ppid >>> 0, this._stream)
    if (h < 0) {
      err = errnoError(h, 'connect', `${r.host}:${port}`)
      return fail(err)
    }
    this._h = h
    this.remoteAddress = r.host
    this.remotePort = port
    this.remoteFamily = famOf(r.host) === 'ipv6' ? 'IPv6' : 'IPv4'
    const lp = rt.ports[r.net]
    this.localAddress = lp[famOf(r.host)]
    this.localPort = localPort || undefined // an ephemeral port is not reported
    rt.sockets.set(h, this)
    kick()
    return this
  }

  _attach (h, server, netIndex, localPort, peer, peerPort) {
    this._h = h
    this._server = server
    this.connecting = false
    this.pending = false
    this.remoteAddress = peer
    this.remotePort = peerPort
    this.remoteFamily = net.isIPv6(peer) ? 'IPv6' : 'IPv4'
    this.localAddress = rt.ports[netIndex][famOf(peer)]
    this.localPort = localPort
    rt.sockets.set(h, this)
  }

  _onConnect (peer, peerPort) {
    this.connecting = false
    this.pending = false
    this.remoteAddress = peer
    this.remotePort = peerPort
    this.emit('connect')
    this.emit('ready')
    this._flush()
  }

  _onData (buf, ppid, sid) {
    if (!this._ppidSet) this._ppid = ppid
    if (!this._streamSet) this._stream = sid
    this.bytesRead += buf.length
    buf.ppid = ppid
    buf.stream_id = sid
    this.emit('data', buf, { ppid, stream: sid, stream_id: sid })
  }

  _onEnd () {
    if (this._endEmitted) return
    this._endEmitted = true
    this.readable = false
    this.writable = false
    this.emit('end')
  }

  _onError (rc) {
    this._hadError = true
    this.readable = false
    this.writable = false
    this.emit('error', errnoError(rc, this.pending ? 'connect' : 'read',
      this.remoteAddress ? `${this.remoteAddress}:${this.remotePort}` : ''))
  }

  _onClose () {
    // The stack freed the association: the handle is gone.
    rt.sockets.delete(this._h)
    this._h = -1
    this._teardown(null)
  }

  _teardown (err) {
    if (this.destroyed) return
    this.destroyed = true
    this.connecting = false
    this.readable = false
    this.writable = false
    const q = this._queue
    this._queue = []
    this._queuedBytes = 0
    for (const w of q) {
      if (w.cb) process.nextTick(w.cb, codeError('ERR_STREAM_DESTROYED', 'socket closed before the write'))
    }
    if (this._server) this._server._connClosed(this)
    const hadError = this._hadError || !!err
    // As net.Socket: 'error' on the next tick, 'close' after it once
    // the handle is gone.
    if (err) process.nextTick(() => this.emit('error', err))
    setImmediate(() => this.emit('close', hadError))
    refChanged()
  }

  // write(data[, encoding | { ppid, stream }][, callback])
  write (data, options, cb) {
    if (typeof options === 'function') {
      cb = options
      options = undefined
    }
    let buf = data
    if (typeof data === 'string') {
      buf = Buffer.from(data, typeof options === 'string' ? options : 'utf8')
    } else if (!(data instanceof Uint8Array)) {
      const err = new TypeError('The "chunk" argument must be of type string or an instance of Buffer or Uint8Array')
      err.code = 'ERR_INVALID_ARG_TYPE'
      throw err
    }
    const o = options && typeof options === 'object' ? options : {}
    if (this.destroyed || this._ending) {
      const err = this.destroyed
        ? codeError('ERR_STREAM_DESTROYED', 'Cannot call write after a stream was destroyed')
        : codeError('ERR_STREAM_WRITE_AFTER_END', 'write after end')
      process.nextTick(() => {
        if (cb) cb(err)
        this.emit('error', err)
      })
      return false
    }
    if (buf.length === 0) { // SCTP has no empty user message
      if (cb) process.nextTick(cb)
      return true
    }
    const w = {
      buf,
      ppid: (o.ppid !== undefined ? o.ppid : (data.ppid !== undefined ? data.ppid : this._ppid)) >>> 0,
      stream: o.stream !== undefined ? o.stream : (o.stream_id !== undefined ? o.stream_id : (data.stream_id !== undefined ? data.stream_id : this._stream)),
      unordered: o.unordered !== undefined ? !!o.unordered : this.unordered,
      cb
    }
    if (this._queue.length === 0 && !this.connecting && this._h >= 0) {
      const rc = native.write(this._h, w.buf, w.ppid, w.stream, w.unordered)
      if (rc === 0) {
        this.bytesWritten += buf.length
        if (cb) process.nextTick(cb)
        kick()
        return true
      }
      if (rc !== -11 /* EAGAIN */) {
        this._writeFailed(w, rc)
        return false
      }
      this._needDrain = true
    }
    if (this._queuedBytes + buf.length > this.maxQueuedBytes) {
      rt.counters.write_queue_full++
      this._writeFailed(w, -105 /* ENOBUFS */)
      return false
    }
    this._queue.push(w)
    this._queuedBytes += buf.length
    if (this._queuedBytes >= this.writableHighWaterMark || this._needDrain) {
      this._needDrain = true
      return false
    }
    return true
  }

  _writeFailed (w, rc) {
    const err = errnoError(rc, 'write', `(stream ${w.stream}, ${w.buf.length} bytes)`)
    process.nextTick(() => {
      if (w.cb) w.cb(err)
      this.emit('error', err)
    })
  }

  // Hand queued writes to the stack while it takes them.
  _flush () {
    while (this._queue.length > 0 && this._h >= 0 && !this.connecting) {
      const w = this._queue[0]
      const rc = native.write(this._h, w.buf, w.ppid, w.stream, w.unordered)
      if (rc === -11) break
      this._queue.shift()
      this._queuedBytes -= w.buf.length
      if (rc === 0) {
        this.bytesWritten += w.buf.length
        if (w.cb) process.nextTick(w.cb)
      } else {
        this._writeFailed(w, rc)
      }
    }
    if (this._queue.length === 0) {
      if (this._needDrain && !this._ending) {
        this._needDrain = false
        this.emit('drain')
      }
      this._maybeEnd()
    }
    kick()
  }

  _maybeEnd () {
    if (!this._ending || this._endSent || this._h < 0 || this.connecting || this._queue.length > 0) return
    this._endSent = true
    native.end(this._h)
    this.emit('finish')
    kick()
  }

  // end([data][, encoding][, callback]): SHUTDOWN once queued data left.
  end (data, encoding, cb) {
    if (typeof data === 'function') {
      cb = data
      data = undefined
    } else if (typeof encoding === 'function') {
      cb = encoding
      encoding = undefined
    }
    if (data !== undefined && data !== null) this.write(data, encoding)
    if (cb) this.once('finish', cb)
    if (this._ending || this.destroyed) return this
    this._ending = true
    this.writable = false
    this._maybeEnd()
    return this
  }

  // destroy([error]): ABORT at once; 'error' (if given) and 'close' follow.
  destroy (err) {
    if (this.destroyed) return this
    if (this._h >= 0) {
      native.destroy(this._h)
      rt.sockets.delete(this._h)
      this._h = -1
      kick() // let the ABORT leave
    }
    this._teardown(err || null)
    return this
  }

  destroySoon () { return this.end() }
  address () {
    return { port: this.localPort, family: this.remoteFamily, address: this.localAddress }
  }

  ref () { this._ref = true; refChanged(); return this }
  unref () { this._ref = false; refChanged(); return this }
  setNoDelay () { return this }
  setKeepAlive () { return this }
  setEncoding () { throw codeError('ERR_FSCTP_NOT_SUPPORTED', 'messages are Buffers: no setEncoding') }
  pause () { return this }
  resume () { return this }
}

// ---------------------------------------------------------------------------
// Server

class Server extends EventEmitter {
  constructor (options, connectionListener) {
    super()
    if (typeof options === 'function') {
      connectionListener = options
      options = {}
    }
    options = options || {}
    if (typeof connectionListener === 'function') this.on('connection', connectionListener)
    this.listening = false
    this.ppid = options.ppid
    this._port = 0
    this._host = undefined
    this._nets = []
    this._conns = new Set()
    this._closeCbs = []
    this._ref = true
  }

  // listen(port[, host][, backlog][, callback]) or listen(options[, callback])
  listen (...args) {
    let opts = {}
    let cb
    if (typeof args[args.length - 1] === 'function') cb = args.pop()
    if (typeof args[0] === 'object' && args[0] !== null) {
      opts = args[0]
    } else {
      opts.port = args[0]
      if (typeof args[1] === 'string') opts.host = args[1]
    }
    if (cb) this.once('listening', cb)
    if (this.listening) throw codeError('ERR_SERVER_ALREADY_LISTEN', 'listen was already called')
    const port = Number(opts.port)
    if (!Number.isInteger(port) || port <= 0 || port > 65535) {
      throw new RangeError(`port must be 1..65535 (SCTP has no ephemeral listen), got ${opts.port}`)
    }
    const fail = (err) => {
      process.nextTick(() => this.emit('error', err))
      return this
    }
    const err = ensureOpen()
    if (err) return fail(err)
    const nets = listenNets(opts.host)
    if (nets.length === 0) return fail(errnoError(-99, 'listen', `${opts.host}: not an address of the profile`))
    for (const s of rt.servers) {
      if (s._port === port && s._nets.some((n) => nets.includes(n))) {
        return fail(errnoError(-98 /* EADDRINUSE */, 'listen', `${opts.host || '::'}:${port}`))
      }
    }
    if (opts.OS !== undefined || opts.MIS !== undefined) {
      const cur = native.getopts()
      const rc = native.setopt(4, opts.OS || cur.OS, opts.MIS || cur.MIS, cur.max_init_retransmits)
      if (rc < 0) return fail(errnoError(rc, 'listen', 'OS/MIS'))
    }
    for (const n of nets) {
      const rc = native.listen(n, port)
      if (rc < 0) return fail(errnoError(rc, 'listen', `port ${port}`))
    }
    this._port = port
    this._host = opts.host
    this._nets = nets
    this.listening = true
    rt.servers.add(this)
    refChanged()
    kick()
    process.nextTick(() => this.emit('listening'))
    return this
  }

  address () {
    if (!this.listening) return null
    if (this._nets.length > 1) return { port: this._port, family: 'IPv6', address: '::' }
    const p = rt.ports[this._nets[0]] || {}
    const host = this._host && !isLoopback(this._host) ? this._host : (p.ipv4 || p.ipv6)
    return { port: this._port, family: net.isIPv6(host) ? 'IPv6' : 'IPv4', address: host }
  }

  // close([callback]): stop accepting; 'close' once every connection closed.
  close (cb) {
    if (!this.listening) {
      const err = codeError('ERR_SERVER_NOT_RUNNING', 'Server is not running.')
      if (cb) process.nextTick(cb, err)
      return this
    }
    this.listening = false
    rt.servers.delete(this)
    if (cb) this._closeCbs.push(cb)
    this._maybeClosed()
    refChanged()
    return this
  }

  getConnections (cb) {
    process.nextTick(cb, null, this._conns.size)
    return this
  }

  _connClosed (sk) {
    this._conns.delete(sk)
    this._maybeClosed()
  }

  _maybeClosed () {
    if (this.listening || this._conns.size > 0 || this._closing) return
    this._closing = true
    process.nextTick(() => {
      this._closing = false
      const cbs = this._closeCbs
      this._closeCbs = []
      this.emit('close')
      for (const cb of cbs) cb()
    })
  }

  ref () { this._ref = true; refChanged(); return this }
  unref () { this._ref = false; refChanged(); return this }
}

function onConnection (netIndex, localPort, h, peer, peerPort) {
  let server = null
  for (const s of rt.servers) {
    if (s._port === localPort && s._nets.includes(netIndex)) {
      server = s
      break
    }
  }
  if (!server) {
    native.destroy(h) // closed server: refuse (ABORT)
    return
  }
  const sk = new Socket(server.ppid !== undefined ? { ppid: server.ppid } : {})
  sk._attach(h, server, netIndex, localPort, peer, peerPort)
  server._conns.add(sk)
  server.emit('connection', sk)
}

// ---------------------------------------------------------------------------
// The module's functions and tables.

function createServer (options, connectionListener) {
  return new Server(options, connectionListener)
}

function connect (options, connectListener) {
  if (typeof options !== 'object' || options === null) {
    // connect(port[, host][, listener])
    const args = Array.from(arguments)
    options = { port: args[0] }
    if (typeof args[1] === 'string') {
      options.host = args[1]
      connectListener = args[2]
    }
  }
  const sk = new Socket(options)
  sk.connect(options, connectListener)
  return sk
}

// The IANA PPID registry (include/fsctp_ppid.h), upper-case names as the
// Node module, a few of its older spellings, and value -> name.
const PPID = (() => {
  const t = {}
  const rows = native.ppids()
  for (const [value, name] of rows) t[name.toUpperCase()] = value
  Object.assign(t, { DDP_CHUNK: 16, BER: 48, XWCP: 59 })
  for (const [value, name] of rows) t[value] = name.toUpperCase()
  return Object.freeze(t)
})()

function stats () {
  return Object.assign(native.stats(), rt.counters)
}

module.exports = {
  createServer,
  connect,
  createConnection: connect,
  Socket,
  Server,
  PPID,
  defaults,
  configure,
  stats
}
