/**
 * The page's `<resource-uploader>` instances, to override their `locale` from the panel. Only id and
 * class selectors work in simulate, and the demo's uploaders need neither, so the instances are
 * found through the DOM (exparser keeps each element's component on `__wxElement`).
 */
interface ComponentInstance {
  data: Record<string, unknown>;
  setData(data: Record<string, unknown>): void;
}

type ExparserDom = Element & { __wxElement?: { __methodCaller?: ComponentInstance } };

function instances(root: ParentNode): ComponentInstance[] {
  return Array.from(root.querySelectorAll('resource-uploader'))
    .map((el) => (el as ExparserDom).__wxElement?.__methodCaller)
    .filter((c): c is ComponentInstance => !!c && typeof c.setData === 'function');
}

/** Each instance's own `locale`, remembered the first time it is overridden. */
const own = new WeakMap<ComponentInstance, unknown>();

/** `''` gives every instance its page-given locale back. */
export function overrideLocale(root: ParentNode, locale: string): void {
  for (const c of instances(root)) {
    if (!own.has(c)) own.set(c, c.data.locale);
    c.setData({ locale: locale || own.get(c) });
  }
}
