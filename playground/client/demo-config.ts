/**
 * Points the demo at this page's emulator: the demo's `config.js` names an endpoint, product,
 * device and the token its login stand-in returns; the emulator here may run on another port.
 * The token is not touched: the playground's emulator accepts the demo's (see playground/server/start.ts).
 */
import { requireFile } from './mp/loader';
import { pgWindow } from './globals';
import { EmulatorState } from './session';

export function configureDemo(state: EmulatorState): void {
  if (typeof pgWindow.__FILE_MAP__['config.js'] !== 'string') return;
  const config = requireFile('config.js');
  if (!config || typeof config !== 'object') return;
  const online = state.devices.find((d) => d.online) ?? state.devices[0];
  Object.assign(config, {
    endpoint: state.endpoint,
    productId: state.productId,
    deviceId: online ? online.deviceId : '',
    // devToken stays the demo's own: the playground's emulator accepts it, and never hands out its token.
  });
}
