/*
 * Whoever opens a share link without naming themselves (a script, a bot, a tab before its visitor
 * gave a name) is one user: the link's visitor. Everyone holding the link is that user, so its user
 * id is made from the link's id, and the link can be read back from it.
 */

const LINK_VISITOR = 'link_'

/** The user id of a share link's unnamed visitor. */
export const linkVisitorId = (linkId: string): string => `${LINK_VISITOR}${linkId}`

/** The share link whose unnamed visitor `userId` is, or undefined for anyone else. */
export const linkOfVisitor = (userId: string): string | undefined =>
  userId.startsWith(LINK_VISITOR) ? userId.slice(LINK_VISITOR.length) : undefined
