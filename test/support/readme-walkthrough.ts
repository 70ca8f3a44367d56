// The README's shell examples as one script, in the order a newcomer runs them. The README marks
// what is not part of the walkthrough with `<!-- walkthrough: skip — why -->` on the line before
// a block; everything else runs. A command whose last line's comment says `→ 409` (or
// `→ 200 or 409`) expects that HTTP status; every other HTTP answer must be 2xx. Commands span
// continued lines, single-quoted bodies over several lines and here-documents.

export interface WalkthroughCommand {
  /** 1-based README line of the command's first line. */
  line: number;
  text: string;
  /** The HTTP statuses the README says this command answers (`→ 409`, `→ 200 or 409`), when not a success. */
  expectStatus: number[] | null;
}

export interface WalkthroughBlock {
  line: number;
  skip: string | null;
  commands: WalkthroughCommand[];
}

const FENCE = /^```(sh|bash)\s*$/;
const SKIP = /^<!--\s*walkthrough:\s*skip\s*[—-]+\s*(.+?)\s*-->$/;
const MARKER = /^<!--\s*walkthrough:/;

/**
 * Reads one line as bash would quote it: whether it leaves a single-quoted string open (a JSON
 * body over several lines), and where its trailing comment starts (outside quotes), if it has one.
 */
function scan(line: string, open: boolean): { open: boolean; comment: number } {
  let inSingle = open;
  let inDouble = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (inSingle) {
      if (c === "'") inSingle = false;
    } else if (inDouble) {
      if (c === '\\') i++;
      else if (c === '"') inDouble = false;
    } else if (c === '\\') i++;
    else if (c === "'") inSingle = true;
    else if (c === '"') inDouble = true;
    else if (c === '#' && (i === 0 || /\s/.test(line[i - 1] as string))) return { open: false, comment: i };
  }
  return { open: inSingle, comment: line.length };
}

export function splitCommands(lines: string[], firstLine: number): WalkthroughCommand[] {
  const commands: WalkthroughCommand[] = [];
  let current: string[] = [];
  let start = 0;
  let openQuote = false;
  let heredoc: string | null = null;
  lines.forEach((line, i) => {
    if (heredoc !== null) {
      current.push(line);
      if (line === heredoc) {
        commands.push({ line: start, text: current.join('\n'), expectStatus: null });
        current = [];
        heredoc = null;
      }
      return;
    }
    if (current.length === 0) {
      if (/^\s*(#.*)?$/.test(line)) return; // a comment or a blank line between commands
      start = firstLine + i;
    }
    current.push(line);
    const read = scan(line, openQuote);
    openQuote = read.open;
    if (openQuote || /\\$/.test(line)) return;
    const code = line.slice(0, read.comment);
    const comment = line.slice(read.comment);
    const here = /<<-?\s*'?(\w+)'?\s*$/.exec(code.trimEnd());
    if (here) {
      heredoc = here[1] as string;
      return;
    }
    const expect = /→\s*(\d{3}(?:\s+or\s+\d{3})*)\b/.exec(comment);
    commands.push({
      line: start,
      text: current.join('\n'),
      expectStatus: expect ? (expect[1] as string).split(/\s+or\s+/).map(Number) : null,
    });
    current = [];
  });
  if (current.length)
    throw new Error(`README line ${start}: a command does not end (an open quote, a trailing \\ or a here-document)`);
  return commands;
}

export function walkthroughBlocks(readme: string): WalkthroughBlock[] {
  const lines = readme.split('\n');
  const blocks: WalkthroughBlock[] = [];
  for (let i = 0; i < lines.length; i++) {
    if (!FENCE.test(lines[i] as string)) continue;
    const end = lines.findIndex((l, j) => j > i && l.startsWith('```'));
    if (end < 0) throw new Error(`README line ${i + 1}: a code block that never closes`);
    let before = i - 1;
    while (before >= 0 && (lines[before] as string).trim() === '') before--;
    const marker = (lines[before] ?? '').trim();
    const skip = SKIP.exec(marker);
    if (!skip && MARKER.test(marker)) throw new Error(`README line ${before + 1}: a walkthrough marker without "skip — why"`);
    blocks.push({
      line: i + 1,
      skip: skip ? (skip[1] as string) : null,
      commands: splitCommands(lines.slice(i + 1, end), i + 2),
    });
    i = end;
  }
  return blocks;
}

/**
 * The script bash runs: helpers first (curl records each HTTP status, `ionmesh` is the project's
 * command), then each command between a start and a check that names its README line.
 */
export function walkthroughScript(blocks: WalkthroughBlock[], ionmeshCommand: string): string {
  const prelude = `
set -o pipefail
__statuses=$(mktemp)
__errors=()
trap '__errors+=("exit $? from: $BASH_COMMAND")' ERR
curl() {
  local out rc
  out=$(command curl -w '\\n%{http_code}' "$@"); rc=$?
  printf '%s\\n' "\${out%$'\\n'*}"
  printf '%s\\n' "\${out##*$'\\n'}" >> "$__statuses"
  return $rc
}
ionmesh() { ${ionmeshCommand} "$@"; }
npx() { if [ "$1" = ionmesh ]; then shift; ionmesh "$@"; else command npx "$@"; fi; }
__start() { __line=$1; __expect=$2; __errors=(); : > "$__statuses"; echo "@@ README line $1"; }
__check() {
  if [ \${#__errors[@]} -gt 0 ]; then echo "@@ FAILED README line $__line: \${__errors[*]}"; exit 1; fi
  while read -r s; do
    if [ -n "$__expect" ]; then [[ " $__expect " == *" $s "* ]] && continue
    elif [ "$s" -ge 200 ] 2>/dev/null && [ "$s" -lt 300 ]; then continue; fi
    echo "@@ FAILED README line $__line: HTTP $s (expected \${__expect:-2xx})"; exit 1
  done < "$__statuses"
  if [ -n "$__expect" ] && [ ! -s "$__statuses" ]; then
    echo "@@ FAILED README line $__line: no HTTP answer (expected $__expect)"; exit 1
  fi
}
`;
  const body = blocks
    .filter((b) => !b.skip)
    .flatMap((b) => b.commands.map((c) => `__start ${c.line} '${c.expectStatus?.join(' ') ?? ''}'\n${c.text}\n__check\n`));
  return `${prelude}\n${body.join('\n')}\necho '@@ walkthrough done'\n`;
}
