import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import {
  addPersona, createBoard, localOrigin, metricInput, metricLabel, parseMetric, readLanes, readMetric, readPersonas, readStages,
  readBoardContent, restoreVersion, serverOrigin, setMetric, TEMPLATE_GRIDS, TEMPLATES, updatePersona,
} from '../../shared/board'

describe('success measures', () => {
  it('reads what people type into a metric cell, and writes it back the same way', () => {
    expect(parseMetric('42 / 60 %')).toEqual({ value: 42, target: 60, unit: '%' })
    expect(parseMetric('42% / 60%')).toEqual({ value: 42, target: 60, unit: '%' })
    expect(parseMetric('3,5 of 5 stars')).toEqual({ value: 3.5, target: 5, unit: 'stars' })
    expect(parseMetric('1200 visits')).toEqual({ value: 1200, target: null, unit: 'visits' })
    expect(parseMetric('')).toEqual({ value: null, target: null, unit: '' })
    expect(parseMetric('lots')).toBeNull()
    expect(metricInput({ value: 42, target: 60, unit: '%' })).toBe('42 / 60 %')
    expect(metricLabel({ value: 12.5, target: 20, unit: '%' })).toBe('12.5% (target 20%)')
    expect(metricLabel({ value: 3, target: null, unit: 'days' })).toBe('3 days')
  })

  it('restores metrics and persona profiles with a past version', () => {
    const doc = new Y.Doc()
    createBoard(doc, { title: 'B2B', template: 'b2b' }, serverOrigin)
    const stage = readStages(doc)[0]!
    const lane = readLanes(doc).find((l) => l.kind === 'metric')!
    const persona = addPersona(doc, { name: 'Buyer', goals: 'Save time' }, localOrigin)
    setMetric(doc, stage.id, lane.id, { value: 10, target: 50, unit: '%' }, localOrigin)
    const past = new Y.Doc()
    Y.applyUpdate(past, Y.encodeStateAsUpdate(doc))
    setMetric(doc, stage.id, lane.id, { value: 40, target: null, unit: '' }, localOrigin)
    updatePersona(doc, persona, { goals: 'Something else', quote: 'Hm' }, localOrigin)
    restoreVersion(doc, readBoardContent(past), localOrigin)
    expect(readMetric(doc, stage.id, lane.id)).toEqual({ value: 10, target: 50, unit: '%' })
    expect(readPersonas(doc)[0]).toMatchObject({ goals: 'Save time', quote: '' })
  })
})

describe('templates', () => {
  it('makes every template with its stages and lanes', () => {
    for (const template of TEMPLATES) {
      const doc = new Y.Doc()
      createBoard(doc, { title: template, template }, serverOrigin)
      expect(readStages(doc).map((s) => s.name)).toEqual(TEMPLATE_GRIDS[template].stages)
      expect(readLanes(doc).map((l) => [l.name, l.kind])).toEqual(TEMPLATE_GRIDS[template].lanes.map((l) => [l.name, l.kind]))
    }
    expect(TEMPLATE_GRIDS['service-blueprint'].lanes.map((l) => l.name)).toEqual(['Customer actions', 'Frontstage', 'Backstage', 'Support processes', 'Evidence'])
    expect(TEMPLATE_GRIDS.employee.stages).toEqual(['Attract', 'Recruit', 'Onboard', 'Develop', 'Retain', 'Exit'])
  })
})
