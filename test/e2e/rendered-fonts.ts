/**
 * Which fonts the browser really drew an element's text with, asked through the DevTools protocol
 * (`CSS.getPlatformFontsForNode`): a glyph missing from the web font shows up as a fallback font
 * of the machine, a font that never loaded as the fallback it was replaced with. An element's own
 * text includes its `::before` content, so a vant icon reports the icon font.
 */
import { Session } from './harness';

export interface RenderedFont {
  family: string;
  /** Loaded by the page (a web font), not found on the machine. */
  webFont: boolean;
  glyphs: number;
}

export interface RenderedText {
  /** The element, e.g. `WX-VIEW.van-icon--van-icon.van-icon--van-icon-plus`. */
  where: string;
  /** The text node's text ('' for an element's `::before` content). */
  text: string;
  /** Its computed `font-family`. */
  fontFamily: string;
  fonts: RenderedFont[];
}

interface DomNode {
  nodeId: number;
  nodeType: number;
  nodeName: string;
  nodeValue: string;
  attributes?: string[];
  children?: DomNode[];
}

function describe(node: DomNode): string {
  const attrs = node.attributes ?? [];
  const at = attrs.indexOf('class');
  const classes = at >= 0 && at % 2 === 0 ? attrs[at + 1].trim().split(/\s+/).filter(Boolean).map((c) => '.' + c).join('') : '';
  return node.nodeName + classes;
}

function index(node: DomNode, into: Map<number, DomNode>): Map<number, DomNode> {
  into.set(node.nodeId, node);
  for (const child of node.children ?? []) index(child, into);
  return into;
}

const TEXT_NODE = 3;

/**
 * The fonts of the text of every element `selector` matches: one entry per own text node (so a
 * parent never reports its children's fonts), or, for an element without text of its own, the
 * element itself (its `::before` content: an icon).
 */
export async function renderedFonts(s: Session, selector: string): Promise<RenderedText[]> {
  const cdp = await s.context.newCDPSession(s.page);
  try {
    await cdp.send('DOM.enable');
    await cdp.send('CSS.enable');
    const { root } = (await cdp.send('DOM.getDocument', { depth: -1 })) as { root: DomNode };
    const nodes = index(root, new Map());
    const { nodeIds } = await cdp.send('DOM.querySelectorAll', { nodeId: root.nodeId, selector });
    const out: RenderedText[] = [];
    for (const nodeId of nodeIds) {
      const node = nodes.get(nodeId) as DomNode;
      const texts = (node.children ?? []).filter((c) => c.nodeType === TEXT_NODE && c.nodeValue.trim() !== '');
      const { computedStyle } = await cdp.send('CSS.getComputedStyleForNode', { nodeId });
      const fontFamily = computedStyle.find((p) => p.name === 'font-family')?.value ?? '';
      const hasElementChildren = (node.children ?? []).some((c) => c.nodeType === 1);
      const targets = texts.length > 0 ? texts : hasElementChildren ? [] : [node];
      for (const target of targets) {
        const { fonts } = await cdp.send('CSS.getPlatformFontsForNode', { nodeId: target.nodeId });
        if (fonts.length === 0) continue;
        out.push({
          where: describe(node),
          text: target === node ? '' : target.nodeValue,
          fontFamily,
          fonts: fonts.map((f) => ({ family: f.familyName, webFont: f.isCustomFont, glyphs: f.glyphCount })),
        });
      }
    }
    return out;
  } finally {
    await cdp.detach().catch(() => undefined);
  }
}
