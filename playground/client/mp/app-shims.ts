/**
 * `App`, `getApp`, `Page` and `getCurrentPages` on top of simulate, which only knows `Component`.
 * A page becomes a component whose top-level functions are its methods and whose hooks run from
 * the component's lifetimes, the way WeChat's page lifecycle would call them.
 */
import { pgWindow } from '../globals';

type Fn = (this: unknown, ...args: unknown[]) => unknown;
type Options = Record<string, unknown>;

let app: Options = {};
const pages: unknown[] = [];

function call(target: Options, hook: string, ...args: unknown[]): void {
  const fn = target[hook];
  if (typeof fn === 'function') (fn as Fn).apply(target, args);
}

function clone<T>(value: T): T {
  return value === undefined ? value : (JSON.parse(JSON.stringify(value)) as T);
}

export interface PageContext {
  route: string;
  query: Record<string, string>;
}

/** Set while a page is being loaded: `Page()` needs to know its route. */
let loading: PageContext | null = null;

function definePage(options: Options, context: PageContext): void {
  const methods: Record<string, Fn> = {};
  const fields: Options = {};
  for (const [key, value] of Object.entries(options)) {
    if (key === 'data') continue;
    if (typeof value === 'function') methods[key] = value as Fn;
    else fields[key] = value;
  }
  const Component = pgWindow.Component as (definition: Options) => void;
  Component({
    data: clone(options.data ?? {}),
    methods,
    lifetimes: {
      created(this: Options) {
        Object.assign(this, clone(fields), { route: context.route, options: context.query });
      },
      attached(this: Options) {
        pages.push(this);
        call(this, 'onLoad', { ...context.query });
        call(this, 'onShow');
      },
      ready(this: Options) {
        call(this, 'onReady');
      },
      detached(this: Options) {
        call(this, 'onUnload');
        const i = pages.indexOf(this);
        if (i >= 0) pages.splice(i, 1);
      },
    },
  });
}

export function installAppShims(): void {
  pgWindow.App = (options: Options) => {
    app = options;
  };
  pgWindow.getApp = () => app;
  pgWindow.getCurrentPages = () => pages.slice();
  pgWindow.Page = (options: Options) => {
    if (!loading) throw new Error('Page() called outside a page file');
    definePage(options, loading);
  };
}

/** Runs `load` with `Page()` bound to this route. */
export function withPageContext<T>(context: PageContext, load: () => T): T {
  loading = context;
  try {
    return load();
  } finally {
    loading = null;
  }
}

/** After app.js ran: WeChat's launch sequence. */
export function launchApp(path: string, query: Record<string, string>): void {
  const options = { path, query, scene: 1001, referrerInfo: {} };
  call(app, 'onLaunch', options);
  call(app, 'onShow', options);
}
