// The follow-up compliance pieces the statistics pages and the liaison's inbox card share: the band a
// rate falls in (its thresholds are server settings, so the band always comes from the API) and how
// rates and working days read. Small on purpose: the inbox is an officer page and must stay light.
import { graphql } from '../gql';
import type { ComplianceBand } from '../gql/graphql';
import { defineMessages, useLang } from '../i18n';
import './compliance.css';

/**
 * The counts and the rate every compliance figure shows (met, missed, pending, measured, rate): spread
 * `...ComplianceFigures` in a `compliance { }` selection and add what one page needs beside them.
 */
export const ComplianceFigures = graphql(`
  fragment ComplianceFigures on Compliance {
    met
    missed
    pending
    measured
    rate
  }
`);

export const complianceMessages = defineMessages(
  {
    bandGREEN: 'Hijau',
    bandYELLOW: 'Kuning',
    bandRED: 'Merah',
    bandNONE: 'Belum terukur',
    bandLabel: 'Kategori ketepatan waktu: {band}',
    noRate: '—',
    days: '{n} hari kerja',
    dayOne: '1 hari kerja',
  },
  {
    bandGREEN: 'Green',
    bandYELLOW: 'Yellow',
    bandRED: 'Red',
    bandNONE: 'Not measured yet',
    bandLabel: 'Compliance band: {band}',
    noRate: '—',
    days: '{n} working days',
    dayOne: '1 working day',
  },
);

/** The band colours the charts draw with; the badges use the same hues (compliance.css). */
export const BAND_COLOURS: Record<ComplianceBand, string> = {
  GREEN: '#1e6b36',
  YELLOW: '#c98a00',
  RED: '#a11616',
  NONE: '#8a8a94',
};

/** A rate (0..1), its band's name and colour: the colour is never the only sign, the name is written. */
export function BandBadge({ band }: { band: ComplianceBand }) {
  const { t } = useLang();
  const words = t(complianceMessages);
  return <span class={`band band--${band.toLowerCase()}`}>{words[`band${band}`]}</span>;
}

/** How figures read in the console's language: rates as percentages, working days with one decimal. */
export function useFigureFormat() {
  const { t, locale } = useLang();
  const words = t(complianceMessages);
  const number = (value: number, digits = 0) =>
    value.toLocaleString(locale, { minimumFractionDigits: 0, maximumFractionDigits: digits });
  return {
    number: (value: number) => number(value),
    rate: (rate: number | null | undefined) =>
      rate == null ? words.noRate : rate.toLocaleString(locale, { style: 'percent', maximumFractionDigits: 1 }),
    days: (days: number | null | undefined) =>
      days == null ? words.noRate : days === 1 ? words.dayOne : words.days.replace('{n}', number(days, 1)),
    /** A bare number of working days, for table cells under a heading that names the unit. */
    dayCount: (days: number | null | undefined) => (days == null ? words.noRate : number(days, 1)),
  };
}
