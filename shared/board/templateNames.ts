import type { LaneKind } from './lane'

/**
 * The board templates: plain data, no Yjs, so the lobby (its picker draws a preview of each) and the
 * HTTP schemas can use them without loading the doc code. `templates.ts` writes them into a doc.
 */
export const TEMPLATES = ['journey', 'service-blueprint', 'b2b', 'employee', 'blank'] as const
export type TemplateName = (typeof TEMPLATES)[number]

export const TEMPLATE_LABELS: Record<TemplateName, string> = {
  journey: 'Customer journey',
  'service-blueprint': 'Service blueprint',
  b2b: 'B2B buying journey',
  employee: 'Employee journey',
  blank: 'Blank board',
}

export interface TemplateGrid {
  stages: readonly string[]
  lanes: ReadonlyArray<{ name: string; kind: LaneKind }>
}

const notes = (name: string) => ({ name, kind: 'notes' as const })

export const TEMPLATE_GRIDS: Record<TemplateName, TemplateGrid> = {
  journey: {
    stages: ['Awareness', 'Consideration', 'Purchase', 'Retention', 'Advocacy'],
    lanes: [notes('Customer actions'), notes('Touchpoints & channels'), notes('Thoughts'), { name: 'Emotions', kind: 'emotion' }, notes('Pain points'), notes('Opportunities')],
  },
  'service-blueprint': {
    stages: ['Discover', 'Order', 'Receive', 'Use', 'Get help'],
    lanes: [notes('Customer actions'), notes('Frontstage'), notes('Backstage'), notes('Support processes'), { name: 'Evidence', kind: 'text' }],
  },
  b2b: {
    stages: ['Need', 'Research', 'Evaluation', 'Purchase', 'Onboarding', 'Renewal'],
    lanes: [notes('Buyer actions'), notes('Stakeholders'), notes('Touchpoints & channels'), { name: 'Emotions', kind: 'emotion' }, notes('Pain points'), { name: 'Success measure', kind: 'metric' }],
  },
  employee: {
    stages: ['Attract', 'Recruit', 'Onboard', 'Develop', 'Retain', 'Exit'],
    lanes: [notes('Employee actions'), notes('Touchpoints'), notes('Thoughts'), { name: 'Emotions', kind: 'emotion' }, notes('Pain points'), notes('Opportunities'), { name: 'Success measure', kind: 'metric' }],
  },
  blank: { stages: ['Stage 1', 'Stage 2', 'Stage 3'], lanes: [notes('Notes')] },
}
