'use strict'
// Serves dynalite for Tidemark's tests, on 127.0.0.1 only, for as long as the process that
// started it lives.
//
//   node serve.js [--port N] [--path DIR] [--createTableMs 0 --deleteTableMs 0 --updateTableMs 0]
//
// --port 0 (the default here) lets the operating system pick a free port; the first line written
// to standard output says which, and what runs: "dynalite listening on 127.0.0.1:<port> (dynalite
// <version>, Node.js <version>)". Without --path, data lives in memory only.
//
// The parent keeps this process's standard input open. When the parent ends in any way, a SIGKILL
// included, the pipe closes and this process exits, so no server outlives the JVM that needed it.

const options = { port: 0 }
const args = process.argv.slice(2)
for (let i = 0; i < args.length; i += 2) {
  const name = args[i].replace(/^--/, '')
  const value = args[i + 1]
  if (value === undefined) {
    console.error('serve.js: option --' + name + ' needs a value')
    process.exit(2)
  }
  options[name] = /^\d+$/.test(value) ? Number(value) : value
}

const server = require('dynalite')(options)
server.on('error', (error) => {
  console.error('serve.js: dynalite could not listen: ' + error.message)
  process.exit(1)
})
server.listen(options.port, '127.0.0.1', () => {
  const versions = 'dynalite ' + require('dynalite/package.json').version + ', Node.js ' + process.version
  console.log('dynalite listening on 127.0.0.1:' + server.address().port + ' (' + versions + ')')
})

let stopping = false
const stop = () => {
  if (stopping) return
  stopping = true
  // Requests in flight may finish; a client that keeps its connection open cannot hold the exit up.
  setTimeout(() => process.exit(0), 3000).unref()
  server.close(() => process.exit(0))
  server.closeIdleConnections()
}
process.stdin.on('end', stop)
process.stdin.on('close', stop)
process.stdin.on('error', stop)
process.stdin.resume()
process.on('SIGTERM', stop)
process.on('SIGINT', stop)
