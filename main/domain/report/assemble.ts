import { answerSectionsOf } from './context';
import { displayName } from '../../contract/case';
import { AppError, invalidInput } from '../../contract/errors';
import { jurisdictionWords, type Jurisdiction } from '../../contract/jurisdiction';
import type {
  AmendmentChange,
  AnswerItem,
  Block,
  Inline,
  ItemSource,
  RenderBlock,
  RenderCell,
  RenderedReport,
  RenderParagraph,
  RenderRun,
  RenderSection,
  ReportContext,
  ReportTemplate,
} from '../../contract/report';
import { assertAdultCase } from '../caseRules';
import { evaluateRule, type RuleValue } from '../rules';
import { reportLifeWords } from './amendment';
import { formatDate, formatEnumValue, formatValue, isLtrIsland, valueAt, type FormatContext } from './format';
import { cleanDeep } from './sanitize';

/** Bound fields (paths into the context's case) that are identifiers, printed in their own (left-to-right) order in any report. */
const IDENTIFIERS = new Set(['caseNumber'].map((field) => `case.${field}`));

// Report assembly: template + context -> the render-ready model that the preview shows and the
// DOCX writer writes. Pure. The order of work is the safeguard:
//   1. refuse what must not be reported (a child; a template for another stage);
//   2. drop characters XML cannot hold, noting where;
//   3. remove every not-for-disclosure item, so no later step can see it;
//   4. apply section conditions, then render blocks.

/** Removes everything marked not for disclosure. Nothing after this point ever sees it. */
export function withoutNonDisclosable(context: ReportContext): ReportContext {
  const sections: ReportContext['sections'] = {};
  for (const [key, section] of Object.entries(context.sections)) {
    sections[key] = { items: section.items.filter((item) => !item.notForDisclosure) };
  }
  return { ...context, sections, sources: context.sources.filter((s) => !s.notForDisclosure) };
}

const norm = (s: string) => s.replace(/\s+/g, ' ').trim();

/** JSON paths (as prefixes) of the items removed as not for disclosure. */
function nonDisclosablePaths(context: ReportContext): string[] {
  const paths: string[] = [];
  for (const [key, section] of Object.entries(context.sections)) {
    section.items.forEach((item, i) => {
      if (item.notForDisclosure) paths.push(`$.sections.${key}.items[${i}]`);
    });
  }
  context.sources.forEach((s, i) => {
    if (s.notForDisclosure) paths.push(`$.sources[${i}]`);
  });
  return paths;
}

export interface AssembleOptions {
  /** Age rules need the jurisdiction's upper young-adult age; the letterhead comes from it too. */
  jurisdiction: Jurisdiction;
}

