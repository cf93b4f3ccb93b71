// The production server: Next.js behind a few lines that decide, from the socket, who the client
// is. Next itself keeps a client's own X-Forwarded-For header, so without this any client could
// write the source address the audit log records and the rate limits count.
// Usage: node scripts/serve.mjs [-H host] [-p port]   (TRUST_PROXY_HOPS=N behind N trusted proxies)
import { createServer } from "node:http";
import next from "next";
import { clientAddressFrom, trustedHopsFromEnv } from "./client-address.mjs";

const arg = (flag, fallback) => {
  const i = process.argv.indexOf(flag);
  return i > 0 && process.argv[i + 1] ? process.argv[i + 1] : fallback;
};
const port = Number(arg("-p", process.env.PORT ?? "3000"));
const hostname = arg("-H", process.env.HOSTNAME ?? "0.0.0.0");
const hops = trustedHopsFromEnv(process.env.TRUST_PROXY_HOPS);

const app = next({ dev: false, hostname, port });
const handle = app.getRequestHandler();
await app.prepare();

createServer((req, res) => {
  const address = clientAddressFrom(req.headers["x-forwarded-for"]?.toString(), req.socket.remoteAddress, hops);
  if (address) req.headers["x-forwarded-for"] = address;
  else delete req.headers["x-forwarded-for"];
  delete req.headers["x-real-ip"];
  if (hops === 0) {
    // Only a trusted proxy may say which host and scheme the client used.
    delete req.headers["x-forwarded-host"];
    req.headers["x-forwarded-proto"] = "encrypted" in req.socket && req.socket.encrypted ? "https" : "http";
  }
  handle(req, res);
}).listen(port, hostname, () => console.log(`> Ready on http://${hostname}:${port}${hops ? ` (trusting ${hops} proxy hop${hops > 1 ? "s" : ""})` : ""}`));
