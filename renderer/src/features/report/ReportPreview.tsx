import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { RenderBlock, RenderedReport, RenderParagraph, RenderRun } from '../../../../main/contract/report';

// The report model (the one the DOCX is written from) as HTML, laid out as the Word file is
// (main/export/docx.ts: an A4 page with 2 cm margins, Arial, its heading sizes and colours): section titles are h2, headings
// inside a section h3 (level 2) or h4 (level 3); numbered paragraphs are ordered lists that keep
// counting across sections until a section restarts them, as in the Word file.

function Runs({ runs }: { runs: RenderRun[] }) {
  return (
    <>
      {runs.map((run, i) => {
        let node: ReactNode = run.text.includes('\n')
          ? run.text.split('\n').flatMap((line, j) => (j === 0 ? [line] : [<br key={`br${j}`} />, line]))
          : run.text;
        if (run.italic) node = <em>{node}</em>;
        if (run.bold) node = <strong>{node}</strong>;
        if (run.ltr) node = <bdi dir="ltr">{node}</bdi>;
        return <span key={i}>{node}</span>;
      })}
    </>
  );
}

function Paragraph({ p }: { p: RenderParagraph }) {
  return (
    <p className={`report-p role-${p.role}`}>
      <Runs runs={p.runs} />
    </p>
  );
}

type Group = { kind: 'list'; start: number; items: RenderParagraph[][] } | { kind: 'block'; block: RenderBlock };

/** Numbered paragraphs (with the unnumbered paragraphs that continue them) grouped into lists. */
function group(blocks: RenderBlock[], counter: { n: number }): Group[] {
  const out: Group[] = [];
  let list: Extract<Group, { kind: 'list' }> | null = null;
  for (const block of blocks) {
    if (block.kind === 'paragraph' && block.numbered) {
      if (!list) {
        list = { kind: 'list', start: counter.n + 1, items: [] };
        out.push(list);
      }
      list.items.push([block]);
      counter.n += 1;
    } else if (list && block.kind === 'paragraph' && (block.role === 'body' || block.role === 'assessment')) {
      list.items[list.items.length - 1]!.push(block);
    } else {
      list = null;
      out.push({ kind: 'block', block });
    }
  }
  return out;
}

function Block({ block }: { block: RenderBlock }) {
  switch (block.kind) {
    case 'heading':
      return block.level === 2 ? <h3>{block.text}</h3> : <h4>{block.text}</h4>;
    case 'paragraph':
      return <Paragraph p={block} />;
    case 'table':
      return (
        <div className="report-table-wrap">
          <table className="report-table">
            <caption>{block.caption}</caption>
            <thead>
              <tr>
                {block.header.map((h, i) => (
                  <th key={i} scope="col">
                    {h}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {block.rows.map((row, r) => (
                <tr key={r}>
                  {row.map((cell, c) => (
                    <td key={c}>
                      {cell.map((runs, k) => (
                        <p key={k}>
                          <Runs runs={runs} />
                        </p>
                      ))}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      );
    case 'signatures':
      return (
        <div className="report-signatures">
          {block.signatories.map((s, i) => (
            <dl key={i}>
              <dt>{s.role}</dt>
              <dd>{s.name}</dd>
              <dt>{block.signatureLabel}</dt>
              <dd className="signature-line" />
              <dt>{block.dateLabel}</dt>
              <dd>{s.date || '\u00a0'}</dd>
            </dl>
          ))}
        </div>
      );
  }
}

export function ReportPreview({ model }: { model: RenderedReport }) {
  const { t } = useTranslation();
  const counter = { n: 0 };
  const r = model.running;
  return (
    <article className="report-preview" lang={model.language} dir={model.direction} aria-label={t('report.previewLabel')}>
      <header className="report-running-head">
        {model.draft && <p className="report-draft">{r.draftLabel}</p>}
        <p className="report-marking">{model.letterhead.protectiveMarking}</p>
        <dl className="report-running">
          <div>
            <dt>{r.courtLabel}</dt>
            <dd>{r.court}</dd>
          </div>
          <div>
            <dt>{r.caseNumberLabel}</dt>
            <dd>
              <bdi>{r.caseNumber}</bdi>
            </dd>
          </div>
          <div>
            <dt>{r.hearingDateLabel}</dt>
            <dd>{r.hearingDate}</dd>
          </div>
        </dl>
      </header>
      <div className="report-letterhead">
        <p className="report-service">{model.letterhead.serviceName}</p>
        <p className="report-jurisdiction">{model.letterhead.jurisdictionName}</p>
        <p className="report-title">{model.title}</p>
      </div>
      {model.sections.map((section) => {
        if (section.restartNumbering) counter.n = 0;
        return (
          <section key={section.id} className="report-section" aria-labelledby={`report-section-${section.id}`}>
            <h2 id={`report-section-${section.id}`}>{section.title}</h2>
            {group(section.blocks, counter).map((g, i) =>
              g.kind === 'list' ? (
                <ol key={i} start={g.start} className="report-numbered">
                  {g.items.map((paragraphs, j) => (
                    <li key={j}>
                      {paragraphs.map((p, k) => (
                        <Paragraph key={k} p={p} />
                      ))}
                    </li>
                  ))}
                </ol>
              ) : (
                <Block key={i} block={g.block} />
              ),
            )}
          </section>
        );
      })}
    </article>
  );
}
