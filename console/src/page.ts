// What every page gets and where each role starts: shared by the route table and the pages, so that
// no page imports the route table that loads it.
import type { Role } from './session';

export type PageProps = { params: Record<string, string> };

/** Where each role starts after login. */
export const HOME_BY_ROLE: Record<Role, string> = {
  LIAISON: '/inbox',
  ADMIN: '/admin/verification',
  ANALYST: '/process',
  CITIZEN: '/my-reports',
};
