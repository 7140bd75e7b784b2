import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, resolve, sep } from 'node:path';
import type { AppErrorPayload, Result } from '../../contract';
import type { Dispatch } from '../api/dispatch';
import type { EventBus } from '../events';
import { RefusalLog, type Logger } from '../logger';
import { systemSession, type Session } from '../session';
import { CONTENT_SECURITY_POLICY } from '../web-security';

export interface BridgeOptions {
  dispatch: Dispatch;
  events: EventBus;
  logger: Logger;
  /** 0 or undefined: a free port. */
  port?: number;
  /** The built renderer (dist/renderer); without it only RPC and events are served. */
  staticDir?: string | undefined;
  /** Defaults to a fresh random token; tests may pass their own. */
  token?: string;
  /** Largest request body accepted, in bytes. */
  maxBodyBytes?: number;
  /** Largest body for the methods that upload files (imports). */
  maxUploadBytes?: number;
}

export interface Bridge {
  port: number;
  token: string;
  /** What to open in a browser: the page plus the token it needs. */
  url: string;
  close(): Promise<void>;
}


/** Methods that carry uploaded files and so may send larger bodies. */
const UPLOAD_METHODS: ReadonlySet<string> = new Set(['import.preview', 'import.run', 'invoices.read']);

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.wasm': 'application/wasm',
};

/**
 * Browser mode and e2e: the core over HTTP on 127.0.0.1 only. Every request must
 * name this machine in its Host header (so a web page cannot reach us through DNS
 * rebinding), and every call must carry the per-run token (so another local page
 * or program cannot). Calls are `POST /rpc/<method>` with the input as JSON and
 * the Result as the answer; events stream from `GET /events` as server-sent events.
 */
