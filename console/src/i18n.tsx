// Indonesian first, English by the switch in the header. Each page folder keeps its own labels in a
// `messages.ts` made with `defineMessages`, so both languages always have the same keys.
import { createContext, type ComponentChildren } from 'preact';
import { useContext, useEffect, useState } from 'preact/hooks';
import { setApiLanguage } from './api/client';

export type Lang = 'id' | 'en';
export const LANGUAGES: Lang[] = ['id', 'en'];
const STORAGE_KEY = 'lapor.lang';

export type Messages<T extends Record<string, string>> = { id: T; en: { [K in keyof T]: string } };

export function defineMessages<const T extends Record<string, string>>(
  id: T,
  en: { [K in keyof T]: string },
): Messages<T> {
  return { id, en };
}

/** `format('{n} hari', {n: 3})`: labels with values in them. */
export function format(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (whole, key: string) => (key in values ? String(values[key]) : whole));
}

type LangState = { lang: Lang; setLang: (lang: Lang) => void };
const LangContext = createContext<LangState>({ lang: 'id', setLang: () => undefined });

function initialLang(): Lang {
  const stored = localStorage.getItem(STORAGE_KEY);
  return stored === 'en' || stored === 'id' ? stored : 'id';
}

export function LangProvider({ children }: { children: ComponentChildren }) {
  const [lang, setLangState] = useState<Lang>(initialLang);
  setApiLanguage(lang);
  useEffect(() => {
    document.documentElement.lang = lang;
  }, [lang]);
  const setLang = (next: Lang) => {
    localStorage.setItem(STORAGE_KEY, next);
    setApiLanguage(next);
    setLangState(next);
  };
  return <LangContext.Provider value={{ lang, setLang }}>{children}</LangContext.Provider>;
}

export function useLang() {
  const { lang, setLang } = useContext(LangContext);
  const t = <T extends Record<string, string>>(messages: Messages<T>): { [K in keyof T]: string } => messages[lang];
  const locale = lang === 'en' ? 'en-GB' : 'id-ID';
  const formatDateTime = (iso: string | null | undefined): string =>
    iso ? new Date(iso).toLocaleString(locale, { dateStyle: 'medium', timeStyle: 'short' }) : '—';
  const formatDate = (iso: string | null | undefined): string =>
    iso ? new Date(iso.length === 10 ? `${iso}T00:00:00` : iso).toLocaleDateString(locale, { dateStyle: 'medium' }) : '—';
  return { lang, setLang, t, locale, formatDateTime, formatDate };
}
