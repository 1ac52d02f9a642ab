/**
 * Where the demo uploads. By default the local emulator of this repository:
 *   npm run emulator -- --token emulator-demo-token-0001
 * (or paste the token it prints below). For the real service, set `target` to 'cloud' and fill in
 * `cloud` with your product and a token from your own login flow (AppGetTokenByWeiXin).
 */
const target = 'emulator';

const settings = {
  emulator: {
    // http is accepted for loopback hosts only; DevTools needs "do not verify domains" for it.
    endpoint: 'http://127.0.0.1:8787/api/exploreropen/tokenapi',
    productId: 'EMUPRODUCT',
    deviceId: 'EMUPRODUCT/dev-online',
    devToken: 'emulator-demo-token-0001',
  },
  cloud: {
    endpoint: 'https://iot.cloud.tencent.com/api/exploreropen/tokenapi',
    productId: '',
    deviceId: '',
    // Never ship a token: the login stand-in in app.js is where your real login goes.
    devToken: '',
  },
};

module.exports = settings[target];
