// A real nginx (Debian package `nginx`) as a child process, configured with the README's own
// upstream + server blocks, every path in a temp dir so it needs no root and touches nothing else.
import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { rawRequest } from "./http.js";
import { ROOT } from "./paths.js";

/** The nginx binary, or undefined when it is not installed (it lives in /usr/sbin on Debian). */
export function findNginx(): string | undefined {
  for (const candidate of ["/usr/sbin/nginx", "/usr/local/sbin/nginx", "/usr/local/nginx/sbin/nginx"]) {
    if (existsSync(candidate)) return candidate;
  }
  try {
    return execFileSync("sh", ["-c", "command -v nginx"], { encoding: "utf8" }).trim() || undefined;
  } catch {
    return undefined;
  }
}

/** The first ```nginx block of the README: what users are told to deploy. */
export function readmeNginxBlock(): string {
  const readme = readFileSync(join(ROOT, "README.md"), "utf8");
  const match = /```nginx\n([\s\S]*?)```/.exec(readme);
  if (!match) throw new Error("README.md has no ```nginx block");
  return match[1] as string;
}

/** The README's blocks with our replicas in every upstream and a loopback port to listen on. */
export function localizeNginxBlock(block: string, upstreams: readonly number[], port: number): string {
  const servers = upstreams.map((p) => `    server 127.0.0.1:${p};`);
  const withUpstreams = block.replace(/(upstream\s+\S+\s*\{)([^}]*)\}/g, (_, open: string, body: string) => {
    const kept = body.split("\n").filter((line) => line.trim() !== "" && !/^\s*server\s/.test(line));
    return `${open}\n${[...servers, ...kept].join("\n")}\n}`;
  });
  return withUpstreams.replace(/^(\s*)listen\s+[^;]+;/m, `$1listen 127.0.0.1:${port};`);
}

async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", resolve));
  const address = probe.address();
  await new Promise((resolve) => probe.close(resolve));
  if (!address || typeof address === "string") throw new Error("no port");
  return address.port;
}

export interface Nginx {
  url: string;
  port: number;
  /** Lines `METHOD URI STATUS upstream=ADDR` for every proxied request. */
  accessLog(): string[];
  stop(): Promise<void>;
}

export async function startNginx(binary: string, upstreams: readonly number[]): Promise<Nginx> {
  const dir = mkdtempSync(join(tmpdir(), "genviral-nginx-"));
  for (const sub of ["client_body", "proxy", "fastcgi", "uwsgi", "scgi"]) mkdirSync(join(dir, sub));
  const port = await freePort();
  const conf = join(dir, "nginx.conf");
  writeFileSync(
    conf,
    `# generated for a test; the upstream and server blocks are the README's
${process.getuid?.() === 0 ? "user root;" : ""}
worker_processes 1;
pid ${dir}/nginx.pid;
error_log ${dir}/error.log warn;
events { worker_connections 256; }
http {
  log_format upstreams '$request_method $uri $status upstream=$upstream_addr';
  access_log ${dir}/access.log upstreams;
  client_body_temp_path ${dir}/client_body;
  proxy_temp_path ${dir}/proxy;
  fastcgi_temp_path ${dir}/fastcgi;
  uwsgi_temp_path ${dir}/uwsgi;
  scgi_temp_path ${dir}/scgi;
${localizeNginxBlock(readmeNginxBlock(), upstreams, port)}
}
`,
  );
  const child: ChildProcess = spawn(
    binary,
    ["-p", dir, "-c", conf, "-e", join(dir, "error.log"), "-g", "daemon off;"],
    {
      stdio: ["ignore", "ignore", "pipe"],
    },
  );
  let stderr = "";
  child.stderr?.on("data", (c: Buffer) => {
    stderr += c.toString("utf8");
  });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const stop = async (): Promise<void> => {
    if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
    await exited;
    rmSync(dir, { recursive: true, force: true });
  };

  const deadline = Date.now() + 10_000;
  for (;;) {
    if (child.exitCode !== null) {
      const log = existsSync(join(dir, "error.log")) ? readFileSync(join(dir, "error.log"), "utf8") : "";
      const message = `nginx exited at start:\n${stderr}\n${log}\n--- nginx.conf ---\n${readFileSync(conf, "utf8")}`;
      await stop();
      throw new Error(message);
    }
    const ok = await rawRequest({ port, method: "GET", path: "/healthz" }).then(
      (r) => r.status === 200,
      () => false,
    );
    if (ok) break;
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`nginx did not answer within 10 s:\n${stderr}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }

  return {
    url: `http://127.0.0.1:${port}`,
    port,
    accessLog: () => {
      const file = join(dir, "access.log");
      return existsSync(file) ? readFileSync(file, "utf8").split("\n").filter(Boolean) : [];
    },
    stop,
  };
}
