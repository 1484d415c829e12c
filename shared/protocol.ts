/** The y-websocket wire protocol (y-protocols) as both ends and the tests name it. */
export const MessageType = {
  sync: 0,
  awareness: 1,
  auth: 2,
  queryAwareness: 3,
} as const

export const SyncMessageType = {
  step1: 0,
  step2: 1,
  update: 2,
} as const

/** y-protocols' auth message: the server tells a client why it cannot write. */
export const AuthMessageType = { permissionDenied: 0 } as const

/**
 * Named WebSocket close codes, so that a client and a log reader can tell why a socket closed.
 * 4000–4999 are free for applications; the last three digits follow HTTP where one fits.
 */
export const CloseCode = {
  normal: 1000,
  goingAway: 1001,
  internalError: 1011,
  malformedMessage: 4400,
  unauthorized: 4401,
  forbidden: 4403,
  boardNotFound: 4404,
  /** The peer did not answer the server's pings in time. */
  heartbeatTimeout: 4408,
  accessRevoked: 4410,
  messageTooLarge: 4413,
  tooManyMessages: 4429,
  /** Over the cap of open sockets per account, guest or share link, or per client address (no HTTP status fits; beside 4429). */
  tooManySockets: 4430,
  /** The peer does not read what it is sent: its unsent frames outgrew the send-buffer limit (HTTP 507, insufficient storage). */
  sendBufferFull: 4507,
} as const
export type CloseCodeName = keyof typeof CloseCode

/** Roles on a board, weakest first. */
export const ROLES = ['viewer', 'editor', 'facilitator', 'owner'] as const
export type Role = (typeof ROLES)[number]

export const roleAtLeast = (role: Role, minimum: Role): boolean => ROLES.indexOf(role) >= ROLES.indexOf(minimum)
