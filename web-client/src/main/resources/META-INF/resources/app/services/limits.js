// The protocol's limits the client holds its inputs to (docs/protocol.md, "Errors and limits").

/** A message's content, in characters: sending and editing alike. */
export const MAX_MESSAGE_CHARS = 40_000;
