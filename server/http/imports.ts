import { Hono, type Context } from 'hono'
import * as v from 'valibot'
import { DuplicateBoardBody } from '../../shared/api'
import { addNote, BoardImport, exportBoard, readFacilitation, readLanes, readNotes, readPersonas, readStages, serverOrigin, writeImportedBoard } from '../../shared/board'
import { roleAtLeast } from '../../shared/protocol'
import type { AccessPolicy } from '../access/access'
import { cellLockRefusal } from '../access/updateGuard'
import { placeResearchNotes, readResearchCsv } from '../imports/researchCsv'
import type { RoomRegistry } from '../rooms/registry'
import type { Store } from '../storage/store'
import { boardAuthorizer } from './authorize'
import { boardCreator, storeNewBoard, summary } from './boards'
import { readBody, readLimitedText } from './body'
import { ApiError, validate } from './errors'
import { currentBoardDoc } from './export'

/** Imports and copies are bigger than the other bodies: a big board's `export.json` or a survey's CSV. */
export const IMPORT_MAX_BODY_BYTES = 5 * 1024 * 1024

const readImportText = (c: Context): Promise<string> => readLimitedText(c, IMPORT_MAX_BODY_BYTES)

const PreviewQuery = v.object({ preview: v.optional(v.picklist(['0', '1'], 'preview must be 0 or 1'), '0') })

/**
 * Content coming in: a board from its `export.json` (a new board of the caller's), a copy of a
 * board ("save as future state": same content, fresh history), and research findings from a CSV
 * (notes added to a board, live, credited to the importer).
 */
export function importRoutes({ store, rooms, access }: { store: Store; rooms: RoomRegistry; access: AccessPolicy }): Hono {
  const app = new Hono()
  const authorize = boardAuthorizer(store, access)

  app.post('/import', async (c) => {
    const caller = await boardCreator(access, c)
    let raw: unknown
    try {
      raw = JSON.parse(await readImportText(c))
    } catch (error) {
      if (error instanceof ApiError) throw error
      throw new ApiError(400, 'invalid_json', 'the body must be an export.json document (it is not JSON)')
    }
    const data = validate(BoardImport, raw, 'invalid_export')
    const now = Date.now()
    const title = data.board.title.trim() || 'Imported journey'
    const record = await storeNewBoard(store, caller, { title, template: data.board.template, now }, (doc) => writeImportedBoard(doc, data, { title, now }, serverOrigin))
    return c.json(summary(record, 'owner'), 201)
  })

  app.post('/:id/duplicate', async (c) => {
    const caller = await boardCreator(access, c)
    const { board } = await authorize(c, 'viewer')
    const body = await readBody(c, DuplicateBoardBody)
    const content = exportBoard(await currentBoardDoc(store, rooms, board.id))
    const now = Date.now()
    const title = body.title ?? `${board.title} (future state)`.slice(0, 200)
    const record = await storeNewBoard(store, caller, { title, template: board.template, now }, (doc) => writeImportedBoard(doc, content, { title, now }, serverOrigin))
    return c.json(summary(record, 'owner'), 201)
  })

  app.post('/:id/import.csv', async (c) => {
    const { board, access: granted } = await authorize(c, 'editor')
    const { preview } = validate(PreviewQuery, c.req.query(), 'invalid_query')
    const csv = await readImportText(c)
    const room = await rooms.acquire(board.id)
    const doc = room.currentDoc
    const result = readResearchCsv(csv, { stages: readStages(doc), lanes: readLanes(doc), personas: readPersonas(doc) })
    if (preview === '1') return c.json(result.ok ? { rows: result.rows, problems: [] } : { rows: [], problems: result.problems })
    if (!result.ok) {
      throw new ApiError(400, 'invalid_csv', `nothing was imported: ${result.problems.map((p) => `line ${p.line}: ${p.message}`).join('\n')}`)
    }
    const userId = granted.caller.userId
    const placed = placeResearchNotes(result.rows, readStages(doc), readNotes(doc))
    // The same rule as for notes typed in: only a facilitator adds to locked cells.
    if (!roleAtLeast(granted.role, 'facilitator')) {
      const { locks } = readFacilitation(doc)
      const refused = placed.map((row) => cellLockRefusal(locks, doc, row.stageId, row.laneId)).find((reason) => reason !== null)
      if (refused !== undefined) throw new ApiError(409, 'locked', `nothing was imported: ${refused}`)
    }
    const now = Date.now()
    // one edit through the room: logged under the importer's id and sent to everyone connected, like their own typing
    await room.edit(userId, (live, origin) => {
      placed.forEach((row, index) => {
        // one millisecond apart: notes read back in the file's order
        addNote(live, { stageId: row.stageId, laneId: row.laneId, x: row.x, y: row.y, text: row.text, color: row.color, personaId: row.personaId, authorId: userId, createdAt: now + index }, origin)
      })
    })
    return c.json({ added: result.rows.length }, 201)
  })

  return app
}
