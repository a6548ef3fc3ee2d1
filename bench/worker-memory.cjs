// RSS a minimal worker_thread adds (the alternative to libuv's pool for reads that can block; docs/reader-layer.md).
//   node bench/worker-memory.cjs
const { Worker } = require('node:worker_threads');
const rss = () => (process.memoryUsage().rss / 1048576).toFixed(1);
setTimeout(() => {
  const before = rss();
  const w = new Worker(`const {parentPort}=require('node:worker_threads');const fs=require('node:fs');parentPort.on('message',(ps)=>{const out=ps.map(p=>{try{const fd=fs.openSync(p,'r');const b=Buffer.alloc(128);const n=fs.readSync(fd,b,0,128,null);fs.closeSync(fd);return b.subarray(0,n)}catch(e){return e.code}});parentPort.postMessage(out)})`, { eval: true, resourceLimits: { maxOldGenerationSizeMb: 8, maxYoungGenerationSizeMb: 2 } });
  w.postMessage(['/sys/class/net/lo/mtu']);
  w.once('message', () => setTimeout(() => { console.log(process.version, 'rss before worker', before, 'after', rss()); process.exit(0); }, 300));
}, 300);
