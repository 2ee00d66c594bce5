/**
 * The value of a `"""..."""` text block: the text between the quotes, without the line break that
 * directly follows the opening quotes, without the trailing blank line before the closing quotes, and
 * with the indentation common to all non-blank lines removed, so prompts can be indented with the code.
 */
export function textBlockValue(raw: string): string {
  let body = raw.slice(3, -3);
  body = body.replace(/^[ \t]*\r?\n/, '').replace(/\r?\n[ \t]*$/, '');
  const lines = body.split(/\r?\n/);
  const indents = lines.filter((line) => line.trim().length > 0).map((line) => /^[ \t]*/.exec(line)?.[0].length ?? 0);
  const common = indents.length > 0 ? Math.min(...indents) : 0;
  return lines.map((line) => line.slice(Math.min(common, /^[ \t]*/.exec(line)?.[0].length ?? 0))).join('\n');
}
