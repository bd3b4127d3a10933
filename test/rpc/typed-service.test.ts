/**
 * Typed services: a service interface types handlers, `client.call.<message>` and
 * `client.send`; a protocol defined from Types (Protocol.define) serves class instances.
 */
import { afterEach, describe, expect, expectTypeOf, it } from 'vitest';
import { Type } from '../../src/type.js';
import { Client, Protocol, RpcRemoteError, Server, connect, listen } from '../../src/rpc/index.js';
import type { CallOptions } from '../../src/rpc/index.js';

class Point {
  x = 0;
  y = 0;
}
class OutOfBounds {
  limit = 0;
}
const point = Type.forSchema(
  { type: 'record', name: 'geo.Point', fields: [{ name: 'x', type: 'int' }, { name: 'y', type: 'int' }] },
  { constructors: { 'geo.Point': Point } },
);
const outOfBounds = Type.forSchema(
  { type: 'error', name: 'geo.OutOfBounds', fields: [{ name: 'limit', type: 'int' }] },
  { constructors: { 'geo.OutOfBounds': OutOfBounds } },
);

interface Geo {
  move: { request: { p: Point; dx: number }; response: Point };
  origin: { request: Record<string, never>; response: Point };
}

const protocol = Protocol.define({
  protocol: 'Geo',
  namespace: 'geo',
  messages: {
    move: { request: { p: point, dx: 'int' }, response: point, errors: [outOfBounds] },
    origin: { request: {}, response: point },
  },
});

const open: { close(): Promise<void> }[] = [];
afterEach(async () => {
  for (const x of open.splice(0)) await x.close();
});

describe('typed services', () => {
  it('types handlers and client methods from the service interface', () => {
    const server = new Server<Geo>(protocol, { move: ({ p, dx }) => ({ x: p.x + dx, y: p.y }) });
    expectTypeOf(server.on).parameter(0).toEqualTypeOf<'move' | 'origin'>();
    const client = new Client<Geo>(protocol, { stateful: false, remoteName: 'x', request: async () => new Uint8Array(), close: async () => {} });
    expectTypeOf(client.call.move).toEqualTypeOf<(request: { p: Point; dx: number }, options?: CallOptions) => Promise<Point>>();
    expectTypeOf(client.send<'origin'>).returns.toEqualTypeOf<Promise<Point>>();
  });

  for (const scheme of ['tcp', 'http']) {
    it(`a protocol defined from Types serves and returns class instances (${scheme})`, async () => {
      const server = new Server<Geo>(protocol, {
        move: ({ p, dx }) => {
          expect(p).toBeInstanceOf(Point);
          if (p.x + dx > 100) throw Object.assign(new OutOfBounds(), { limit: 100 });
          return Object.assign(new Point(), { x: p.x + dx, y: p.y });
        },
        origin: () => new Point(),
      });
      const listener = await listen(`${scheme}://127.0.0.1:0/`, server);
      const client = connect<Geo>(`${scheme}://127.0.0.1:${listener.port}/`, protocol);
      open.push(client, listener);
      const moved = await client.call.move({ p: Object.assign(new Point(), { x: 1, y: 2 }), dx: 3 });
      expect(moved).toBeInstanceOf(Point);
      expect(moved).toMatchObject({ x: 4, y: 2 });
      const e = (await client.call.move({ p: new Point(), dx: 500 }).catch((x: unknown) => x)) as RpcRemoteError;
      expect(e).toBeInstanceOf(RpcRemoteError);
      expect(e.value).toBeInstanceOf(OutOfBounds);
      expect(e.value).toMatchObject({ limit: 100 });
      expect(await client.call.origin({})).toBeInstanceOf(Point);
    });
  }
});
