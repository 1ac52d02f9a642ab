/**
 * The token API on loopback: another page in the developer's browser may not spend the demo token
 * (a browser sends cross-site POSTs without asking, even when it hides the answer), while the
 * emulator's own page, Node and WeChat (no Origin) keep working.
 */
import { Emulator, startEmulator } from '../../emulator';
import { RawAnswer, rawRequest } from './helpers';

const JSON_TYPE = { 'content-type': 'application/json' };

describe('the token API refuses other pages', () => {
  let emu: Emulator;
  beforeEach(async () => {
    emu = await startEmulator({ port: 0 });
  });
  afterEach(() => emu.stop());

  let counter = 0;
  const uploadBody = () =>
    JSON.stringify({
      AccessToken: emu.token,
      RequestId: `origin-${++counter}`,
      Action: 'AppGetResourceUploadURL',
      ProductId: emu.productId,
      UserResourceName: 'x',
      FileSize: 1,
      ResourceVer: '1',
    });
  const send = (headers: Record<string, string>): Promise<RawAnswer> =>
    rawRequest(emu.endpoint, 'POST', { ...JSON_TYPE, ...headers }, uploadBody());

  /** The call was refused the API's way, and nothing was issued. */
  function expectRefused(answer: RawAnswer): void {
    expect(answer.status).toBe(403);
    const body = JSON.parse(answer.body) as { code: number; data: { Error: { Code: string }; RequestId: string } };
    expect(body.code).toBe(-1000);
    expect(body.data.Error.Code).toBe('UnauthorizedOperation.CrossSiteRequest');
    expect(body.data.RequestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(answer.body).not.toContain('UploadUrl');
    expect(answer.headers['access-control-allow-origin']).toBeUndefined();
  }

  const issued = () => emu.calls.filter((c) => c.type === 'api' && c.action === 'AppGetResourceUploadURL').length;

  test('a foreign Origin is refused before anything is issued', async () => {
    for (const origin of ['http://evil.example', 'https://evil.example', 'null', `https://127.0.0.1:${emu.port}`]) {
      expectRefused(await send({ origin }));
    }
    expect(issued()).toBe(0);
  });

  test('a page on another port of the same host is another page', async () => {
    expectRefused(await send({ origin: `http://127.0.0.1:${emu.port === 1 ? 2 : emu.port - 1}` }));
    expectRefused(await send({ origin: `http://localhost:${emu.port + 1}` }));
  });

  test('Sec-Fetch-Site cross-site (or same-site) is refused, even beside the emulator\'s own Origin', async () => {
    expectRefused(await send({ 'sec-fetch-site': 'cross-site' }));
    expectRefused(await send({ origin: emu.origin, 'sec-fetch-site': 'cross-site' }));
    expectRefused(await send({ 'sec-fetch-site': 'same-site' }));
    expect(issued()).toBe(0);
  });

  test('the refusal comes in the configured envelope, as a logged call without action', async () => {
    emu.configure({ envelope: 'response' });
    const answer = await send({ origin: 'http://evil.example' });
    expect(answer.status).toBe(403);
    expect(JSON.parse(answer.body)).toEqual({
      Response: { Error: { Code: 'UnauthorizedOperation.CrossSiteRequest', Message: expect.any(String) }, RequestId: expect.any(String) },
    });
    const [call] = emu.calls;
    expect(call).toMatchObject({ type: 'api', action: null, status: 403, errorCode: 'UnauthorizedOperation.CrossSiteRequest' });
  });

  test('a refused request does not use up an injected fault', async () => {
    emu.faults.inject({ target: 'AppGetResourceUploadURL', kind: 'apiError', code: 'RequestLimitExceeded' });
    expectRefused(await send({ origin: 'http://evil.example' }));
    expect(emu.faults.pending()).toHaveLength(1);
  });

  test('its own page (same Origin, same-origin) is served', async () => {
    const ownPage: Array<Record<string, string>> = [
      { origin: emu.origin, 'sec-fetch-site': 'same-origin' },
      { origin: emu.origin },
      { origin: `http://localhost:${emu.port}`, 'sec-fetch-site': 'same-origin' },
      { 'sec-fetch-site': 'none' },
    ];
    for (const headers of ownPage) {
      const answer = await send(headers);
      expect(answer.status).toBe(200);
      expect(JSON.parse(answer.body)).toMatchObject({ code: 0, data: { UploadUrl: expect.any(String) } });
    }
    expect(issued()).toBe(4);
  });

  test('no Origin (Node, WeChat) is served', async () => {
    const answer = await send({});
    expect(answer.status).toBe(200);
    expect(JSON.parse(answer.body)).toMatchObject({ code: 0, data: { RequestId: `origin-${counter}` } });
  });

  test('a refused request with a large body still gets its answer', async () => {
    const big = JSON.stringify({ Action: 'AppGetResourceUploadURL', pad: 'x'.repeat(3 * 1024 * 1024) });
    const answer = await rawRequest(emu.endpoint, 'POST', { ...JSON_TYPE, origin: 'http://evil.example' }, big);
    expectRefused(answer);
  });
});
