/** The part of `diff` (jsdiff 7, which ships no types) the CLI prompt uses. */
declare module 'diff' {
  export function createTwoFilesPatch(
    oldFileName: string, newFileName: string, oldStr: string, newStr: string,
    oldHeader?: string, newHeader?: string, options?: { context?: number },
  ): string;
}
