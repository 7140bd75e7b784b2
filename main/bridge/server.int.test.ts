import { request } from 'node:http';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openTestApp, TEST_PASSWORD, type TestApp } from '../testing';
import { startBridge, type Bridge } from './server';

let app: TestApp;
let bridge: Bridge;

beforeEach(async () => {
  app = await openTestApp();
  bridge = await startBridge({ dispatch: app.dispatch, events: app.events, logger: app.logger, maxBodyBytes: 64 * 1024 });
});
afterEach(async () => {
  await bridge.close();
  app.dispose();
});

interface Reply {
  status: number;
  body: string;
}

function send(path: string, options: { method?: string; headers?: Record<string, string>; body?: string } = {}): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port: bridge.port, path, method: options.method ?? 'POST', headers: options.headers },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => (body += c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      },
    );
    req.on('error', reject);
    if (options.body !== undefined) req.write(options.body);
    req.end();
  });
}

const auth = () => ({ Authorization: `Bearer ${bridge.token}`, 'Content-Type': 'application/json' });

describe('HTTP bridge', () => {
  it('answers a call with the same Result as dispatch, as the user who logged in on the token', async () => {
    const before = JSON.parse((await send('/rpc/products.list', { headers: auth(), body: '{}' })).body);
    expect(before).toMatchObject({ ok: false, error: { code: 'UNAUTHORIZED' } });
    const login = JSON.parse((await send('/rpc/auth.login', { headers: auth(), body: JSON.stringify({ user: 'Dueña', password: TEST_PASSWORD }) })).body);
    expect(login).toMatchObject({ ok: true, data: { user: { name: 'Dueña', role: 'dueño' }, locked: false } });
    const reply = await send('/rpc/products.create', {
      headers: auth(),
      body: JSON.stringify({ sku: 'A1', name: 'Arroz largo fino 1 kg', price: 189900 }),
    });
    expect(reply.status).toBe(200);
    expect(JSON.parse(reply.body)).toMatchObject({ ok: true, data: { sku: 'A1', price: 189900 } });
    const info = JSON.parse((await send('/rpc/system.info', { headers: auth() })).body);
    expect(info).toMatchObject({ ok: true, data: { productCount: 1 } });
    const bad = JSON.parse((await send('/rpc/products.create', { headers: auth(), body: '{"sku":""}' })).body);
    expect(bad).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
  });

  it('refuses a missing or wrong token with 401', async () => {
    const missing = await send('/rpc/system.info', { body: '{}' });
    expect(missing.status).toBe(401);
    expect(JSON.parse(missing.body)).toMatchObject({ ok: false, error: { code: 'UNAUTHORIZED' } });
    const wrong = await send('/rpc/system.info', { headers: { Authorization: `Bearer ${bridge.token}x` }, body: '{}' });
    expect(wrong.status).toBe(401);
    const events = await send('/events?token=nope', { method: 'GET' });
    expect(events.status).toBe(401);
  });

  it('refuses a Host header that is not 127.0.0.1 or localhost', async () => {
    for (const host of ['evil.example:80', `gondola.example:${bridge.port}`, '127.0.0.1', `127.0.0.2:${bridge.port}`]) {
      const reply = await send('/rpc/system.info', { headers: { ...auth(), Host: host }, body: '{}' });
      expect(reply.status, host).toBe(403);
    }
    const ok = await send('/rpc/system.info', { headers: { ...auth(), Host: `localhost:${bridge.port}` }, body: '{}' });
    expect(ok.status).toBe(200);
  });

  it('refuses a foreign Origin, bad JSON and an oversized body without calling the core', async () => {
    const foreign = await send('/rpc/system.info', { headers: { ...auth(), Origin: 'https://evil.example' }, body: '{}' });
    expect(foreign.status).toBe(403);
    const badJson = await send('/rpc/products.create', { headers: auth(), body: '{"sku": ' });
    expect(badJson.status).toBe(400);
    const huge = await send('/rpc/products.create', {
      headers: auth(),
      body: JSON.stringify({ sku: 'B', name: 'x'.repeat(100_000), price: 1 }),
    });
    expect(huge.status).toBe(413);
    expect((await app.ok('products.list', {})).total).toBe(0);
  });

  it('streams events over server-sent events', async () => {
    const received = new Promise<string>((resolve, reject) => {
      const req = request(
        { host: '127.0.0.1', port: bridge.port, path: `/events?token=${bridge.token}`, method: 'GET' },
        (res) => {
          expect(res.headers['content-type']).toContain('text/event-stream');
          let text = '';
          let created = false;
          res.setEncoding('utf8');
          res.on('data', (chunk: string) => {
            text += chunk;
            if (!created && text.includes(': conectado')) {
              created = true;
              void app.ok('products.create', { sku: 'EV1', name: 'Fideos', price: 99900 });
            }
            if (text.includes('event: products.changed')) {
              req.destroy();
              resolve(text);
            }
          });
        },
      );
      req.on('error', reject);
      req.end();
    });
    const text = await received;
    expect(text).toMatch(/event: products\.changed\ndata: \{"ids":\["id-\d+"\]\}/);
  });
});
