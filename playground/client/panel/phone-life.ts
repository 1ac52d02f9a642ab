/**
 * The panel's "App and network" section: send the app to the background for 6 s (in-flight
 * requests are cut `interrupted` after 5 s, new ones fail until it is back), and lose the network
 * and get it back. The uploaders on the page should show their files waiting, then finish alone.
 */
import { phone } from '../wx/phone';
import { button, h, section } from './dom';

export const BACKGROUND_STAY_MS = 6000;

function describe(): string {
  const app = phone.hidden ? `In the background${phone.showsAt ? ` (back in ${Math.max(0, Math.ceil((phone.showsAt - Date.now()) / 1000))} s)` : ''}` : 'In the foreground';
  return `${app} · ${phone.online ? 'network: ' + phone.networkType : 'no network'}`;
}

export function phoneLifeSection(): HTMLElement {
  const { root, body } = section('App and network', 'app-network');
  const state = h('div', { class: 'pg-label', 'data-phone-state': '', role: 'status', 'aria-live': 'polite' });
  const background = button('Send the app to the background for 6 s', { 'data-action': 'background-6s' }, () => phone.hideFor(BACKGROUND_STAY_MS));
  const lose = button('Lose the network', { 'data-action': 'network-off' }, () => phone.goOffline());
  const regain = button('Get it back', { 'data-action': 'network-on' }, () => phone.goOnline());
  let ticker: ReturnType<typeof setInterval> | undefined;
  const render = () => {
    state.textContent = describe();
    state.dataset.hidden = String(phone.hidden);
    state.dataset.online = String(phone.online);
    background.disabled = phone.hidden;
    lose.disabled = !phone.online;
    regain.disabled = phone.online;
    // The countdown moves only while the app is away.
    if (phone.hidden && ticker === undefined) ticker = setInterval(render, 250);
    if (!phone.hidden && ticker !== undefined) {
      clearInterval(ticker);
      ticker = undefined;
    }
  };
  phone.onChange(render);
  render();
  body.append(state, h('div', { class: 'pg-buttons' }, background), h('div', { class: 'pg-buttons' }, lose, regain));
  return root;
}
