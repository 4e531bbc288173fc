// Shared by the *.test.js files: the ring-pair profile of this tree and
// small promise helpers. Each test file is its own process under
// `node --test`, so each has its own runtime.
'use strict'

const path = require('path')

const profile = process.env.FSCTP_PROFILE ||
  path.join(__dirname, '..', '..', '..', 'drivers-config', 'ring-pair.ini')

// Resolves with the arguments of the first `event` on `em`, rejects on
// 'error' (unless waiting for it) or after `ms`.
function once (em, event, ms = 5000) {
  return new Promise((resolve, reject) => {
    const t = setTimeout(() => {
      cleanup()
      reject(new Error(`timeout waiting for '${event}'`))
    }, ms)
    const onEv = (...args) => { cleanup(); resolve(args) }
    const onErr = (err) => { cleanup(); reject(err) }
    function cleanup () {
      clearTimeout(t)
      em.removeListener(event, onEv)
      if (event !== 'error') em.removeListener('error', onErr)
    }
    em.on(event, onEv)
    if (event !== 'error') em.on('error', onErr)
  })
}

// A listening server on `port` whose connections are handed to onConn.
async function listen (sctp, port, onConn, options) {
  const server = sctp.createServer(options || {}, onConn)
  server.listen(port)
  await once(server, 'listening')
  return server
}

module.exports = { profile, once, listen }
