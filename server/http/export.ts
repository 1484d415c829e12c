import { Hono } from 'hono'
import type * as Y from 'yjs'
import { exportBoard, exportFileName, journeyCsv } from '../../shared/board/export'
import type { AccessPolicy } from '../access/access'
import { mapPdf } from '../export/mapPdf'
import { loadBoardDoc } from '../rooms/loadDoc'
import type { RoomRegistry } from '../rooms/registry'
import type { Store } from '../storage/store'
import { boardAuthorizer } from './authorize'

/** The live doc when the board is open, else as stored; either way what participants see now. */
export async function currentBoardDoc(store: Store, rooms: RoomRegistry, boardId: string): Promise<Y.Doc> {
  return (await rooms.loaded(boardId))?.currentDoc ?? (await loadBoardDoc(store.log, boardId)).doc
}

/** The board's content for reports and other tools: as JSON, as a stages × lanes table in CSV, and as a paged vector PDF of the whole map. Viewers may export. */
export function exportRoutes({ store, rooms, access }: { store: Store; rooms: RoomRegistry; access: AccessPolicy }): Hono {
  const app = new Hono()
  const authorize = boardAuthorizer(store, access)

  const currentDoc = (boardId: string): Promise<Y.Doc> => currentBoardDoc(store, rooms, boardId)

  app.get('/:id/export.json', async (c) => {
    const { board } = await authorize(c, 'viewer')
    c.header('content-disposition', `attachment; filename="${exportFileName(board.title, 'json')}"`)
    return c.json(exportBoard(await currentDoc(board.id)))
  })

  app.get('/:id/export.csv', async (c) => {
    const { board } = await authorize(c, 'viewer')
    return c.body(journeyCsv(await currentDoc(board.id)), 200, {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': `attachment; filename="${exportFileName(board.title, 'csv')}"`,
    })
  })

  app.get('/:id/export.pdf', async (c) => {
    const { board } = await authorize(c, 'viewer')
    const pdf = await mapPdf(exportBoard(await currentDoc(board.id)), Date.now())
    return c.body(new Uint8Array(pdf), 200, {
      'content-type': 'application/pdf',
      'content-disposition': `attachment; filename="${exportFileName(board.title, 'pdf')}"`,
    })
  })

  return app
}
