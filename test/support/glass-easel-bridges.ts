/**
 * The two WeChat built-ins the open-source glass-easel 0.12.1 runtime lacks and vant calls, bridged
 * for jsdom (glass-easel-backend.ts) and Chromium (test/e2e/glass-easel-page) alike. No Node
 * imports: it is bundled into the browser page too.
 */
type AnyRecord = Record<string, unknown>;

/**
 * Makes `Component` drop string behaviors: vant's `wx://form-field-button` is a WeChat built-in
 * (a button submitting a `<form>`) the open-source runtime does not have; the uploader has no form.
 */
export function withoutBuiltinBehaviors<T extends (o: AnyRecord) => unknown>(component: T): T {
  return ((options: AnyRecord) => {
    if (Array.isArray(options.behaviors)) options.behaviors = options.behaviors.filter((b) => typeof b !== 'string');
    return component(options);
  }) as T;
}

/**
 * `wx.createSelectorQuery().in(component)`, the form vant uses: in WeChat that is the component's
 * own query, which glass-easel's adapter gives each component as `this.createSelectorQuery()`.
 */
export function createSelectorQuery(): { in(component: { createSelectorQuery(): unknown }): unknown } {
  return { in: (component) => component.createSelectorQuery() };
}
