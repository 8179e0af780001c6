// The frame around every page: skip link, header with the language switch and the session, the role's
// navigation, and the page of the current path (loaded on demand).
import { useEffect, useState } from 'preact/hooks';
import { LANGUAGES, useLang } from './i18n';
import { commonMessages } from './messages';
import { HOME_BY_ROLE } from './page';
import { mayOpen, navigationFor, ROUTES, type PageModule, type RouteSpec } from './routes';
import { Link, matchPath, navigate, Redirect, useLocation } from './router';
import { useSession } from './session';
import { Loading, LoadError } from './components/loading';
import HomePage from './pages/login/HomePage';

const loaded = new Map<RouteSpec, PageModule>();

function LazyPage({ route, params }: { route: RouteSpec; params: Record<string, string> }) {
  const [module, setModule] = useState<PageModule | null>(loaded.get(route) ?? null);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    if (loaded.has(route)) {
      setModule(loaded.get(route)!);
      return;
    }
    setModule(null);
    route.load().then(
      (found) => {
        loaded.set(route, found);
        setModule(found);
      },
      (failure: unknown) => setError(failure),
    );
  }, [route]);
  if (error) return <LoadError error={error} />;
  if (!module) return <Loading />;
  const Page = module.default;
  return <Page params={params} />;
}

function Header() {
  const { me, logout } = useSession();
  const { lang, setLang, t } = useLang();
  const words = t(commonMessages);
  const [menuOpen, setMenuOpen] = useState(false);
  const [logoutFailed, setLogoutFailed] = useState(false);
  const { path } = useLocation();
  useEffect(() => setMenuOpen(false), [path]);
  const items = navigationFor(me?.role ?? null);
  return (
    <header class="site-header">
      <div class="site-header__bar">
        <Link href="/" class="brand">
          {words.appName}
        </Link>
        <button
          type="button"
          class="menu-toggle"
          aria-expanded={menuOpen}
          aria-controls="main-nav"
          onClick={() => setMenuOpen(!menuOpen)}
        >
          {words.menu}
        </button>
        <div class="site-header__tools">
          <label class="lang-switch">
            <span class="visually-hidden">{words.language}</span>
            <select value={lang} onChange={(event) => setLang((event.target as HTMLSelectElement).value as 'id' | 'en')}>
              {LANGUAGES.map((code) => (
                <option key={code} value={code}>
                  {code === 'id' ? 'Bahasa Indonesia' : 'English'}
                </option>
              ))}
            </select>
          </label>
          {me ? (
            <span class="who">
              <span class="who__name">{me.name}</span>
              <span class="who__role">{words[`role${me.role}`]}</span>
              <button
                type="button"
                class="button button--quiet"
                onClick={async () => {
                  try {
                    await logout();
                    setLogoutFailed(false);
                    navigate('/login');
                  } catch {
                    setLogoutFailed(true);
                  }
                }}
              >
                {words.logout}
              </button>
              {logoutFailed && (
                <span class="who__error" role="alert">
                  {words.logoutFailed}
                </span>
              )}
            </span>
          ) : (
            <Link href="/login" class="button button--quiet">
              {words.login}
            </Link>
          )}
        </div>
      </div>
      <nav id="main-nav" class={`main-nav${menuOpen ? ' main-nav--open' : ''}`} aria-label={words.mainNavigation}>
        <ul>
          {items.map((route) => (
            <li key={route.path}>
              <Link href={route.path} aria-current={path.startsWith(route.path) ? 'page' : undefined}>
                {words[route.nav!]}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
    </header>
  );
}

function CurrentPage() {
  const { me, loading } = useSession();
  const { path } = useLocation();
  const { t } = useLang();
  if (loading) return <Loading />;
  if (path === '/') {
    if (me) return <Redirect to={HOME_BY_ROLE[me.role]} />;
    return <HomePage />;
  }
  for (const route of ROUTES) {
    const params = matchPath(route.path, path);
    if (!params) continue;
    if (!mayOpen(route, me?.role ?? null)) {
      if (!me) return <Redirect to={`/login?next=${encodeURIComponent(path + location.search)}`} />;
      return <p class="notice notice--error">{t(commonMessages).forbidden}</p>;
    }
    return <LazyPage key={route.path} route={route} params={params} />;
  }
  return <p class="notice notice--error">{t(commonMessages).notFound}</p>;
}

export function App() {
  const { t } = useLang();
  return (
    <>
      <a href="#main" class="skip-link">
        {t(commonMessages).skipToContent}
      </a>
      <Header />
      <main id="main" tabIndex={-1}>
        <CurrentPage />
      </main>
    </>
  );
}
