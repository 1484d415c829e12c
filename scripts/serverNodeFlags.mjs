/**
 * Node flags the server runs with (and the benchmarks, which load rooms in-process).
 *
 * A fixed 64 MiB young generation. Loading a board decodes its whole Yjs document: some 10 MB of
 * objects that live as long as the room. With V8's default young generation, which starts at 1 MiB
 * and grows on demand, they are copied through many scavenges on their way to the old generation;
 * `npm run bench -- --only history` measured a 100,000-update board loading in about 35 ms with this
 * instead of about 70 ms without. It costs about 200 MiB of reserved memory.
 */
export const SERVER_NODE_FLAGS = ['--min-semi-space-size=64', '--max-semi-space-size=64']
