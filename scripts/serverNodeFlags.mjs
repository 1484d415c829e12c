/**
 * Node flags the server runs with (and the benchmarks, which load rooms in-process).
 *
 * A fixed 64 MiB young generation. Loading a board decodes its whole Yjs document: some 10 MB of
 * objects that live as long as the room. With V8's default young generation, which starts at 1 MiB
 * and grows on demand, a load is interrupted by scavenges that copy them on their way to the old
 * generation; `npm run bench -- --only history` measured a 100,000-update board loading in about
 * 40 ms (p50) with this instead of about 70 ms without. It costs up to about 200 MiB of memory.
 */
export const SERVER_NODE_FLAGS = ['--min-semi-space-size=64', '--max-semi-space-size=64']
