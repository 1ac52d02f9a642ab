/**
 * Points the demo at this page's emulator: the demo's `config.js` names an endpoint, product,
 * device and the token its login stand-in returns; the emulator here may run on another port.
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
    devToken: state.token,
  });
}
