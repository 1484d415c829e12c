import type * as Y from 'yjs'
import {
  addNote, addPersona, NOTE_COLORS, NOTE_SIZE, readLanes, readStages, setCellText, setEmotion,
} from '../shared/board'
import { localOrigin } from '../shared/board/origins'

/** A filled-in journey map as a workshop would leave it: for screenshots and for the render benchmark. */
const NOTES: Record<string, string[][]> = {
  'Customer actions': [
    ['Sees a friend’s post about the app', 'Searches “budget planner”'],
    ['Compares three apps on reviews', 'Watches a demo video'],
    ['Starts the free trial', 'Enters card details'],
    ['Connects a bank account', 'Sets a first monthly budget'],
    ['Invites partner to a shared budget', 'Leaves a 5★ review'],
  ],
  'Touchpoints & channels': [
    ['Instagram', 'Search ads'],
    ['App Store page', 'Comparison blog'],
    ['Checkout screen'],
    ['Onboarding emails', 'Push reminders'],
    ['Referral link', 'Community forum'],
  ],
  Thoughts: [
    ['“Could this finally fix my overspending?”'],
    ['“Is it worth paying for?”', '“Do they sell my data?”'],
    ['“Why do they need my card for a trial?”'],
    ['“Nice, it already sorted my groceries”'],
    ['“My sister would love this”'],
  ],
  'Pain points': [
    ['Ads feel generic'],
    ['Pricing page hides the yearly plan', 'Too many plans to compare'],
    ['Card required for trial', 'Bank login fails on first try'],
    ['Categories wrong for cash payments'],
    ['No reward for referring'],
  ],
  Opportunities: [
    ['Show real user stories'],
    ['One clear price + privacy promise'],
    ['Trial without a card', 'Retry bank link with guidance'],
    ['Teach categories in week 1'],
    ['Give both a free month'],
  ],
}
const LANE_COLOR: Record<string, number> = { 'Customer actions': 0, 'Touchpoints & channels': 3, Thoughts: 4, 'Pain points': 1, Opportunities: 2 }
const CURVES = { 'Maya, first-time budgeter': [1, -1, -2, 2, 3], 'Tom, switching from a spreadsheet': [0, 1, -1, 1, 2] }

export function fillJourney(doc: Y.Doc, authorId: string): void {
  const stages = readStages(doc)
  const lanes = readLanes(doc)
  doc.transact(() => {
    for (const lane of lanes) {
      const texts = NOTES[lane.name]
      if (texts === undefined) continue
      stages.forEach((stage, s) => {
        ;(texts[s] ?? []).forEach((text, i) => {
          const color = NOTE_COLORS[LANE_COLOR[lane.name]!]
          addNote(doc, { stageId: stage.id, laneId: lane.id, x: 14 + i * (NOTE_SIZE.width + 16), y: 14 + (i % 2) * 22, text, color, authorId, createdAt: 1 + s * 10 + i }, localOrigin)
        })
      })
    }
    for (const [name, scores] of Object.entries(CURVES)) {
      const persona = addPersona(doc, { name, description: 'From the March interviews' }, localOrigin)
      stages.forEach((stage, s) => setEmotion(doc, persona, stage.id, scores[s]!, localOrigin))
    }
    const textLane = lanes.find((l) => l.kind === 'text')
    if (textLane !== undefined) setCellText(doc, stages[0]!.id, textLane.id, 'Goal: understand where trial users drop off', localOrigin)
  })
}

/** `count` notes spread over the notes cells, in a grid inside each cell (cells grow to hold them). */
export function fillManyNotes(doc: Y.Doc, count: number, authorId: string): void {
  const stages = readStages(doc)
  const lanes = readLanes(doc).filter((l) => l.kind === 'notes')
  const perCell = Math.ceil(count / (stages.length * lanes.length))
  const perRow = 6
  doc.transact(() => {
    for (let n = 0; n < count; n++) {
      const cell = Math.floor(n / perCell)
      const i = n % perCell
      const stage = stages[cell % stages.length]!
      const lane = lanes[Math.floor(cell / stages.length) % lanes.length]!
      addNote(doc, {
        stageId: stage.id, laneId: lane.id,
        x: 12 + (i % perRow) * (NOTE_SIZE.width + 12), y: 12 + Math.floor(i / perRow) * (NOTE_SIZE.height + 12),
        text: `Note ${n + 1}: customers mention this in interviews`, color: NOTE_COLORS[n % NOTE_COLORS.length], authorId, createdAt: n,
      }, localOrigin)
    }
  })
}
