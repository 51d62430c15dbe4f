// Times the `qrcode` npm package on a ticket-sized code, for docs/benchmarks.md.
// Run: mkdir /tmp/npmqr && cd /tmp/npmqr && npm install qrcode@1.5.4 && node <repo>/docs/bench/npm-qrcode.mjs
import QRCode from "qrcode";
const code = "QRE1:" + "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567".repeat(6).slice(0, 162);
async function run(label, fn, n = 2000) {
  for (let i = 0; i < 200; i++) await fn();
  const t0 = process.hrtime.bigint();
  for (let i = 0; i < n; i++) await fn();
  const us = Number(process.hrtime.bigint() - t0) / 1000 / n;
  console.log(label, us.toFixed(1), "µs");
}
await run("svg", () => QRCode.toString(code, { type: "svg", errorCorrectionLevel: "M", margin: 4, width: 512 }));
await run("png", () => QRCode.toBuffer(code, { type: "png", errorCorrectionLevel: "M", margin: 4, width: 512 }), 300);
