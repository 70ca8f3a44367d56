// A JSON body may nest at most MAX_JSON_DEPTH objects and arrays: deeper bodies are refused
// before they are parsed (a few kilobytes of brackets would otherwise cost recursion everywhere
// they are read). One pass over the text, outside strings.
export const MAX_JSON_DEPTH = 32;

export function jsonDepthExceeds(text: string, max = MAX_JSON_DEPTH) {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92)
        i++; // backslash: skip the escaped character
      else if (c === 34) inString = false;
    } else if (c === 34) inString = true;
    else if (c === 123 || c === 91) {
      depth++;
      if (depth > max) return true;
    } else if (c === 125 || c === 93) depth--;
  }
  return false;
}
