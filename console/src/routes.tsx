// Every page of the console, who may open it, and where it sits in the navigation. Pages load lazily,
// so an officer never downloads the process modeler.
import type { ComponentType } from 'preact';
import type { Role } from './session';
import type { commonMessages } from './messages';
import type { PageProps } from './page';

export type PageModule = { default: ComponentType<PageProps> };

export type RouteSpec = {
  path: string;
  load: () => Promise<PageModule>;
  /** Who may open it: roles, 'anyone' (also without login) or 'loggedIn'. */
  access: Role[] | 'anyone' | 'loggedIn';
  /** The navigation label, for the pages that appear in the menu. */
  nav?: keyof (typeof commonMessages)['id'];
};

export const ROUTES: RouteSpec[] = [
  { path: '/login', load: () => import('./pages/login/LoginPage'), access: 'anyone' },
  { path: '/setup', load: () => import('./pages/login/SetupPage'), access: 'anyone' },
  { path: '/inbox', load: () => import('./pages/liaison/InboxPage'), access: ['LIAISON'], nav: 'inbox' },
  { path: '/reports/:id', load: () => import('./pages/liaison/ReportPage'), access: 'anyone' },
  { path: '/admin/verification', load: () => import('./pages/admin/VerificationPage'), access: ['ADMIN'], nav: 'verification' },
  { path: '/admin/not-authority', load: () => import('./pages/admin/NotAuthorityPage'), access: ['ADMIN'], nav: 'notAuthority' },
  { path: '/admin/overdue', load: () => import('./pages/admin/OverduePage'), access: ['ADMIN'], nav: 'overdue' },
  { path: '/admin/statistics', load: () => import('./pages/statistics/StatisticsPage'), access: ['ADMIN'], nav: 'statistics' },
  { path: '/admin/accounts', load: () => import('./pages/admin/AccountsPage'), access: ['ADMIN'], nav: 'accounts' },
  { path: '/admin/agencies', load: () => import('./pages/admin/AgenciesPage'), access: ['ADMIN'], nav: 'agencies' },
  { path: '/admin/holidays', load: () => import('./pages/admin/HolidaysPage'), access: ['ADMIN'], nav: 'holidays' },
  { path: '/admin/audit', load: () => import('./pages/admin/AuditPage'), access: ['ADMIN'], nav: 'audit' },
  { path: '/process', load: () => import('./pages/process/ProcessPage'), access: ['ADMIN', 'ANALYST'], nav: 'process' },
  { path: '/my-reports', load: () => import('./pages/reporter/MyReportsPage'), access: ['CITIZEN'], nav: 'myReports' },
  { path: '/submit', load: () => import('./pages/reporter/SubmitPage'), access: 'anyone', nav: 'submitReport' },
  { path: '/track', load: () => import('./pages/reporter/TrackPage'), access: 'anyone', nav: 'trackReport' },
  { path: '/transparency', load: () => import('./pages/statistics/PublicStatisticsPage'), access: 'anyone', nav: 'transparency' },
  { path: '/settings', load: () => import('./pages/settings/SettingsPage'), access: 'loggedIn', nav: 'settings' },
];

export function mayOpen(route: RouteSpec, role: Role | null): boolean {
  if (route.access === 'anyone') return true;
  if (route.access === 'loggedIn') return role !== null;
  return role !== null && route.access.includes(role);
}

/** The menu of a role (null: not logged in): its pages in the order above. */
export function navigationFor(role: Role | null): RouteSpec[] {
  return ROUTES.filter((route) => {
    if (!route.nav || !mayOpen(route, role)) return false;
    // Officers do not submit or track reports; the public menu has just those two.
    if (route.access === 'anyone') return role === null || role === 'CITIZEN';
    return true;
  });
}
