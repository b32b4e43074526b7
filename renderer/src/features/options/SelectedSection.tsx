import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import type { MatchItem, OptionRef, Proposal } from '../../../../main/contract/options';
import type { SummaryItem } from '../../components/ErrorSummary';
import type { UpdateProposal } from './CheckList';
import { refKey } from './data';
import { ErrorLine } from './ErrorLine';

/** The options chosen on the options page, each removable here. */
export function SelectedSection({ caseId, proposal, names, errors, update, focus }: { caseId: string; proposal: Proposal; names: ReadonlyMap<string, MatchItem>; errors: SummaryItem[]; update: UpdateProposal; focus: (id: string) => void }) {
  const { t } = useTranslation();
  const nameOf = (ref: OptionRef) => names.get(refKey(ref))?.name ?? t('proposalUi.unknownOption', { id: ref.id });
  return (
    <section aria-labelledby="proposal-selected-title">
      <h2 id="proposal-selected-title">{t('proposalUi.selected')}</h2>
      <div id="proposal-selected" tabIndex={-1}>
        <ErrorLine target="proposal-selected" errors={errors} />
        {proposal.selected.length === 0 ? (
          <p>{t('proposalUi.noneSelected')}</p>
        ) : (
          <ul className="selected-options">
            {proposal.selected.map((ref) => {
              const item = names.get(refKey(ref));
              return (
                <li key={refKey(ref)}>
                  {nameOf(ref)}
                  {item && ` (${t(`status.${item.status}`)})`}{' '}
                  <button
                    type="button"
                    className="secondary"
                    onClick={() => {
                      update((d) => ({ ...d, selected: d.selected.filter((r) => refKey(r) !== refKey(ref)) }));
                      focus('proposal-selected');
                    }}
                  >
                    {t('proposalUi.remove', { name: nameOf(ref) })}
                  </button>
                </li>
              );
            })}
          </ul>
        )}
      </div>
      <p>
        <Link href={`/cases/${caseId}/options`}>{t('proposalUi.chooseOptions')}</Link>
      </p>
    </section>
  );
}
