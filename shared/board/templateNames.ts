/** The board templates by name: plain data, no Yjs, so the lobby and the HTTP schemas can use them without loading the doc code. */
export const TEMPLATES = ['journey', 'blank'] as const
export type TemplateName = (typeof TEMPLATES)[number]

export const TEMPLATE_LABELS: Record<TemplateName, string> = {
  journey: 'Customer journey (5 stages × 6 lanes)',
  blank: 'Blank board',
}
