#!/usr/bin/env node
// Prints the compiler or linker words binding.gyp needs to build the addon
// against an fsctp meson build: `node tools/flags.js include|cflags|libs`.
// FSCTP_BUILD names the build directory (default: ../../build from here),
// FSCTP_SRC the source tree (default: ../.. from here).
'use strict'

const fs = require('fs')
const path = require('path')
const { execFileSync } = require('child_process')

const here = path.join(__dirname, '..')
const src = path.resolve(here, process.env.FSCTP_SRC || '../..')
const build = path.resolve(src, process.env.FSCTP_BUILD || path.join(src, 'build'))

function pkgConfig (...args) {
  try {
    return execFileSync('pkg-config', args, { encoding: 'utf8' }).trim().split(/\s+/).filter(Boolean)
  } catch (e) {
    return []
  }
}

// Every static library of the build whose name is one of `names`.
function findLibs (dir, names, out = {}, depth = 0) {
  if (depth > 4) return out
  let ents = []
  try {
    ents = fs.readdirSync(dir, { withFileTypes: true })
  } catch (e) {
    return out
  }
  for (const e of ents) {
    const p = path.join(dir, e.name)
    if (e.isDirectory() && !e.name.startsWith('meson-') && !e.name.endsWith('.p')) {
      findLibs(p, names, out, depth + 1)
    } else if (e.isFile() && names.includes(e.name) && !out[e.name]) {
      out[e.name] = p
    }
  }
  return out
}

function libs () {
  // One libfsctp.a when the build makes it, else the four layer libraries.
  const one = findLibs(build, ['libfsctp.a'])
  let archives
  if (one['libfsctp.a']) {
    archives = [one['libfsctp.a']]
  } else {
    const names = ['libfsctp_api.a', 'libfsctp_runtime.a', 'libfsctp_net.a', 'libfsctp_core.a']
    const found = findLibs(build, names)
    const missing = names.filter((n) => !found[n])
    if (missing.length) {
      process.stderr.write(`fsctp: ${missing.join(', ')} not found under ${build}: ` +
        'build fsctp first (meson setup build && ninja -C build) or set FSCTP_BUILD\n')
      process.exit(1)
    }
    archives = names.map((n) => found[n])
  }
  const san = sanitize()
  return [...(san ? ['-fsanitize=' + san] : []), '-Wl,--whole-archive', '-Wl,--start-group', ...archives, '-Wl,--end-group',
    '-Wl,--no-whole-archive', ...pkgConfig('--libs', 'libdpdk'), '-lrte_net_ring',
    ...pkgConfig('--libs', 'libcrypto'), '-lnuma', '-lpthread']
}

// The build's b_sanitize (address,undefined...), or null: the addon must
// be compiled and linked with the same runtime as the static libraries.
function sanitize () {
  try {
    const opts = JSON.parse(fs.readFileSync(path.join(build, 'meson-info', 'intro-buildoptions.json'), 'utf8'))
    const o = opts.find((x) => x.name === 'b_sanitize')
    return o && o.value && o.value !== 'none' ? o.value : null
  } catch (e) {
    return null
  }
}

function include () {
  // The public headers (self-contained: no library directory needed).
  return [path.join(src, 'include', 'fsctp'), path.join(src, 'include')]
    .filter((d) => fs.existsSync(d))
}

function cflags () {
  const san = sanitize()
  return [...pkgConfig('--cflags', 'libdpdk'), ...(san ? ['-fsanitize=' + san, '-fno-omit-frame-pointer'] : [])]
}

const what = process.argv[2]
const words = what === 'libs'
  ? libs()
  : what === 'include' ? include() : what === 'cflags' ? cflags() : what === 'sanitize' ? [sanitize() || 'none'] : null
if (!words) {
  process.stderr.write('usage: flags.js include|cflags|libs|sanitize\n')
  process.exit(2)
}
process.stdout.write(words.join(' ') + '\n')
