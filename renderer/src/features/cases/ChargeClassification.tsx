import { useEffect, useState } from 'react';
import type { FieldError, UseFormRegister } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { offenceCategories, seriousnessLevels, type CaseDetails, type OffenceCategory } from '../../../../main/contract/case';
import { call } from '../../api/client';
import { SelectField } from '../../components/fields';

// A charge's offence category (from the jurisdiction's list) and the officer's reading of its
// seriousness: the options use them for relevance and exclusions (docs/DOMAIN.md). Both may stay
// unset; the category is then read from the charge's wording.

let jurisdictionList: Promise<readonly OffenceCategory[]> | undefined;
function categoriesOfJurisdiction(): Promise<readonly OffenceCategory[]> {
  jurisdictionList ??= call('options.jurisdiction', {}).then(
    (j) => j?.offenceCategories ?? offenceCategories,
    () => offenceCategories,
  );
  return jurisdictionList;
}

export function ChargeClassification({ index, register, errors }: { index: number; register: UseFormRegister<CaseDetails>; errors?: { category?: FieldError; seriousness?: FieldError } }) {
  const { t } = useTranslation();
  const [categories, setCategories] = useState<readonly OffenceCategory[]>(offenceCategories);
  useEffect(() => {
    let live = true;
    void categoriesOfJurisdiction().then((list) => live && setCategories(list));
    return () => {
      live = false;
    };
  }, []);
  return (
    <>
      <SelectField
        name={`charges.${index}.category`}
        label={t('fields.offenceCategory')}
        hint={t('fields.offenceCategoryHint')}
        placeholder={t('fields.notRecorded')}
        options={categories.map((c) => ({ value: c, label: t(`offenceCategory.${c}`) }))}
        error={errors?.category}
        registration={register(`charges.${index}.category`, { setValueAs: (v: string) => (v === '' ? undefined : v) })}
      />
      <SelectField
        name={`charges.${index}.seriousness`}
        label={t('fields.seriousness')}
        placeholder={t('fields.notRecorded')}
        options={seriousnessLevels.map((s) => ({ value: s, label: t(`chargeSeriousness.${s}`) }))}
        error={errors?.seriousness}
        registration={register(`charges.${index}.seriousness`, { setValueAs: (v: string) => (v === '' ? undefined : v) })}
      />
    </>
  );
}
