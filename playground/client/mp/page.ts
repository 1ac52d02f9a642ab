/** Loads a page of the mini-program with simulate and renders it into the phone. */
import { pgWindow, SimComponent } from '../globals';
import { withPageContext } from './app-shims';

export function readJson<T>(path: string): T | undefined {
  const text = pgWindow.__FILE_MAP__[path];
  return typeof text === 'string' ? (JSON.parse(text) as T) : undefined;
}

export function renderPage(route: string, query: Record<string, string>, container: HTMLElement): SimComponent {
  // The page's styles are scoped under the tag `page`, and its root is a `<page>` element, as in WeChat.
  const id = withPageContext({ route, query }, () => pgWindow.simulate.load(route, 'page', { compiler: 'official', rootPath: '' }));
  const page = pgWindow.simulate.render(id);
  page.attach(container);
  return page;
}