export function assembleReport(template: ReportTemplate, input: ReportContext, options: AssembleOptions): RenderedReport {
  const { jurisdiction } = options;
  if (!template.stages.includes(input.case.stage)) {
    throw new AppError(
      'refused',
      `The template "${template.id}" is for ${template.stages.join(' or ')} cases; case ${input.case.caseNumber} is at the ${input.case.stage} stage.`,
      { path: '$.case.stage', key: 'report.errors.templateStage', params: { templateId: template.id, stages: template.stages.join(','), caseNumber: input.case.caseNumber, stage: input.case.stage } },
    );
  }
  if (input.facts.stage !== input.case.stage) {
    throw invalidInput([
      { path: '$.facts.stage', message: `The facts say "${input.facts.stage}" but the case is at the "${input.case.stage}" stage.`, key: 'report.errors.factsStage', params: { facts: input.facts.stage, stage: input.case.stage } },
    ]);
  }
  assertAdultCase(input.case, jurisdiction.youngAdultUpperAge);

  const cleaned = cleanDeep(input);
  const hidden = nonDisclosablePaths(input);
  // The notice names only what the document prints: not a withheld item, nor an answer the
  // template shows only as evidence beside the officer's text (no `answers` block prints it).
  const printedSections = new Set(answerSectionsOf(template));
  const printed = (path: string) => {
    const m = /^\$\.sections\.([A-Za-z0-9_]+)/.exec(path);
    return !m || printedSections.has(m[1]!);
  };
  const dropped = cleaned.dropped.filter((d) => printed(d.path) && !hidden.some((p) => d.path === p || d.path.startsWith(`${p}.`)));
  const context = withoutNonDisclosable(cleaned.value);

  const rtl = template.direction === 'rtl';
  const fc: FormatContext = { locale: template.locale ?? template.language, values: template.labels.values };
  const labels = template.labels;
  const run = (text: string, style: Omit<RenderRun, 'text'> = {}): RenderRun => ({
    text,
    ...style,
    ...(rtl && (style.ltr || isLtrIsland(text)) ? { ltr: true } : {}),
  });

  const inlineRuns = (content: Inline[], data: unknown): RenderRun[] =>
    content.flatMap((inline) => {
      if (typeof inline === 'string') return inline === '' ? [] : [run(inline)];
      const lines = formatValue(valueAt(data, inline.field), inline.format, fc);
      const text = lines.length > 0 ? lines.join(inline.format === 'list' ? '\n' : ', ') : labels.none;
      // A case number reads as it was typed, left to right, whatever script its parts are in
      // ("RV-2026-0455/ع"): in a right-to-left report it is an island of its own direction.
      const identifier = rtl && IDENTIFIERS.has(inline.field) && lines.length > 0;
      return [run(text, { ...(inline.bold ? { bold: true } : {}), ...(identifier ? { ltr: true } : {}) })];
    });


  /** Only a claim from someone other than the person and the author carries its source in the text; the sources table lists all. */
  const REFERENCED = new Set<ItemSource['kind']>(['third_party', 'verified', 'document']);
  const shortReference = (s: ItemSource): string | undefined => {
    if (!REFERENCED.has(s.kind)) return undefined;
    const who = [s.by, s.how].filter((x): x is string => Boolean(x && x.trim()));
    return who.length > 0 ? `${formatEnumValue(s.kind, fc)}: ${who.join(', ')}` : formatEnumValue(s.kind, fc);
  };

  /** Paragraphs of one answer: the first carries the label and is numbered; blank lines start new paragraphs. */
  const answerParagraphs = (item: AnswerItem, numbered: boolean): RenderParagraph[] => {
    // The report's own words for the answer, never the interview's question.
    const name = (labels.items[item.id] ?? item.label).trim().replace(/[?:]$/, '');
    const lead: RenderRun[] = [run(item.kind === 'assessment' ? `${name} (${labels.authorsAssessment}): ` : `${name}: `, { bold: true })];
    const reference = shortReference(item.source);
    const source = reference ? [run(` (${reference})`, { italic: true })] : [];
    if (item.status === 'declined') {
      return [{ kind: 'paragraph', numbered, role: 'declined', runs: [...lead, run(labels.declined, { italic: true })] }];
    }
    const parts = item.value.split(/\n\s*\n/).map((p) => p.trim()).filter((p) => p !== '');
    if (parts.length === 0) parts.push(labels.none);
    const role = item.kind === 'assessment' ? 'assessment' : 'body';
    return parts.map((part, i) => ({
      kind: 'paragraph' as const,
      numbered: numbered && i === 0,
      role,
      runs: [...(i === 0 ? lead : []), run(part), ...(i === parts.length - 1 ? source : [])],
    }));
  };

  const tableBlock = (block: Extract<Block, { type: 'table' }>): RenderBlock[] => {
    const rows = valueAt(context, block.rows);
    const list = Array.isArray(rows) ? rows : [];
    if (list.length === 0) {
      return [{ kind: 'paragraph', numbered: false, role: 'note', runs: [run(`${block.caption}: `, { bold: true }), run(block.empty)] }];
    }
    const cells = list.map((row) =>
      block.columns.map((col): RenderCell => {
        const lines = formatValue(valueAt(row, col.field), col.format, fc);
        return lines.length > 0 ? lines.map((l) => [run(l)]) : [[run('')]];
      }),
    );
    return [
      {
        kind: 'table',
        caption: block.caption,
        header: block.columns.map((c) => c.header),
        widths: block.columns.map((c) => c.width),
        rows: cells,
      },
    ];
  };

  const signatures = (): RenderBlock => {
    const people = [context.author, ...(context.countersigner ? [context.countersigner] : [])];
    return {
      kind: 'signatures',
      signatureLabel: labels.signature,
      dateLabel: labels.date,
      signatories: people.map((p) => ({ role: p.role, name: p.name, date: p.date ? formatDate(p.date, fc.locale) : '' })),
    };
  };

  // The report's life (docs/ARCHITECTURE.md): its version in every footer, and what an amendment changed.
  const life = reportLifeWords(template);
  /** A before or after value as the report words it: a date in the report's locale, an id in the template's words. */
  const valueWords = (v: string) => (/^\d{4}-\d{2}-\d{2}$/.test(v) ? formatDate(v, fc.locale) : (labels.values[v] ?? v));
  const changeLine = (c: AmendmentChange): string => {
    const name =
      c.part === 'section' ? life.amendment('section', { title: c.title }) : c.part === 'option' ? life.amendment('option', { title: c.title }) : c.part === 'condition' ? life.amendment('condition', { title: c.title }) : c.title;
    const what = c.before !== undefined && c.after !== undefined ? `${valueWords(c.before)} → ${valueWords(c.after)}` : life.amendment(c.change);
    return `${name}: ${what}`;
  };
  const amendment = context.amendment;
  const amendmentTitle = amendment ? life.amendment('title', { version: amendment.amendsVersion, date: formatDate(amendment.amendsIssuedOn, fc.locale) }) : '';
  /** The reason and one line per change; nothing when the report amends nothing. */
  const amendmentBlocks = (): RenderBlock[] => {
    if (!amendment) return [];
    return [
      { kind: 'paragraph', numbered: false, role: 'body', runs: [run(`${life.amendment('reason')}: `, { bold: true }), run(norm(amendment.reason) || labels.none)] },
      { kind: 'paragraph', numbered: false, role: 'field', runs: [run(`${life.amendment('changes')}:`, { bold: true })] },
      ...(amendment.changes.length === 0
        ? [{ kind: 'paragraph' as const, numbered: false, role: 'note' as const, runs: [run(life.amendment('noChanges'))] }]
        : amendment.changes.map((c) => ({ kind: 'paragraph' as const, numbered: false, role: 'item' as const, runs: [run(changeLine(c))] }))),
    ];
  };
  let amendmentPrinted = false;

  const sections: RenderSection[] = [];
  for (const section of template.sections) {
    if (!evaluateRule(section.when as RuleValue | undefined, context, { whenAbsent: true })) continue;
    const blocks: RenderBlock[] = [];
    const sources: string[] = [];
    for (const block of section.blocks) {
      switch (block.type) {
        case 'heading':
          blocks.push({ kind: 'heading', text: block.text, level: block.level });
          break;
        case 'paragraph':
          blocks.push({ kind: 'paragraph', numbered: block.numbered, role: block.style, runs: inlineRuns(block.content, context) });
          break;
        case 'fields':
          for (const row of block.rows) {
            blocks.push({ kind: 'paragraph', numbered: false, role: 'field', runs: [run(`${row.label}: `, { bold: true }), ...inlineRuns(row.content, context)] });
          }
          break;
        case 'answers': {
          const items = (context.sections[block.section]?.items ?? []).filter((item) => block.declined === 'show' || item.status !== 'declined');
          if (items.length === 0 && block.empty) blocks.push({ kind: 'paragraph', numbered: false, role: 'note', runs: [run(block.empty)] });
          for (const item of items) {
            blocks.push(...answerParagraphs(item, block.numbered));
            const s = shortReference(item.source);
            if (s !== undefined && !sources.includes(s)) sources.push(s);
          }
          break;
        }
        case 'assessment':
          blocks.push({
            kind: 'paragraph',
            numbered: block.numbered,
            role: 'assessment',
            runs: [run(`${labels.authorsAssessment}: `, { bold: true, italic: true }), ...inlineRuns(block.content, context)],
          });
          break;
        case 'table':
          blocks.push(...tableBlock(block));
          break;
        case 'signatures':
          blocks.push(signatures());
          break;
        case 'notBinding':
          blocks.push({ kind: 'paragraph', numbered: false, role: 'statement', runs: [run(block.text, { bold: true })] });
          break;
        case 'amendment':
          if (amendment) {
            blocks.push({ kind: 'heading', text: amendmentTitle, level: 3 }, ...amendmentBlocks());
            amendmentPrinted = true;
          }
          break;
        case 'text': {
          // The officer's own words; blank lines start new paragraphs. An opinion section is labelled as the author's assessment.
          const parts = (context.written[section.id] ?? '').split(/\n\s*\n/).map((p) => p.trim()).filter((p) => p !== '');
          const opinion = section.write?.opinion === true;
          parts.forEach((part, i) =>
            blocks.push({
              kind: 'paragraph',
              numbered: block.numbered,
              role: opinion ? 'assessment' : 'body',
              runs: [...(opinion && i === 0 ? [run(`${labels.authorsAssessment}: `, { bold: true, italic: true })] : []), run(part)],
            }),
          );
          break;
        }
      }
    }
    if (section.showSources && sources.length > 0) {
      blocks.push({ kind: 'paragraph', numbered: false, role: 'sources', runs: [run(`${labels.sourcesForSection}: `, { bold: true }), run(sources.join('; '), { italic: true })] });
    }
    sections.push({ id: section.id, title: section.title, restartNumbering: section.restartNumbering, blocks });
  }

  // A template without an amendment block prints it as a section of its own, after the front sheet.
  if (amendment && !amendmentPrinted) {
    const at = sections.findIndex((s) => s.id === 'front-sheet') + 1;
    sections.splice(at, 0, { id: 'amendment', title: amendmentTitle, restartNumbering: false, blocks: amendmentBlocks() });
  }

  const c = context.case;
  const version = context.version;
  const versionLine = version
    ? [`${life.version} ${new Intl.NumberFormat(fc.locale).format(version.number)}`, ...(version.issuedOn ? [`${life.issued} ${formatDate(version.issuedOn, fc.locale)}`] : [])].join(' · ')
    : undefined;
  return {
    template: { id: template.id, version: template.version, test: template.test },
    title: template.title,
    language: template.language,
    direction: template.direction,
    draft: context.status === 'draft',
    ...(version ? { version: version.number } : {}),
    letterhead: (() => {
      // The service's name, marking and logo text as it words them in the report's language.
      const words = jurisdictionWords(jurisdiction, template.language);
      return {
        serviceName: words.serviceName,
        jurisdictionName: words.name,
        protectiveMarking: words.protectiveMarking,
        ...(words.logo ? { logo: words.logo } : {}),
      };
    })(),
    running: {
      court: c.court,
      caseNumber: c.caseNumber,
      hearingDate: formatDate(c.hearingDate, fc.locale),
      pageLabel: labels.page,
      ofLabel: labels.of,
      draftLabel: labels.draft,
      contentHashLabel: labels.contentHash,
      ...(versionLine ? { version: versionLine } : {}),
      caseNumberLabel: labels.caseNumber,
      courtLabel: labels.court,
      hearingDateLabel: labels.hearingDate,
    },
    properties: {
      title: `${template.title}: ${displayName(c.person)} (${c.caseNumber})`,
      author: context.author.name,
      subject: `${template.subject} - ${c.court}, ${c.caseNumber}`,
    },
    sections,
    dropped,
  };
}