export async function startBridge(options: BridgeOptions): Promise<Bridge> {
  const token = options.token ?? randomBytes(32).toString('base64url');
  const maxBody = options.maxBodyBytes ?? 1024 * 1024;
  const maxUpload = options.maxUploadBytes ?? 48 * 1024 * 1024;
  const staticDir = options.staticDir && existsSync(options.staticDir) ? resolve(options.staticDir) : undefined;
  // The token is the connection: after auth.login on it, its calls run as that user.
  const session: Session = systemSession('http', `http:${token.slice(0, 8)}`);
  const streams = new Set<ServerResponse>();
  const refusals = new RefusalLog(options.logger);
  let port = 0;

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      options.logger.log('error', 'bridge request failed', { url: req.url, error: String(error) });
      if (!res.headersSent) sendJson(res, 500, fail('INTERNAL', 'Ocurrió un error inesperado.'));
      else res.end();
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Referrer-Policy', 'no-referrer');
    res.setHeader('Cross-Origin-Resource-Policy', 'same-origin');
    if (!isAllowedHost(req.headers.host, port)) {
      refusals.refused('host', { host: req.headers.host });
      sendJson(res, 403, fail('FORBIDDEN', 'Host no permitido'));
      return;
    }
    const url = new URL(req.url ?? '/', `http://127.0.0.1:${port}`);
    // A path that is not valid percent-encoding (`/%`, `%E0%A4%A`) names nothing: 400, not an error of ours.
    const path = decodePath(url.pathname);
    if (path === null) {
      sendJson(res, 400, fail('VALIDATION', 'La ruta de la solicitud no es válida'));
      return;
    }
    if (path.startsWith('/rpc/')) {
      await handleRpc(req, res, path.slice('/rpc/'.length));
    } else if (path === '/events') {
      handleEvents(req, res, url);
    } else if (req.method === 'GET' || req.method === 'HEAD') {
      serveStatic(res, path);
    } else {
      sendJson(res, 405, fail('VALIDATION', 'Método HTTP no permitido'));
    }
  }

  async function handleRpc(req: IncomingMessage, res: ServerResponse, method: string): Promise<void> {
    if (req.method !== 'POST') {
      res.setHeader('Allow', 'POST');
      sendJson(res, 405, fail('VALIDATION', 'Las operaciones se llaman con POST'));
      return;
    }
    if (!hasToken(bearer(req.headers.authorization), token)) {
      refusals.refused('token', { path: '/rpc' });
      sendJson(res, 401, fail('UNAUTHORIZED', 'Falta el token de acceso o no es válido'));
      return;
    }
    if (req.headers.origin && !isAllowedOrigin(req.headers.origin, port)) {
      refusals.refused('origin', { origin: req.headers.origin });
      sendJson(res, 403, fail('FORBIDDEN', 'Origen no permitido'));
      return;
    }
    const limit = UPLOAD_METHODS.has(method) ? maxUpload : maxBody;
    const body = await readBody(req, limit);
    if (body === 'too-large') {
      sendJson(res, 413, fail('VALIDATION', `La solicitud supera el máximo de ${Math.round(limit / 1024)} KB`));
      return;
    }
    let input: unknown;
    if (body.length > 0) {
      try {
        input = JSON.parse(body.toString('utf8'));
      } catch {
        sendJson(res, 400, fail('VALIDATION', 'El cuerpo de la solicitud no es JSON válido'));
        return;
      }
    }
    const result = await options.dispatch(method, input, session);
    sendJson(res, 200, result);
  }

  function handleEvents(req: IncomingMessage, res: ServerResponse, url: URL): void {
    // EventSource cannot send headers, so the token may come in the query string.
    const given = bearer(req.headers.authorization) ?? url.searchParams.get('token');
    if (!hasToken(given, token)) {
      refusals.refused('token', { path: '/events' });
      sendJson(res, 401, fail('UNAUTHORIZED', 'Falta el token de acceso o no es válido'));
      return;
    }
    // The same rule as /rpc: a page of another origin may not listen to the store's events.
    if (req.headers.origin && !isAllowedOrigin(req.headers.origin, port)) {
      refusals.refused('origin', { origin: req.headers.origin });
      sendJson(res, 403, fail('FORBIDDEN', 'Origen no permitido'));
      return;
    }
    res.writeHead(200, {
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-store',
      Connection: 'keep-alive',
    });
    res.write(': conectado\n\n');
    streams.add(res);
    const unsubscribe = options.events.onAny((name, payload) => {
      res.write(`event: ${name}\ndata: ${JSON.stringify(payload)}\n\n`);
    });
    // A comment every 20 s keeps proxies and the browser from dropping an idle stream.
    const heartbeat = setInterval(() => res.write(': latido\n\n'), 20_000);
    heartbeat.unref();
    req.on('close', () => {
      clearInterval(heartbeat);
      unsubscribe();
      streams.delete(res);
    });
  }

  function serveStatic(res: ServerResponse, pathname: string): void {
    if (!staticDir) {
      res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' });
      res.end('La interfaz no está compilada: corré "npm run build".');
      return;
    }
    const relative = normalize(pathname).replace(/^([/\\])+/, '');
    let file = resolve(join(staticDir, relative));
    if (file !== staticDir && !file.startsWith(staticDir + sep)) {
      sendJson(res, 403, fail('FORBIDDEN', 'Ruta no permitida'));
      return;
    }
    // Unknown paths are client-side routes: the shell handles them.
    if (!existsSync(file) || statSync(file).isDirectory()) file = join(staticDir, 'index.html');
    const isIndex = file.endsWith('index.html');
    res.writeHead(200, {
      'Content-Type': MIME[extname(file)] ?? 'application/octet-stream',
      'Content-Security-Policy': CONTENT_SECURITY_POLICY,
      'X-Frame-Options': 'DENY',
      'Cache-Control': isIndex ? 'no-store' : 'public, max-age=31536000, immutable',
    });
    createReadStream(file).pipe(res);
  }

  await new Promise<void>((resolvePromise, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolvePromise());
  });
  port = (server.address() as AddressInfo).port;

  return {
    port,
    token,
    url: `http://127.0.0.1:${port}/?token=${token}`,
    close: () =>
      new Promise<void>((resolvePromise) => {
        for (const stream of streams) stream.end();
        refusals.flush();
        server.close(() => resolvePromise());
        server.closeAllConnections();
      }),
  };
}

/** The path with its percent-encoding decoded, or null when it is not valid. */
function decodePath(pathname: string): string | null {
  try {
    return decodeURIComponent(pathname);
  } catch {
    return null;
  }
}

function fail(code: AppErrorPayload['code'], message: string): Result<never> {
  return { ok: false, error: { code, message } };
}

function sendJson(res: ServerResponse, status: number, value: unknown): void {
  const body = JSON.stringify(value);
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' });
  res.end(body);
}

export function isAllowedHost(host: string | undefined, port: number): boolean {
  return host === `127.0.0.1:${port}` || host === `localhost:${port}`;
}

function isAllowedOrigin(origin: string, port: number): boolean {
  return origin === `http://127.0.0.1:${port}` || origin === `http://localhost:${port}`;
}

function bearer(header: string | undefined): string | null {
  const match = /^Bearer\s+(\S+)$/i.exec(header ?? '');
  return match ? match[1]! : null;
}

/** Constant-time comparison, so the token cannot be guessed a byte at a time. */
function hasToken(given: string | null, expected: string): boolean {
  if (!given) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

function readBody(req: IncomingMessage, limit: number): Promise<Buffer | 'too-large'> {
  return new Promise((resolvePromise, reject) => {
    const declared = Number(req.headers['content-length'] ?? 0);
    if (declared > limit) {
      req.resume();
      resolvePromise('too-large');
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    let done = false;
    req.on('data', (chunk: Buffer) => {
      if (done) return;
      size += chunk.length;
      if (size > limit) {
        done = true;
        resolvePromise('too-large');
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => {
      if (!done) resolvePromise(Buffer.concat(chunks));
    });
    req.on('error', reject);
  });
}
