/**
 * miniprogram-compiler ships no declarations. The playground uses one function of it: WeChat's
 * official template compiler (wcc), which turns `.wxml`/`.wxs` files under a root into the script
 * miniprogram-simulate's browser bundle evaluates.
 */
declare module 'miniprogram-compiler' {
  export interface WxmlToJsOptions {
    /** Absolute paths of every template to compile, under `root`. */
    wxmlList: string[];
    /** Absolute paths of every wxs module the templates reference. */
    wxsList: string[];
  }
  export function wxmlToJs(root: string, options: WxmlToJsOptions): string;
}
