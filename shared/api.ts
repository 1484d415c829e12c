import * as v from 'valibot'
import { TEMPLATES } from './board/templates'

/** HTTP API bodies and answers, validated with valibot on the server's edge and typed for the client. */

export const BoardTitle = v.pipe(v.string(), v.trim(), v.minLength(1, 'title must not be empty'), v.maxLength(200, 'title is longer than 200 characters'))

export const CreateBoardBody = v.object({
  title: BoardTitle,
  template: v.optional(v.picklist(TEMPLATES, `template must be one of: ${TEMPLATES.join(', ')}`), 'journey'),
})
export type CreateBoardBody = v.InferOutput<typeof CreateBoardBody>

export const UpdateBoardBody = v.object({ title: BoardTitle })
export type UpdateBoardBody = v.InferOutput<typeof UpdateBoardBody>

export interface BoardSummary {
  id: string
  title: string
  template: string
  createdAt: number
  updatedAt: number
  role: string
}

export interface ApiErrorBody {
  error: { code: string; message: string }
}
