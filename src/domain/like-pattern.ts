// LIKE patterns built from what a caller typed: every wildcard and the escape character are
// taken literally (PostgreSQL's default escape is the backslash; a trailing one is an error).

/** The text as a LIKE pattern that matches exactly that text (case rules are the operator's). */
export const likeLiteral = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);

/** A LIKE pattern matching any text that contains `text`. */
export const likeContaining = (text: string) => `%${likeLiteral(text)}%`;
