/**
 * appDevSdkTokenProvider against the real official SDK (`qcloud-iotexplorer-appdev-sdk`), its
 * requests (`AppGetUser` when it logs in) and the package's uploads both answered by the emulator
 * over real HTTP, through the testing entry's `wx`. One login for a batch, one re-login when the
 * token goes stale, never the SDK asked twice for one reason within one upload.
 */
import { AppDevSdk } from 'qcloud-iotexplorer-appdev-sdk';
import { Emulator, startEmulator } from '../../emulator';
import { createTestWx } from '../../host-testing/test-wx';
import { appDevSdkTokenProvider, setAccessTokenProvider, uploadResource } from '../../components';
import type { AccessTokenProvider } from '../../components';

let emu: Emulator;
/** The token your server would hand the SDK now. */
let serverToken: string;
let getAccessTokenCalls = 0;
let getAccessTokenFails = false;

const FILES = Array.from({ length: 4 }, (_, i) => ({ name: `f${i}.bin`, data: `file number ${i}` }));

function newSdk(): AppDevSdk {
  getAccessTokenCalls = 0;
  return new AppDevSdk({
    getAccessToken: async () => {
      getAccessTokenCalls++;
      if (getAccessTokenFails) throw new Error('your login server is down');
      return { Token: serverToken };
    },
    apiUrl: emu.origin + '/api/exploreropen/',
    reporter: () => undefined,
    enableAccessTokenCache: false,
    wsConfig: { connectWhenInit: false, autoReconnect: false },
  });
}

const logins = () => emu.calls.filter((c) => c.type === 'api' && c.action === 'AppGetUser').length;
const upload = (i: number) => uploadResource({ filePath: `wxfile://tmp/f${i}.bin`, productId: emu.productId, endpoint: emu.endpoint, retryDelay: 1 });

beforeAll(async () => {
  emu = await startEmulator();
  (globalThis as { wx?: unknown }).wx = createTestWx({ files: FILES });
  // The SDK logs every call to the console; its lines are not what this test reads.
  for (const m of ['log', 'info', 'warn', 'error', 'debug'] as const) jest.spyOn(console, m).mockImplementation(() => undefined);
});

beforeEach(async () => {
  await emu.reset();
  serverToken = emu.token;
  getAccessTokenFails = false;
});

afterEach(() => setAccessTokenProvider(null));

afterAll(async () => {
  await emu.stop();
  delete (globalThis as { wx?: unknown }).wx;
  jest.restoreAllMocks();
});

test('the real SDK fits the provider’s shape, and the provider fits AccessTokenProvider', () => {
  const provider: AccessTokenProvider = appDevSdkTokenProvider(newSdk());
  expect(typeof provider).toBe('function');
});

test('not logged in: a batch of 4 uploads logs the SDK in once, and every file is stored', async () => {
  const sdk = newSdk();
  setAccessTokenProvider(appDevSdkTokenProvider(sdk));
  const results = await Promise.all(FILES.map((_, i) => upload(i)));
  expect(results.map((r) => r.size)).toEqual(FILES.map((f) => f.data.length));
  expect(getAccessTokenCalls).toBe(1);
  expect(logins()).toBe(1);
  expect(sdk.loginManager.isLogin).toBe(true);
  expect(emu.objects()).toHaveLength(4);
});

test('already logged in: the SDK’s token is used as it is, with no login', async () => {
  const sdk = newSdk();
  await sdk.loginManager.login();
  const before = logins();
  setAccessTokenProvider(appDevSdkTokenProvider(sdk));
  await upload(0);
  expect(getAccessTokenCalls).toBe(1); // the login above, nothing since
  expect(logins()).toBe(before);
});

test('a login already running is joined, not doubled', async () => {
  const sdk = newSdk();
  const running = sdk.loginManager.login();
  setAccessTokenProvider(appDevSdkTokenProvider(sdk));
  await Promise.all([upload(0), upload(1)]);
  await running;
  expect(getAccessTokenCalls).toBe(1);
  expect(logins()).toBe(1);
});

test('a stale token: the server refuses it, one re-login for the batch gives the new one, every file is stored', async () => {
  const sdk = newSdk();
  await sdk.loginManager.login();
  // The server forgets the SDK's token; your login server now hands out another.
  const fresh = 'fresh-token-0123456789abcdef0123456789';
  emu.revokeToken(emu.token);
  emu.addToken(fresh, emu.uid);
  serverToken = fresh;
  const before = logins();
  setAccessTokenProvider(appDevSdkTokenProvider(sdk));
  const results = await Promise.all([upload(0), upload(1), upload(2)]);
  expect(results).toHaveLength(3);
  expect(getAccessTokenCalls).toBe(2); // the first login, then one re-login
  expect(logins() - before).toBe(1);
  expect(sdk.loginManager.accessToken).toBe(fresh);
  const refused = emu.calls.filter((c) => c.type === 'api' && c.action === 'AppGetResourceUploadURL' && c.errorCode);
  expect(refused.length).toBe(3);
});

test('a login that fails ends the upload with MissingAccessToken, the SDK asked once', async () => {
  getAccessTokenFails = true;
  const sdk = newSdk();
  setAccessTokenProvider(appDevSdkTokenProvider(sdk));
  await expect(upload(0)).rejects.toMatchObject({ code: 'MissingAccessToken' });
  expect(getAccessTokenCalls).toBe(1);
  expect(emu.objects()).toHaveLength(0);
});

test('a re-login that fails ends the upload with the server’s invalid-token code, re-logged in once', async () => {
  const sdk = newSdk();
  await sdk.loginManager.login();
  emu.revokeToken(emu.token);
  getAccessTokenFails = true;
  setAccessTokenProvider(appDevSdkTokenProvider(sdk));
  await expect(upload(0)).rejects.toMatchObject({ code: 'InvalidParameterValue.InvalidAccessToken' });
  expect(getAccessTokenCalls).toBe(2);
});
