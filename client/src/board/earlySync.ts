import { syncEndpoint } from '../api'

/*
 * The board's sync socket, opened by the page's first script while the board's code (Konva, Yjs,
 * the canvas) is still loading, and handed to the y-websocket provider when it starts. It asks for
 * the whole board as it connects (`?full=1`: the server sends it without waiting for a message), so
 * the board's content is here by the time the code that draws it has loaded, even while that code
 * keeps the page too busy to answer the socket. This module imports no Yjs: it is part of the small
 * first script.
 */

interface EarlySocket { url: string; socket: WebSocket; received: MessageEvent[] }
let early: EarlySocket | null = null

/** The URL y-websocket's provider builds for this board (server URL, room name, query parameters). */
function providerUrl(boardId: string): string {
  const { url, params } = syncEndpoint()
  const query = Object.entries(params).map(([key, value]) => `${encodeURIComponent(key)}=${encodeURIComponent(value)}`).join('&')
  return `${url}/${boardId}${query === '' ? '' : `?${query}`}`
}

/** The provider has asked for its socket: an early one opened after that would be nobody's. */
let providerStarted = false

let boardHere = (): void => {}
const boardArrival = new Promise<void>((resolve) => (boardHere = resolve))

/**
 * Resolves once the early socket has brought the board (its first message), or once it will not:
 * it failed, none is opened (`noEarlySync`), or `atMostMs` passed. The board page renders after it:
 * a page drawn before its board arrives draws an empty board first, and the browser runs that
 * frame's work ahead of the socket's message, which then waits for the frame after.
 */
export function earlyBoard(atMostMs: number): Promise<void> {
  setTimeout(boardHere, atMostMs)
  return boardArrival
}

/** No early socket will be opened (the visitor must first give a name). */
export function noEarlySync(): void {
  boardHere()
}

/**
 * A share link's visitor opens it only once the page knows who they are (a guest session, or one
 * named before): a socket opened before that would speak for the bare link, and the server refuses
 * votes and notes that name the guest.
 */
export function openSyncEarly(boardId: string): void {
  if (providerStarted || !navigator.onLine || typeof WebSocket === 'undefined') return noEarlySync()
  const url = providerUrl(boardId)
  const socket = new WebSocket(`${url}${url.includes('?') ? '&' : '?'}full=1`)
  socket.binaryType = 'arraybuffer'
  const received: MessageEvent[] = []
  socket.onmessage = (event) => {
    received.push(event)
    boardHere()
  }
  socket.onclose = boardHere
  early = { url, socket, received }
}

/**
 * y-websocket's `WebSocketPolyfill`: the early socket the first time the provider asks for its URL
 * (if it is still usable), else a new WebSocket. The provider sets its handlers on the socket right
 * after; then the messages that came meanwhile are replayed to it. Its open handler (which sends its
 * own sync step 1 and awareness) runs once the whole board, the socket's first message, is in: its
 * sync step 1 then asks only for what is still missing, not for the whole board a second time.
 */
export function EarlyOrNewWebSocket(url: string | URL, protocols?: string | string[]): WebSocket {
  providerStarted = true
  const adopted = early
  early = null
  if (adopted === null || adopted.url !== String(url) || adopted.socket.readyState > WebSocket.OPEN) {
    if (adopted !== null && adopted.socket.readyState <= WebSocket.OPEN) adopted.socket.close()
    return new WebSocket(url, protocols)
  }
  const { socket, received } = adopted
  socket.onmessage = null
  queueMicrotask(() => {
    const providerOpen = socket.onopen
    const providerMessage = socket.onmessage
    const boardIn = received.length > 0
    for (const event of received.splice(0)) providerMessage?.call(socket, event)
    if (boardIn) {
      if (socket.readyState === WebSocket.OPEN) providerOpen?.call(socket, new Event('open'))
      return
    }
    let opened = socket.readyState === WebSocket.OPEN
    socket.onopen = () => { opened = true }
    socket.onmessage = (event) => {
      socket.onopen = providerOpen
      socket.onmessage = providerMessage
      providerMessage?.call(socket, event)
      if (opened) providerOpen?.call(socket, new Event('open'))
    }
  })
  return socket
}
