/**
 * Where a JSON text stops being JSON. Node 20's JSON.parse does not say (newer versions give a
 * position), and "line 3, column 14" is what lets a sender fix a body; a small scanner finds the
 * offset of the first error. Only called after JSON.parse has failed.
 */

/** The 0-based offset of the first syntax error, or the text length when it ends too early. */
export function jsonErrorOffset(text: string): number {
  let i = 0;
  const fail = (): never => {
    throw i;
  };
  const space = () => {
    while (i < text.length && " \t\r\n".includes(text[i]!)) i += 1;
  };
  const literal = (word: string) => {
    for (const ch of word) if (text[i++] !== ch) return fail();
  };
  const string = () => {
    i += 1;
    while (i < text.length && text[i] !== '"') {
      if (text.charCodeAt(i) < 0x20) fail();
      if (text[i] === "\\") {
        i += 1;
        if (text[i] === "u") {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 1, i + 5))) fail();
          i += 4;
        } else if (!'"\\/bfnrt'.includes(text[i] ?? "")) fail();
      }
      i += 1;
    }
    if (i >= text.length) fail();
    i += 1;
  };
  const value = (): void => {
    space();
    const ch = text[i];
    if (ch === "{") {
      i += 1;
      space();
      if (text[i] === "}") return void (i += 1);
      for (;;) {
        space();
        if (text[i] !== '"') fail();
        string();
        space();
        if (text[i] !== ":") fail();
        i += 1;
        value();
        space();
        if (text[i] === ",") i += 1;
        else if (text[i] === "}") return void (i += 1);
        else fail();
      }
    }
    if (ch === "[") {
      i += 1;
      space();
      if (text[i] === "]") return void (i += 1);
      for (;;) {
        value();
        space();
        if (text[i] === ",") i += 1;
        else if (text[i] === "]") return void (i += 1);
        else fail();
      }
    }
    if (ch === '"') return string();
    if (ch === "t") return literal("true");
    if (ch === "f") return literal("false");
    if (ch === "n") return literal("null");
    const number = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(i, i + 400));
    if (!number) fail();
    i += number![0].length;
  };
  try {
    value();
    space();
    if (i < text.length) fail();
    return text.length;
  } catch (offset) {
    if (typeof offset === "number") return Math.min(offset, text.length);
    throw offset;
  }
}

/** "line L, column C" of an offset (1-based). */
export function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  return { line: before.split("\n").length, column: offset - before.lastIndexOf("\n") };
}
