// The few jsdom types the extraction benchmark uses. @types/jsdom is not installed: it pulls the DOM lib into the whole program.
declare module 'jsdom' {
  export class VirtualConsole {}
  export class JSDOM {
    constructor(html: string, options?: { virtualConsole?: VirtualConsole });
    readonly window: { readonly document: unknown };
  }
}
